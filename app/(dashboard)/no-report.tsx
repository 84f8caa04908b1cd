import { AppHeader, MAIN_ID } from "@/components/app-header";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { latestSnapshotHref } from "@/lib/view/share-link";
import type { PageLoad } from "./load";

const primary =
  "inline-block rounded-md bg-sky-700 px-3 py-2 forced-colors:border text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";
const secondary = "text-sm font-medium text-sky-800 underline focus-visible:outline-2 focus-visible:outline-sky-600";

/**
 * Where to go from a link whose snapshot cannot be shown: the same view on the latest snapshot (unless that is the
 * one that failed), and the list of stored snapshots, to pick another or upload one.
 */
function WaysOn({ current, search, latest = true }: { current: "overview" | "graph"; search: string; latest?: boolean }) {
  return (
    <p className="mt-4 flex flex-wrap items-center justify-center gap-4">
      {latest ? (
        <Link href={latestSnapshotHref(current === "graph" ? "/graph" : "/", search)} className={primary} data-testid="open-latest">
          Open the latest snapshot
        </Link>
      ) : null}
      <Link href="/snapshots" className={latest ? secondary : primary} data-testid="all-snapshots">
        All snapshots
      </Link>
    </p>
  );
}

export function NoReport({ load, current }: { load: Exclude<PageLoad, { kind: "ok" }>; current: "overview" | "graph" }) {
  return (
    <>
      <AppHeader current={current} />
      <main id={MAIN_ID} tabIndex={-1} className="focus:outline-none">
        {load.kind === "stopping" ? (
          <EmptyState title="Server stopping">
            <p data-testid="server-stopping">{load.reason}</p>
          </EmptyState>
        ) : load.kind === "invalid" ? (
          <EmptyState title="Invalid snapshot id">
            <p>The snapshot parameter must be “latest” or an id like 20250301T120000Z-3f9a0c1b2d4e ({load.error}).</p>
            <WaysOn current={current} search={load.search} />
          </EmptyState>
        ) : load.kind === "unreadable" ? (
          <EmptyState title="Snapshot could not be read">
            <p data-testid="snapshot-unreadable">
              Snapshot <code className="break-all font-mono">{load.snapshotId}</code> is stored, but it no longer reads as a snapshot, so
              nothing in it is shown:
            </p>
            <p className="mt-2 break-words rounded-md bg-red-50 px-3 py-2 text-left font-mono text-xs text-red-900" data-testid="snapshot-unreadable-reason">
              {load.reason}
            </p>
            <p className="mt-2">
              {load.requested === "latest"
                ? "It is the newest stored scan: scan again with Scan now, upload a fresh snapshot file, or open an older scan."
                : "Open the latest scan instead, or pick another one."}
            </p>
            <WaysOn current={current} search={load.search} latest={load.requested !== "latest"} />
          </EmptyState>
        ) : load.snapshotId === "latest" ? (
          <EmptyState title="No snapshot yet">
            <p>
              Press <strong>Scan now</strong> above to scan the account this server&apos;s AWS credentials reach, or upload a
              snapshot file on{" "}
              <Link href="/snapshots" className="font-medium text-sky-800 underline" data-testid="no-snapshot-upload">
                Snapshots
              </Link>
              .
            </p>
            <p className="mt-2">
              From a terminal: <code className="font-mono">npm run cli -- scan</code>, or start the dashboard on a file with{" "}
              <code className="font-mono">npm run cli -- serve FILE</code>.
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="Snapshot not found">
            <p data-testid="snapshot-missing">
              This link points to snapshot <code className="font-mono">{load.snapshotId}</code>, which is not stored here
              (it may have been deleted, or the link comes from another server).
            </p>
            <WaysOn current={current} search={load.search} />
          </EmptyState>
        )}
      </main>
    </>
  );
}
