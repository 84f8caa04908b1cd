import { AppHeader } from "@/components/app-header";
import { EmptyState } from "@/components/empty-state";
import type { PageLoad } from "./load";

export function NoReport({ load, current }: { load: Exclude<PageLoad, { kind: "ok" }>; current: "overview" | "graph" }) {
  return (
    <>
      <AppHeader current={current} />
      <main>
        {load.kind === "invalid" ? (
          <EmptyState title="Invalid snapshot id">
            <p>The snapshot parameter must be “latest” or an id like 20250301T120000Z-3f9a0c1b2d4e ({load.error}).</p>
          </EmptyState>
        ) : load.snapshotId === "latest" ? (
          <EmptyState title="No snapshot yet">
            <p>
              Scan an account with <code className="font-mono">npm run cli -- scan</code>, or start the dashboard on a file
              with <code className="font-mono">npm run cli -- serve FILE</code>.
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="Snapshot not found">
            <p>
              No stored snapshot has the id <code className="font-mono">{load.snapshotId}</code>.
            </p>
          </EmptyState>
        )}
      </main>
    </>
  );
}
