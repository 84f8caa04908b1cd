/**
 * What the scan could not read and the analysis could not parse, as the overview lists it: "1 API call failed" is
 * only useful with which call, on what, and AWS's answer. Plain text: targets, names and AWS messages come from the
 * snapshot and are rendered as text.
 */
import type { AnalysisReport } from "@/lib/analysis/types";
import { MALFORMED_RESPONSE } from "@/lib/snapshot/schema";

/** A huge account can record thousands of failures (throttling across regions): the list shows the first ones. */
export const DATA_GAPS_SHOWN = 50;

/** One kind of gap and how many: `{ count: 2, text: "2 API calls failed during the scan" }`. */
export interface DataGapPart {
  count: number;
  text: string;
}

export interface DataGaps {
  /** "1 API call failed during the scan · 1 document could not be analysed" */
  summary: string;
  /** The summary's parts with their counts, for a summary that must be shortened (the PNG header's one line). */
  parts: DataGapPart[];
  items: string[];
  /** How many are left out of `items`. */
  more: number;
}

/**
 * What the snapshot lacks for the whole account (IAM users of a snapshot taken before they were read), every failed
 * call (operation, target, region, AWS's code and message), then every document that did not parse.
 */
export function dataGapItems(report: Pick<AnalysisReport, "errors" | "problems" | "unknown">): string[] {
  return [
    ...(report.unknown ?? []),
    ...report.errors.map((e) => {
      const where = `${e.operation}${e.target ? ` on ${e.target}` : ""}${e.region ? ` (${e.region})` : ""}`;
      return `${where}: ${e.code ?? "failed"}${e.message ? ` — ${e.message}` : ""}`;
    }),
    ...report.problems.map((p) => `${p.where}: ${p.why}`),
  ];
}

export function dataGaps(report: Pick<AnalysisReport, "errors" | "problems" | "unknown">): DataGaps | undefined {
  const { errors, problems } = report;
  const unknown = report.unknown ?? [];
  if (errors.length === 0 && problems.length === 0 && unknown.length === 0) return undefined;
  const parts: DataGapPart[] = [];
  const add = (count: number, text: string) => {
    if (count) parts.push({ count, text });
  };
  add(unknown.length, `${unknown.length} part${unknown.length === 1 ? " of the account was" : "s of the account were"} not read`);
  // Answers the reader set aside (lib/snapshot/salvage.ts) were received: no call failed, yet they are as unknown.
  const unreadable = errors.filter((e) => e.code === MALFORMED_RESPONSE).length;
  const failed = errors.length - unreadable;
  add(failed, `${failed} API call${failed === 1 ? "" : "s"} failed during the scan`);
  add(unreadable, `${unreadable} answer${unreadable === 1 ? "" : "s"} in the snapshot could not be read`);
  add(problems.length, `${problems.length} document${problems.length === 1 ? "" : "s"} could not be analysed`);
  const all = dataGapItems(report);
  return { summary: parts.map((p) => p.text).join(" · "), parts, items: all.slice(0, DATA_GAPS_SHOWN), more: Math.max(0, all.length - DATA_GAPS_SHOWN) };
}
