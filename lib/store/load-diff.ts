/** Two stored scans and what changed between them (lib/diff), through the same report cache the pages use. */
import { diffReports, type ReportDiff } from "@/lib/diff/diff-reports";
import type { LoadedReport } from "./report-cache";
import { loadReport } from "./app-store";

export type DiffLoad =
  | { kind: "ok"; from: LoadedReport; to: LoadedReport; diff: ReportDiff }
  | { kind: "missing"; id: string };

export async function loadDiff(fromId: string, toId: string): Promise<DiffLoad> {
  const [from, to] = await Promise.all([loadReport(fromId), loadReport(toId)]);
  if (!from) return { kind: "missing", id: fromId };
  if (!to) return { kind: "missing", id: toId };
  return { kind: "ok", from, to, diff: diffReports(from.report, to.report) };
}
