/**
 * What the function table, and the graph, say when functions exist but none match: which search and filters left
 * none, since a view reached by a shared link, a card's link or the other tab (carried-filters.ts) may hold filters
 * its reader did not set, and "No function matches" alone did not say what to widen.
 */
import type { Severity } from "@/lib/analysis/types";
import { INVOKER_KIND_LABEL, type InvokerKind } from "./invoker-kinds";
import { shortVisibleText } from "./visible-text";
import { askedReachText } from "./reach-question";

/** "a, b or c". */
const anyOf = (items: readonly string[]): string => (items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`);

/** The search and filters of either page: `q` the table's search; `svc`, `region` and `findings` the graph's own. */
export interface NoMatchQuery {
  q?: string;
  sev: readonly Severity[];
  rule: readonly string[];
  who: readonly InvokerKind[];
  svc?: readonly string[];
  region?: readonly string[];
  findings?: boolean;
  /** The "Can do" question both pages ask (reach-filter.ts): an action pattern and the resource asked about. */
  reach?: string;
  on?: string;
}

export function noMatchText(query: NoMatchQuery): string {
  const parts: string[] = [];
  const q = (query.q ?? "").trim();
  if (q) parts.push(`the search “${shortVisibleText(q)}”`);
  if (query.sev.length) parts.push(`severity ${anyOf(query.sev)}`);
  if (query.rule.length) parts.push(`finding ${anyOf(query.rule.map((r) => shortVisibleText(r)))}`);
  if (query.who.length) parts.push(`invoked by ${anyOf(query.who.map((k) => INVOKER_KIND_LABEL[k]))}`);
  const asked = askedReachText(query.reach, query.on);
  if (asked) parts.push(`the question “can do ${shortVisibleText(asked)}”`);
  if (query.svc?.length) parts.push(`service ${anyOf(query.svc.map((s) => shortVisibleText(s)))}`);
  if (query.region?.length) parts.push(`region ${anyOf(query.region.map((r) => shortVisibleText(r)))}`);
  if (query.findings) parts.push("only functions with findings");
  if (parts.length === 0) return "No function matches.";
  if (parts.length === 1) return `No function matches ${parts[0]}. Clear it to see every function.`;
  return `No function matches all of: ${parts.join("; ")}. Clear one of them to see more.`;
}
