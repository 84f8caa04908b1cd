"use client";
/** The snapshot history's pager: a page is a history entry (Back returns to the last), drawn by the server. */
import { useQueryStates } from "nuqs";
import { ListPager, type ListPagerState } from "@/components/list-pager";
import { snapshotsUrlState } from "@/lib/view/url-state";

export function HistoryPager({ state }: { state: ListPagerState }) {
  const [, setState] = useQueryStates(snapshotsUrlState, { history: "push", shallow: false });
  return <ListPager label="Pages of the snapshot history" state={state} onPage={(p) => void setState({ page: p === 1 ? null : p })} />;
}
