/**
 * Functions by severity, each card linking to the table filtered to it. A card counts functions with at least one
 * finding of its severity (lib/view/severity.ts), the same rule as the table's and the graph's severity filters,
 * so the number on the card is the number of rows its link shows. Server component.
 */
import Link from "next/link";
import { SEVERITIES, type Severity } from "@/lib/analysis/types";
import { SEVERITY_CHIP, SEVERITY_LABEL } from "@/components/severity-style";

/** `snapshotQuery`: "snapshot=<id>&" on a pinned snapshot, so the filtered table stays on it ("" for the latest). */
export function SeveritySummary({ counts, functionCount, snapshotQuery = "" }: { counts: Record<Severity, number>; functionCount: number; snapshotQuery?: string }) {
  return (
    <section aria-label="Functions by finding severity" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-600">Functions</p>
        <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid="count-functions">
          {functionCount.toLocaleString("en-US")}
        </p>
      </div>
      {SEVERITIES.map((s) => (
        <Link
          key={s}
          href={`/?${snapshotQuery}sev=${s}`}
          data-testid={`count-${s}`}
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-slate-300 focus-visible:outline-2 focus-visible:outline-sky-600"
        >
          <p className="flex items-center gap-2 text-xs font-medium uppercase tracking-wide text-slate-600">
            <span className={`inline-block h-2.5 w-2.5 rounded-full ${SEVERITY_CHIP[s]}`} aria-hidden="true" />
            {SEVERITY_LABEL[s]}
          </p>
          <p className="mt-1 text-2xl font-semibold text-slate-900">{counts[s].toLocaleString("en-US")}</p>
          <p className="text-xs text-slate-600">
            function{counts[s] === 1 ? "" : "s"} with {s === "info" ? "an" : "a"} {SEVERITY_LABEL[s].toLowerCase()} finding
          </p>
        </Link>
      ))}
    </section>
  );
}
