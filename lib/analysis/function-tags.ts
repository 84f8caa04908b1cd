/**
 * A function's tags (Lambda ListTags, which the scan reads per function because ListFunctions does not return them):
 * who owns the function (team, owner, env) for triage, and the values IAM gives aws:ResourceTag/<key> in requests on
 * the function. A snapshot without the answer (older scans, other tools, a failed read) leaves the tags unknown, never
 * "none": a condition on them then stays conditional.
 */
import type { ListTagsAnswer } from "@/lib/snapshot/schema";

/**
 * The answer's tags; `malformed` when `Tags` is neither a map of text values nor absent (an answer without `Tags` is a
 * function without tags: AWS omits the empty map).
 */
export function readTags(answer: ListTagsAnswer): { tags: Record<string, string> } | { malformed: string } {
  const raw = answer.Tags;
  if (raw === undefined || raw === null) return { tags: {} };
  if (typeof raw !== "object" || Array.isArray(raw)) return { malformed: "Tags is not a map of tag keys to values" };
  const entries = Object.entries(raw);
  for (const [key, value] of entries) {
    if (typeof value !== "string") return { malformed: `the value of tag ${JSON.stringify(key.slice(0, 128))} is not text` };
  }
  // fromEntries defines own properties: `tags[key] = …` dropped a tag keyed "__proto__" (a valid tag key), so the
  // report lost it and a condition on aws:ResourceTag/__proto__ was answered as if the function lacked it.
  return { tags: Object.fromEntries(entries) as Record<string, string> };
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The tags as [key, value] pairs sorted by key (code units), for lists: an object puts integer-like keys first. */
export function tagEntries(tags: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(tags).sort(([a], [b]) => byCodeUnits(a, b));
}

/** The tags with their keys in that order (as far as an object keeps it), for the report. */
export function sortedTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(tagEntries(tags));
}
