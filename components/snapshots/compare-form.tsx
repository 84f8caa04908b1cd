/** Pick two stored scans to compare; a plain GET form, so it works without JavaScript and the result has a URL. */
import { formatCaptureTime } from "@/lib/view/capture-time";
import type { SnapshotMeta } from "@/lib/store/file-store";

const selectClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-600";

function Options({ snapshots }: { snapshots: SnapshotMeta[] }) {
  return snapshots.map((s) => (
    <option key={s.id} value={s.id}>
      {formatCaptureTime(s.capturedAt)} · {s.account} · {s.functionCount} functions ({s.id})
    </option>
  ));
}

export function CompareForm({ snapshots, from, to }: { snapshots: SnapshotMeta[]; from?: string; to?: string }) {
  if (snapshots.length < 2) {
    return <p className="text-sm text-slate-600">Store at least two snapshots to compare them.</p>;
  }
  return (
    <form action="/snapshots/compare" method="get" className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" data-testid="compare-form">
      <label className="text-xs font-medium text-slate-600">
        Older scan
        <select name="from" className={selectClass} defaultValue={from ?? snapshots[1]?.id} data-testid="compare-from">
          <Options snapshots={snapshots} />
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Newer scan
        <select name="to" className={selectClass} defaultValue={to ?? snapshots[0]?.id} data-testid="compare-to">
          <Options snapshots={snapshots} />
        </select>
      </label>
      <button
        type="submit"
        data-testid="compare-submit"
        className="rounded-md bg-sky-700 px-3 py-1.5 forced-colors:border text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
      >
        Compare
      </button>
    </form>
  );
}
