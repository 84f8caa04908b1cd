/** Two stored scans and what changed between them (lib/diff), through the same report cache the pages use. */
import { diffReports, type ReportDiff } from "@/lib/diff/diff-reports";
import { unrelatedScans } from "@/lib/diff/unrelated-scans";
import type { LoadedReport } from "./report-cache";
import { reportOutcome, type ReportOutcome } from "./app-store";

export type DiffLoad =
  /**
   * `sameSnapshot`: both sides are one scan (an id and "latest" standing for it, too), whose diff is empty: it says
   * there is nothing to compare, where an empty diff alone reads as two scans that agree.
   */
  | { kind: "ok"; from: LoadedReport; to: LoadedReport; diff: ReportDiff; sameSnapshot: boolean }
  | { kind: "unrelated"; from: LoadedReport; to: LoadedReport; reason: string }
  | { kind: "missing"; id: string }
  | { kind: "unreadable"; id: string; reason: string };

export async function loadDiff(fromId: string, toId: string): Promise<DiffLoad> {
  const [from, to] = await Promise.all([reportOutcome(fromId), reportOutcome(toId)]);
  if (from.kind !== "ok") return notLoaded(fromId, from);
  if (to.kind !== "ok") return notLoaded(toId, to);
  const unrelated = unrelatedScans(from.loaded.report, to.loaded.report);
  if (unrelated) return { kind: "unrelated", from: from.loaded, to: to.loaded, reason: unrelated };
  const sameSnapshot = from.loaded.meta.id === to.loaded.meta.id;
  return { kind: "ok", from: from.loaded, to: to.loaded, diff: diffReports(from.loaded.report, to.loaded.report), sameSnapshot };
}

function notLoaded(id: string, outcome: Exclude<ReportOutcome, { kind: "ok" }>): DiffLoad {
  return outcome.kind === "missing" ? { kind: "missing", id } : { kind: "unreadable", id, reason: outcome.reason };
}
