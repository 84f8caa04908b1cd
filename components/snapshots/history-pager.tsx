"use client";
/** The snapshot history's pager: a page is a history entry (Back returns to the last), drawn by the server. */
import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { ListPager, type ListPagerState } from "@/components/list-pager";
import { snapshotsUrlState } from "@/lib/view/url-state";

export function HistoryPager({ state }: { state: ListPagerState }) {
  // In a transition, as the overview's table asks for its pages: `pending` holds until the server's page is drawn.
  const [pending, startTransition] = useTransition();
  const [, setState] = useQueryStates(snapshotsUrlState, { history: "push", shallow: false, startTransition });
  return <ListPager label="Pages of the snapshot history" noun="snapshot" busy={pending} state={state} onPage={(p) => void setState({ page: p === 1 ? null : p })} />;
}
