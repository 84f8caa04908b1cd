"use client";
/**
 * One of a node's long lists in the details panel, a page at a time (lib/view/graph-view.ts listPage): its findings, a
 * function's invokers and what it can reach. The node's details carry the first DETAILS_PAGE with the exact count; the
 * pager (components/list-pager.tsx) asks GET /api/graph/list for the others. A hub function's 1,503 finding cards,
 * 2,000 ways in and 1,000 reaches, all sent and drawn, were 1.4 MB of one answer and held the tab for seconds.
 */
import { useEffect, useState, type ReactNode } from "react";
import type { DetailsList, ListPage } from "@/lib/view/graph-view";
import { DETAILS_PAGE } from "@/lib/view/paging";
import { ListPager } from "@/components/list-pager";
import { sessionEnded, sessionEpoch, useSessionRestored } from "@/components/auth/session-ended";

export interface PagedListProps<S> {
  snapshotId: string;
  nodeId: string;
  /**
   * A group node's view, as GET /api/graph's query keys other than `node` ("svc=sqs&limit=60"): the members it pages
   * through are those drawn in it (app/api/graph/list/route.ts).
   */
  view?: string;
  list: DetailsList;
  /** What the page drawn first (`firstPage`, 1 unless said) draws, from the node's details, and how many items the list has. */
  first: S;
  firstPage?: number;
  total: number;
  /** What a page the server answered draws (its items and whatever labels them). */
  read: (answer: ListPage) => S;
  /** The pager's name ("Pages of the node's findings") and what an item is ("finding"; `nouns` where not "findings"). */
  label: string;
  noun: string;
  nouns?: string;
  /**
   * The pager's place: the findings' runs the panel's width, inset as the panel's content; the lists' their column's,
   * with no inset, so that its text starts where their items do.
   */
  pagerClassName: string;
  pagerInset?: "px-4" | "px-0";
  /** Draws a page; `busy` while the next is loading. */
  children: (shown: S, busy: boolean) => ReactNode;
}

export function PagedList<S>({ snapshotId, nodeId, view, list, first, firstPage = 1, total, read, label, noun, nouns = `${noun}s`, pagerClassName, pagerInset, children }: PagedListProps<S>) {
  const [shown, setShown] = useState<{ page: number; items: S }>({ page: firstPage, items: first });
  const [busy, setBusy] = useState(false);
  /**
   * `signedOut`: the answer was 401, which the page's notice says (session-ended.ts): this one is no alert; `page`,
   * the one asked for, asked again when the session is restored.
   */
  const [error, setError] = useState<{ text: string; signedOut: boolean; page: number } | null>(null);
  const pages = Math.max(1, Math.ceil(total / DETAILS_PAGE));

  const goTo = (page: number) => {
    if (page === firstPage) {
      setShown({ page, items: first });
      setError(null);
      return;
    }
    setBusy(true);
    const sentUnder = sessionEpoch();
    let again = false;
    fetch(`/api/graph/list?snapshot=${encodeURIComponent(snapshotId)}&node=${encodeURIComponent(nodeId)}&list=${list}&page=${page}${view ? `&${view}` : ""}`)
      .then(async (res) => {
        if (res.status === 401) {
          // Sent before the session was restored: asked again under it, as the restore asks a refused page again.
          if (!sessionEnded(sentUnder)) {
            again = true;
            return;
          }
          setError({ text: `Could not load these ${nouns}: your session has ended`, signedOut: true, page });
          return;
        }
        if (!res.ok) throw new Error(`the server answered ${res.status}`);
        const answer = (await res.json()) as ListPage;
        setShown({ page: answer.page, items: read(answer) });
        setError(null);
      })
      .catch((e: unknown) => setError({ text: `Could not load these ${nouns}: ${e instanceof Error ? e.message : String(e)}`, signedOut: false, page }))
      .finally(() => (again ? goTo(page) : setBusy(false)));
  };

  const restored = useSessionRestored();
  useEffect(() => {
    if (restored > 0 && error?.signedOut) goTo(error.page);
    // Only a restored session asks again; `error` is read as it is then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [restored]);

  const offset = (shown.page - 1) * DETAILS_PAGE;
  return (
    <>
      {total > DETAILS_PAGE ? (
        <div className={pagerClassName}>
          <ListPager label={label} noun={noun} nouns={nouns} state={{ page: shown.page, pages, offset, shown: Math.min(DETAILS_PAGE, total - offset), of: total }} busy={busy} onPage={goTo} inset={pagerInset} />
        </div>
      ) : null}
      {error ? (
        <p role={error.signedOut ? undefined : "alert"} className="mb-2 text-sm text-red-800" data-testid="list-error">
          {error.text}
        </p>
      ) : null}
      {children(shown.items, busy)}
    </>
  );
}
