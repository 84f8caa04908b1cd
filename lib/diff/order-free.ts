/**
 * Comparison keys that do not depend on the order a document lists things in. IAM gives no meaning to the order of a
 * statement's condition operators and keys, nor Lambda to that of a self-managed Kafka source's bootstrap servers;
 * a policy re-serialised by other tooling (Terraform's jsonencode sorts object keys) changes it. Keys only: the lines
 * people read keep the document's order.
 */

/**
 * A condition summary (invokers.ts conditionSummary: clauses joined by "; "), its clauses sorted. A value holding
 * "; " splits where it should not, yet the same summary always gives the same key, and only a permutation of the
 * same clauses gives another summary's.
 */
export function sortedClauses(summary: string | undefined): string {
  return summary ? summary.split("; ").sort().join("; ") : "";
}

/**
 * What of its source an event source mapping reads (its topics or queues, its filters), each list sorted: Lambda
 * passes an event any one filter matches, and reads every topic listed. Empty for any other way in.
 */
export function sortedMappingSettings(inv: { topics?: readonly string[]; filters?: readonly string[] }): string {
  if (!inv.topics?.length && !inv.filters?.length) return "";
  return JSON.stringify([[...(inv.topics ?? [])].sort(), [...(inv.filters ?? [])].sort()]);
}

/** A self-managed Kafka source as the way in names it (`kafka://b1:9092,b2:9092`), its servers sorted; any other source as it is. */
export function sortedSource(source: string | undefined): string {
  if (!source?.startsWith("kafka://")) return source ?? "";
  return `kafka://${source.slice("kafka://".length).split(",").sort().join(",")}`;
}

/**
 * Whether two answer lines (diff-reports.ts answerLine) say the same but for which of a policy's statements without a
 * Sid they cite: such a statement is cited by its position ("policy#2"), which moves when the policy lists its
 * statements in another order, while IAM gives that order no meaning. The grant's action, resource, conditions and
 * the Denies that may refuse it are said apart, so a change in what the statement grants still shows. A numeric Sid
 * reads the same as a position: either way the line names one statement of that policy.
 */
export function sameAnswer(a: string, b: string): boolean {
  return a === b || withoutPositions(a) === withoutPositions(b);
}

const withoutPositions = (line: string) => line.replace(/#\d+(?=[,;)\s]|$)/g, "#");
