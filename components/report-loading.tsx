/**
 * Shown while a snapshot is read and analysed (see app/(dashboard)/when-ready.tsx). At 10,000 functions the first
 * analysis takes 10–15 s: `waiting` says which account and how many functions, and the step reached, polled while
 * the page waits (AnalysisProgressPoll), so the wait reads as work under way rather than a stuck page.
 */
import type { AnalysisProgress } from "@/lib/analysis/analyze";
import type { SnapshotMeta } from "@/lib/store/file-store";
import { AnalysisProgressLine } from "./analysis-progress";

export interface Waiting {
  meta: Pick<SnapshotMeta, "id" | "account" | "regions" | "functionCount">;
  progress: AnalysisProgress | null;
}

export function waitingText(meta: Waiting["meta"]): string {
  const functions = `${meta.functionCount.toLocaleString("en-US")} function${meta.functionCount === 1 ? "" : "s"}`;
  const regions = `${meta.regions.length} region${meta.regions.length === 1 ? "" : "s"}`;
  return `Analysing account ${meta.account}: ${functions} in ${regions}…`;
}

export function ReportLoading({ waiting }: { waiting?: Waiting }) {
  return (
    <div className="flex h-screen flex-col">
      <div className="h-14 shrink-0 bg-slate-900" />
      <div role="status" className="flex flex-1 flex-col items-center justify-center gap-2 text-sm text-slate-600" data-testid="report-loading">
        <p className="flex items-center gap-3">
          <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-sky-600" aria-hidden="true" />
          {waiting ? waitingText(waiting.meta) : "Loading and analysing the snapshot…"}
        </p>
        {waiting ? <AnalysisProgressLine initial={waiting.progress} /> : null}
      </div>
    </div>
  );
}
