/** Stored snapshots, newest capture first, each linking to its overview and graph. Server component. */
import Link from "next/link";
import { formatCaptureTime, scanName } from "@/lib/view/capture-time";
import type { SnapshotMeta } from "@/lib/store/file-store";

const link = "text-sky-800 underline hover:text-sky-950 focus-visible:outline-2 focus-visible:outline-sky-600";

/**
 * What each row's links are of, for their names: every row has an "Overview" and a "Graph" link, which a screen
 * reader's list of links could not tell apart. The capture time and account say it; rows sharing both add the id.
 */
function scanNames(snapshots: readonly SnapshotMeta[]): string[] {
  const names = snapshots.map(scanName);
  return names.map((n, i) => (names.indexOf(n) !== names.lastIndexOf(n) ? `${n} (${snapshots[i]!.id})` : n));
}

export function SnapshotList({ snapshots }: { snapshots: SnapshotMeta[] }) {
  if (snapshots.length === 0) return <p className="text-sm text-slate-600">No snapshots stored yet.</p>;
  const scans = scanNames(snapshots);
  return (
    // The links sit under each capture time, in the first column, and the table scrolls in its own box: on a phone
    // (320–390 px) its columns cannot all fit, and links in a last column ran off screen. Cut off at the box's edge,
    // the columns gave no sign that more lay beyond: a shadow marks the edge with more past it, a line says so on a
    // phone, and the box is a named stop in the Tab order (WAI scrollable region), so arrow keys scroll it.
    <>
    <p className="mb-2 text-xs text-slate-600 sm:hidden" data-testid="snapshot-list-scroll-hint">
      The table scrolls sideways: swipe it, or focus it and use the arrow keys.
    </p>
    <div
      role="region"
      aria-label="Stored snapshots table"
      tabIndex={0}
      className="scroll-edges-x overflow-x-auto focus-visible:outline-2 focus-visible:outline-sky-600"
      data-testid="snapshot-list-scroller"
    >
    <table className="w-full text-left text-sm" data-testid="snapshot-list">
      <caption className="sr-only">Stored snapshots, newest capture first</caption>
      <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
        <tr>
          <th scope="col" className="py-2 pr-4 font-medium">Captured</th>
          <th scope="col" className="py-2 pr-4 font-medium">Account</th>
          <th scope="col" className="py-2 pr-4 font-medium">Regions</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Functions</th>
          <th scope="col" className="py-2 font-medium">Id</th>
        </tr>
      </thead>
      <tbody>
        {snapshots.map((s, i) => (
          <tr key={s.id} data-testid="snapshot-row" data-id={s.id} className="border-b border-slate-100">
            <td className="py-2 pr-4">
              <time dateTime={s.capturedAt}>{formatCaptureTime(s.capturedAt)}</time>
              <span className="flex flex-wrap gap-x-3">
                {/* The names start with the visible words (WCAG 2.5.3): speech users say what they see. */}
                <Link className={link} href={`/?snapshot=${encodeURIComponent(s.id)}`} aria-label={`Overview of ${scans[i]}`}>
                  Overview
                </Link>
                <Link className={link} href={`/graph?snapshot=${encodeURIComponent(s.id)}`} aria-label={`Graph of ${scans[i]}`}>
                  Graph
                </Link>
              </span>
            </td>
            <td className="py-2 pr-4 font-mono">{s.account}</td>
            <td className="py-2 pr-4">{s.regions.join(", ") || "none"}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{s.functionCount.toLocaleString("en-US")}</td>
            <td className="py-2 font-mono text-xs text-slate-600">{s.id}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
    </>
  );
}
