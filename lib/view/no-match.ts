/**
 * What the function table says when rows exist but none match: which search and filters left none, since a table
 * reached by a shared link or a card's link may hold filters its reader did not set, and "No function matches"
 * alone did not say what to widen.
 */
import type { Severity } from "@/lib/analysis/types";
import { INVOKER_KIND_LABEL, type InvokerKind } from "./invoker-kinds";
import { shortVisibleText } from "./visible-text";
import { reachActionProblem, reachQuestionText } from "./reach-question";

/** "a, b or c". */
const anyOf = (items: readonly string[]): string => (items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`);

export function noMatchText(query: { q: string; sev: readonly Severity[]; rule: readonly string[]; who: readonly InvokerKind[]; reach?: string; on?: string }): string {
  const parts: string[] = [];
  const q = query.q.trim();
  if (q) parts.push(`the search “${shortVisibleText(q)}”`);
  if (query.sev.length) parts.push(`severity ${anyOf(query.sev)}`);
  if (query.rule.length) parts.push(`finding ${anyOf(query.rule.map((r) => shortVisibleText(r)))}`);
  if (query.who.length) parts.push(`invoked by ${anyOf(query.who.map((k) => INVOKER_KIND_LABEL[k]))}`);
  if (query.reach?.trim() && !reachActionProblem(query.reach)) parts.push(`the question “can do ${shortVisibleText(reachQuestionText({ action: query.reach, resource: query.on }))}”`);
  if (parts.length === 0) return "No function matches.";
  if (parts.length === 1) return `No function matches ${parts[0]}. Clear it to see every function.`;
  return `No function matches all of: ${parts.join("; ")}. Clear one of them to see more.`;
}
