"use client";
/**
 * The details panel's findings, a page at a time: the node's details carry the first FINDINGS_PAGE, worst first, with
 * the exact count, and the pager (components/list-pager.tsx) asks GET /api/graph/findings for the others. A hub
 * function's 1,503 finding cards, drawn at once, held the tab for 18 s. Cards of one title are numbered by the server,
 * across the node's findings ("51 of 60" on page 2), not within the page drawn.
 */
import { useState } from "react";
import type { FindingsPage } from "@/lib/view/graph-view";
import { FINDINGS_PAGE } from "@/lib/view/paging";
import { ListPager } from "@/components/list-pager";
import { FindingCard } from "./finding-card";

type Shown = Pick<FindingsPage, "findings" | "twins">;

export function FindingList({ snapshotId, nodeId, first, total }: { snapshotId: string; nodeId: string; first: Shown; total: number }) {
  const [shown, setShown] = useState<Shown & { page: number }>({ page: 1, ...first });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pages = Math.max(1, Math.ceil(total / FINDINGS_PAGE));

  const goTo = (page: number) => {
    if (page === 1) {
      setShown({ page, ...first });
      setError(null);
      return;
    }
    setBusy(true);
    fetch(`/api/graph/findings?snapshot=${encodeURIComponent(snapshotId)}&node=${encodeURIComponent(nodeId)}&page=${page}`)
      .then(async (res) => {
        if (!res.ok) throw new Error(res.status === 401 ? "your session has ended" : `the server answered ${res.status}`);
        const answer = (await res.json()) as FindingsPage;
        setShown({ page: answer.page, findings: answer.findings, twins: answer.twins });
        setError(null);
      })
      .catch((e: unknown) => setError(`Could not load these findings: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setBusy(false));
  };

  const { page, findings, twins } = shown;
  return (
    <>
      {total > FINDINGS_PAGE ? (
        <div className="-mx-4 mb-2">
          <ListPager
            label="Pages of the node's findings"
            noun="finding"
            state={{ page, pages, offset: (page - 1) * FINDINGS_PAGE, shown: findings.length, of: total }}
            busy={busy}
            onPage={goTo}
          />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mb-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div className="space-y-3" aria-busy={busy} data-testid="finding-list">
        {findings.map((f, i) => (
          <FindingCard key={f.id} finding={f} twin={twins[i] ?? undefined} />
        ))}
      </div>
    </>
  );
}
