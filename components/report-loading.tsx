/**
 * Shown while a snapshot is read and analysed (see app/(dashboard)/when-ready.tsx). At 10,000 functions the first
 * analysis takes 10–15 s: `waiting` says which account and how many functions, and the step reached, polled while
 * the page waits (AnalysisProgressPoll), so the wait reads as work under way rather than a stuck page.
 */
import type { SnapshotMeta } from "@/lib/store/file-store";
import type { AnalysisStanding } from "@/lib/store/report-cache";
import { AnalysisProgressLine } from "./analysis-progress";

export interface Waiting {
  meta: Pick<SnapshotMeta, "id" | "account" | "regions" | "functionCount">;
  progress: AnalysisStanding | null;
}

export function waitingText(meta: Waiting["meta"]): string {
  const functions = `${meta.functionCount.toLocaleString("en-US")} function${meta.functionCount === 1 ? "" : "s"}`;
  const regions = `${meta.regions.length} region${meta.regions.length === 1 ? "" : "s"}`;
  return `Analysing account ${meta.account}: ${functions} in ${regions}…`;
}

export function ReportLoading({ waiting }: { waiting?: Waiting }) {
  // The page's main landmark and h1 while it waits, as on every other page, but without the skip link's target id
  // (MAIN_ID): React streams the page in beside this, in a hidden node, and reveals it no sooner than 300 ms after the
  // first paint, so two elements held the id until then. No skip link points here: the header is the page's.
  // Only the headline is a status: the step line changes on every poll (a rule a second), and a screen reader read
  // each out; its bar, named, says the step to anyone who looks.
  return (
    <div className="flex h-screen flex-col">
      <div className="h-14 shrink-0 bg-slate-900" />
      <main className="flex flex-1 flex-col items-center justify-center gap-2 text-sm text-slate-600" data-testid="report-loading">
        <div role="status">
          <h1 className="flex items-center gap-3">
            <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-sky-600" aria-hidden="true" />
            {waiting ? waitingText(waiting.meta) : "Loading and analysing the snapshot…"}
          </h1>
        </div>
        {waiting ? <AnalysisProgressLine initial={waiting.progress} /> : null}
      </main>
    </div>
  );
}
