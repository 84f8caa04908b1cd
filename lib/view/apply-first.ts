/**
 * A finding's `fixesFirst` (rules whose fixes on the same function AWS needs before this fix's commands) said in one
 * line, the same in every presenter: the remediation says it too, but inside its prose, where a reader skimming the
 * commands misses it.
 */
import type { Finding } from "@/lib/analysis/types";

/** "Apply first: the fixes of event-source-missing-permissions on the same function", or undefined when none come first. */
export function applyFirstText(f: Pick<Finding, "fixesFirst">): string | undefined {
  const rules = [...new Set(f.fixesFirst ?? [])];
  if (rules.length === 0) return undefined;
  return `Apply first: the fix${rules.length > 1 ? "es" : ""} of ${rules.join(", ")} on the same function (AWS refuses this one until then)`;
}
