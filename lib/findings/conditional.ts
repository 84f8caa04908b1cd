/**
 * Whether a finding is a conditional answer rather than a certain one. Findings carry no flag for it: rules write
 * "may" in the title where the evaluator's answer was conditional (an unknown condition key, an unread boundary) and
 * "can"/"cannot" where it was decided. A rule whose own title says "may" (confused-deputy: "Service may invoke…")
 * uses it as fixed wording for every finding, certain or not, so only a "may" its rule's title lacks counts.
 */
import type { Finding } from "@/lib/analysis/types";
import { RULES } from "@/lib/findings/rules/registry";

const MAY = /\bmay\b/i;
const FIXED_MAY = new Set(RULES.filter((r) => MAY.test(r.title)).map((r) => r.id));

export function isConditionalFinding(f: Finding): boolean {
  return !FIXED_MAY.has(f.rule) && MAY.test(f.title);
}
