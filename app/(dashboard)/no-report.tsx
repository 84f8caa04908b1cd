import { AppHeader, MAIN_ID } from "@/components/app-header";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { latestSnapshotHref } from "@/lib/view/share-link";
import type { PageLoad } from "./load";

export function NoReport({ load, current }: { load: Exclude<PageLoad, { kind: "ok" }>; current: "overview" | "graph" }) {
  return (
    <>
      <AppHeader current={current} />
      <main id={MAIN_ID} tabIndex={-1} className="focus:outline-none">
        {load.kind === "invalid" ? (
          <EmptyState title="Invalid snapshot id">
            <p>The snapshot parameter must be “latest” or an id like 20250301T120000Z-3f9a0c1b2d4e ({load.error}).</p>
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
            <p className="mt-4">
              <Link
                href={latestSnapshotHref(current === "graph" ? "/graph" : "/", load.search)}
                className="inline-block rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
                data-testid="open-latest"
              >
                Open the latest snapshot
              </Link>
            </p>
          </EmptyState>
        )}
      </main>
    </>
  );
}
