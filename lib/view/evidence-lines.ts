/**
 * A finding's evidence as a report prints it: the descriptions of the first `max` items, then a line counting the rest.
 * The text and Markdown reports say it alike, so a reader of either knows the list was cut and where it is whole.
 */
import type { Finding } from "@/lib/analysis/types";
import { formatCount } from "./count-text";

export function evidenceLines(f: Pick<Finding, "evidence">, max: number): string[] {
  const lines = f.evidence.slice(0, max).map((e) => e.description);
  const left = f.evidence.length - lines.length;
  return left > 0 ? [...lines, `… and ${formatCount(left)} more: the JSON report lists every one.`] : lines;
}
