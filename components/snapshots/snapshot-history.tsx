/**
 * The stored snapshots, newest capture first, a page at a time: a store that keeps every scan drew all of them (500
 * rows at 500 snapshots). Server component; the page comes from the URL (`page=`).
 */
import { HISTORY_PAGE, pageOf } from "@/lib/view/paging";
import type { SnapshotMeta } from "@/lib/store/file-store";
import { HistoryPager } from "./history-pager";
import { SnapshotList } from "./snapshot-list";

export function SnapshotHistory({ snapshots, page }: { snapshots: SnapshotMeta[]; page: number }) {
  const drawn = pageOf(snapshots, page, HISTORY_PAGE);
  return (
    <section aria-labelledby="history-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="history-title" className="mb-3 text-base font-semibold text-slate-900">
        History ({snapshots.length})
      </h2>
      {drawn.pages > 1 ? (
        <HistoryPager state={{ page: drawn.page, pages: drawn.pages, offset: drawn.offset, shown: drawn.items.length, of: snapshots.length }} />
      ) : null}
      <SnapshotList snapshots={drawn.items} />
    </section>
  );
}
