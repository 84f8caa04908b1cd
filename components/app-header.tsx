/** Product name, account and capture time, and the two views. Server component. */
import Link from "next/link";
import { ScanButton } from "@/components/scan/scan-button";
import { AuthStatus } from "@/components/auth/auth-status";
import { formatCaptureTime } from "@/lib/view/capture-time";
import { servingOneFile } from "@/lib/store/read-only";
import { ViewTabs } from "./view-tabs";
import { headerTabClass as tab } from "./header-tab";

export interface AppHeaderProps {
  account?: string;
  capturedAt?: string;
  regions?: string[];
  snapshotId?: string;
  current: "overview" | "graph" | "snapshots";
}

export { formatCaptureTime };

/** The id of every dashboard page's <main>, which the header's skip link jumps to (it takes focus: tabIndex -1). */
export const MAIN_ID = "content";

export function AppHeader({ account, capturedAt, regions, snapshotId, current }: AppHeaderProps) {
  const qs = snapshotId && snapshotId !== "latest" ? `?snapshot=${encodeURIComponent(snapshotId)}` : "";
  return (
    // Wraps rather than overflows: at 200 % zoom (640 CSS px) one row pushed Scan now and sign-out off the screen.
    <header className="flex min-h-14 shrink-0 flex-wrap items-center gap-x-6 gap-y-1 bg-slate-900 px-4 py-0.5 text-white">
      {/* The first Tab stop: keyboard users skip the navigation to the page's own content. */}
      <a
        href={`#${MAIN_ID}`}
        className="sr-only rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-900 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus-visible:outline-2 focus-visible:outline-sky-400"
        data-testid="skip-to-content"
      >
        Skip to content
      </a>
      <Link href={`/${qs}`} className="flex items-center gap-2 whitespace-nowrap font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-sky-400">
        <span className="flex h-7 w-7 items-center justify-center rounded-md bg-sky-500 text-slate-950" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round">
            <path d="M6 4h3l7 16h2" />
            <path d="M11.5 10 6 20" />
          </svg>
        </span>
        Lambda Permissions Graph
      </Link>
      <nav aria-label="Views" className="flex items-center gap-1">
        {/* Carrying the filters both pages share (lib/view/carried-filters.ts). */}
        <ViewTabs current={current} snapshotQuery={qs} />
        <Link href="/snapshots" className={tab(current === "snapshots")} aria-current={current === "snapshots" ? "page" : undefined}>
          Snapshots
        </Link>
      </nav>
      {account ? (
        // Wraps too: on a phone the capture time takes a row of its own rather than leave the bar (or the screenshot).
        <dl className="ml-auto flex flex-wrap items-center gap-x-5 gap-y-0.5 text-sm" data-testid="header-account">
          <div className="flex gap-1.5">
            <dt className="text-slate-400">Account</dt>
            <dd className="font-mono">{account}</dd>
          </div>
          {capturedAt ? (
            // Shown at every width: a phone's screenshot of the graph must still say when the snapshot was taken.
            <div className="flex gap-1.5" data-testid="header-captured">
              <dt className="text-slate-400">Captured</dt>
              <dd className="whitespace-nowrap">
                <time dateTime={capturedAt}>{formatCaptureTime(capturedAt)}</time>
              </dd>
            </div>
          ) : null}
          {regions?.length ? (
            // The pages say the regions too (overview heading, graph filter); the bar shows them where there is room.
            <div className="hidden gap-1.5 2xl:flex">
              <dt className="text-slate-400">Regions</dt>
              <dd>{regions.join(", ")}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {/* Kept at its width so the account details give way: squeezed, the badge wrapped and pushed Scan now out of the bar. */}
      <div className={`flex shrink-0 flex-col items-end gap-0.5 ${account ? "" : "ml-auto"}`}>
        <ScanButton readOnly={servingOneFile()} />
        <AuthStatus />
      </div>
    </header>
  );
}
