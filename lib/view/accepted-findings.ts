/** What the overview says about the suppressions file (LPG_SUPPRESSIONS): which findings it accepts and why. */
import type { AnalysisReport, Severity } from "@/lib/analysis/types";
import type { AcceptedFindings } from "@/lib/store/accepted-findings";
import { formatCount, plural } from "./count-text";
import { findingPlace, functionNames } from "./finding-place";

export interface AcceptedItem {
  id: string;
  severity: Severity;
  rule: string;
  place: string;
  title: string;
  reason: string;
  expires?: string;
}

export type AcceptedView =
  | { kind: "applied"; summary: string; items: AcceptedItem[]; warnings: string[] }
  | { kind: "invalid"; message: string };

/** Undefined when there is nothing to say: no file, or a file that accepts nothing and warns of nothing. */
export function acceptedView(accepted: AcceptedFindings | undefined, report: AnalysisReport): AcceptedView | undefined {
  if (!accepted) return undefined;
  if (accepted.kind === "invalid") {
    return { kind: "invalid", message: `The suppressions file could not be applied (${accepted.error}): every finding is shown.` };
  }
  const suppressed = report.suppressed ?? [];
  if (suppressed.length === 0 && accepted.warnings.length === 0) return undefined;
  const names = functionNames(report);
  const items = suppressed.map((f) => ({
    id: f.id,
    severity: f.severity,
    rule: f.rule,
    place: findingPlace(f, names),
    title: f.title,
    reason: f.suppression.reason,
    ...(f.suppression.expires ? { expires: f.suppression.expires } : {}),
  }));
  const n = accepted.warnings.length;
  const warned = n ? ` · ${formatCount(n)} ${n === 1 ? "entry" : "entries"} of the file to review` : "";
  const summary = `${plural(items.length, "finding")} accepted in the suppressions file, left out of the counts and the graph${warned}`;
  return { kind: "applied", summary, items, warnings: accepted.warnings };
}
