/**
 * What a conditional what-if answer turns on, in the words the CLI's text answer and the details panel's what-if box
 * share: the context keys not given, and the policy values AWS may read otherwise (no context value settles those).
 * Kept free of zod and the evaluator so the panel can import it.
 */
import type { Answer } from "./what-if";

export const KEYS_NOT_GIVEN = "decided by context keys not given";
export const VALUES_AWS_MAY_READ_OTHERWISE = "decided by how AWS reads policy values it does not document";

/**
 * The deciding statements' values AWS may read otherwise ('s3:max-keys "1e3"'), each once; none unless the answer is
 * conditional, since only then does a value decide it. A what-if answer's or the evaluator's own (a reach's, a way in's).
 */
export function undocumentedValuesOf(answer: { decision: Answer["decision"]; statements: readonly { undocumentedValues?: readonly string[] }[] }): string[] {
  if (answer.decision !== "conditional") return [];
  return [...new Set(answer.statements.flatMap((s) => s.undocumentedValues ?? []))];
}
