"use client";
/**
 * The details panel's findings, worst first, a page at a time (paged-list.tsx). Cards of one title are numbered by the
 * server, across the node's findings ("51 of 60" on page 2), not within the page drawn.
 */
import type { FindingsPage, ListPage } from "@/lib/view/graph-view";
import { FindingCard } from "./finding-card";
import { PagedList } from "./paged-list";

type Shown = Pick<FindingsPage, "findings" | "twins">;

const read = (answer: ListPage): Shown => ("findings" in answer ? { findings: answer.findings, twins: answer.twins } : { findings: [], twins: [] });

export function FindingList({ snapshotId, nodeId, first, total }: { snapshotId: string; nodeId: string; first: Shown; total: number }) {
  return (
    <PagedList snapshotId={snapshotId} nodeId={nodeId} list="findings" first={first} total={total} read={read} label="Pages of the node's findings" noun="finding" pagerClassName="-mx-4 mb-2">
      {({ findings, twins }, busy) => (
        <div className="space-y-3" aria-busy={busy} data-testid="finding-list">
          {findings.map((f, i) => (
            <FindingCard key={f.id} finding={f} twin={twins[i] ?? undefined} />
          ))}
        </div>
      )}
    </PagedList>
  );
}
