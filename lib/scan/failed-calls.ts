/**
 * One line for the end of a CLI scan that recorded errors: "4 calls failed" alone sent the reader to the JSON to
 * learn whether a region's functions were missing or one queue was throttled. Grouped by operation and AWS code, most
 * frequent first; regions are named because a whole region refusing (AccessDenied, a region not enabled) is the
 * commonest cause. Plain text from the snapshot's own fields.
 */
import { NOT_READ, ORGANIZATIONS_NOT_IN_USE } from "@/lib/snapshot/schema";

export interface FailedCall {
  operation: string;
  code?: string | null | undefined;
  region?: string | null | undefined;
  target?: string | null | undefined;
}

const GROUPS_SHOWN = 5;

/**
 * An `errors` entry for a call that failed. Reads the scanner chose not to make (--version-policies) are not failures
 * of the account's answers, nor is AWS answering that the account is in no organization: counted as failures, an
 * account that publishes a version on every deploy showed thousands of "calls failed" after a clean scan.
 */
export function isFailedCall(e: FailedCall): boolean {
  return e.code !== NOT_READ && e.code !== ORGANIZATIONS_NOT_IN_USE;
}

export function failedCallsLine(errors: readonly FailedCall[]): string | undefined {
  const failed = errors.filter(isFailedCall);
  if (failed.length === 0) return undefined;
  const groups = new Map<string, { n: number; regions: Set<string> }>();
  for (const e of failed) {
    const key = `${e.operation} ${e.code ?? "failed"}`;
    const g = groups.get(key) ?? { n: 0, regions: new Set<string>() };
    g.n++;
    if (e.region) g.regions.add(e.region);
    groups.set(key, g);
  }
  const sorted = [...groups].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, GROUPS_SHOWN).map(([key, g]) => {
    const regions = [...g.regions].sort();
    return `${key} ×${g.n}${regions.length ? ` (${regions.join(", ")})` : ""}`;
  });
  const more = sorted.length - shown.length;
  return (
    `Failed calls: ${shown.join("; ")}${more > 0 ? `; and ${more} more kind${more === 1 ? "" : "s"}` : ""}. ` +
    "The analysis reports what they would have read as unknown, never as fine; `analyze` lists each one."
  );
}

/**
 * The regions whose function list is incomplete (a ListFunctions page failed, or an item was left out): "0 functions
 * in 2 region(s)" read as an empty account when neither region could be listed.
 */
export function unlistedRegions(errors: readonly FailedCall[]): string[] {
  return [...new Set(errors.filter((e) => isFailedCall(e) && e.operation === "ListFunctions" && e.region).map((e) => e.region!))].sort();
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * One line for the version policies --version-policies left unread (their `errors` entries are `${function}:${version}`
 * GetPolicy, NotRead): the summary said "0 calls failed" and nothing else, while the analysis reported each as unknown.
 */
export function skippedReadsLine(errors: readonly FailedCall[]): string | undefined {
  const skipped = errors.filter((e) => e.code === NOT_READ && e.operation === "GetPolicy" && e.target);
  if (skipped.length === 0) return undefined;
  const functions = new Set(skipped.map((e) => e.target!.replace(/:[^:]+$/, ""))).size;
  return (
    `Not read: the resource policies of ${plural(skipped.length, "older published version")} of ${plural(functions, "function")} ` +
    "(scan --version-policies). The analysis reports them as unknown; --version-policies all reads every one."
  );
}
