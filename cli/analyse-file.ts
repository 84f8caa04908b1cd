/**
 * A snapshot read from the command line analysed as `analyze` does it, for every command that reports on one: its
 * progress on stderr (a bar on a terminal, a line every few seconds in a CI log), and a suppressions file applied.
 */
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { AnalysisReport } from "@/lib/analysis/types";
import type { Snapshot } from "@/lib/snapshot/schema";
import { applySuppressions, suppressionWarnings, todayUtc, type SuppressionOutcome } from "@/lib/suppressions/apply";
import type { Suppression } from "@/lib/suppressions/parse";
import { visibleText } from "@/lib/view/visible-text";
import { barOf, createStatusLine } from "./progress-bar";
import { STDIN } from "./snapshot-argument";

/** The file as progress and errors name it; its name is shown with control characters escaped. */
export function fileLabel(file: string): string {
  return file === STDIN ? "standard input" : visibleText(file);
}

export function analyseWithProgress(snapshot: Snapshot, file: string): AnalysisReport {
  process.stderr.write(`Analysing ${fileLabel(file)}…\n`);
  const status = createStatusLine();
  const report = analyzeSnapshot(snapshot, ({ done, total, step }) => status.show(`${barOf((100 * done) / total)} ${step}`));
  status.done();
  return report;
}

/**
 * The report with the accepted findings set apart (`suppressed`), as the dashboard's LPG_SUPPRESSIONS does; with
 * `warn`, the entries that lapsed or matched nothing said on stderr (entries' text escaped: it names functions).
 */
export function withSuppressions(report: AnalysisReport, entries: readonly Suppression[], warn: boolean): SuppressionOutcome {
  const outcome = applySuppressions(report, entries, todayUtc());
  if (warn) for (const w of suppressionWarnings(entries, outcome)) process.stderr.write(`warning: ${visibleText(w)}\n`);
  return outcome;
}
