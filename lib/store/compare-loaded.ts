/**
 * Two analysed scans compared, and the JSON the compare route answers with: one place for the route and
 * `cli compare`, so a pipeline's diff of two files is the dashboard's diff of the same two scans.
 */
import { diffReports, type ReportDiff } from "@/lib/diff/diff-reports";
import { unrelatedScans } from "@/lib/diff/unrelated-scans";
import type { SnapshotMeta } from "./file-store";
import type { LoadedReport } from "./report-cache";

/**
 * `sameSnapshot`: both sides are one scan (an id and "latest" standing for it, too), whose diff is empty: it says
 * there is nothing to compare, where an empty diff alone reads as two scans that agree.
 */
export type ComparedScans =
  | { kind: "ok"; from: LoadedReport; to: LoadedReport; diff: ReportDiff; sameSnapshot: boolean }
  | { kind: "unrelated"; from: LoadedReport; to: LoadedReport; reason: string };

export function compareLoaded(from: LoadedReport, to: LoadedReport): ComparedScans {
  const unrelated = unrelatedScans(from.report, to.report);
  if (unrelated) return { kind: "unrelated", from, to, reason: unrelated };
  const sameSnapshot = from.meta.id === to.meta.id;
  return { kind: "ok", from, to, diff: diffReports(from.report, to.report), sameSnapshot };
}

export interface DiffBody {
  from: SnapshotMeta;
  to: SnapshotMeta;
  sameSnapshot: boolean;
  diff: ReportDiff;
}

/** `GET /api/snapshots/diff`'s answer (docs/reports.md): both sides' metadata beside the diff. */
export function diffBody(compared: Extract<ComparedScans, { kind: "ok" }>): DiffBody {
  return { from: compared.from.meta, to: compared.to.meta, sameSnapshot: compared.sameSnapshot, diff: compared.diff };
}
