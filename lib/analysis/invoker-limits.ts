/**
 * Why a way in is conditional or refused when the cause lies outside its own statement, named for its reader as
 * reach-limits.ts names it for reaches: the Deny statements that may refuse it (`deniedBy`), the condition keys the
 * snapshot has no value for (`unknownKeys`), the policy values AWS may read otherwise (`undocumentedValues`) and the
 * caller's documents it could not read (`unreadPolicies`).
 * "Conditional" and a summary of the grant's own conditions sent the reader searching the function's policy and the
 * caller's for the Deny that meant it.
 *
 * Everything comes from the evaluator's answers (their deciding statements, unknown keys and unread documents), asked
 * again with evidence only for the few ways in answered "conditional" or "explicitly-denied".
 */
import { statementApplies } from "@/lib/policy/statement";
import type { EvaluationResult, StatementMatch } from "@/lib/policy/types";
import { undocumentedValuesOf } from "./answer-depends";

export interface InvokerLimits {
  deniedBy?: string[];
  unknownKeys?: string[];
  /** Policy values AWS may read otherwise that decide a conditional answer ('s3:max-keys "1e3"'). */
  undocumentedValues?: string[];
  unreadPolicies?: string[];
}

/** Answers that say more than the grant's own statement: the rest cite nothing. */
export function needsLimits(decision: string | undefined): boolean {
  return decision === "conditional" || decision === "explicitly-denied";
}

/**
 * How a way in cites a Deny: "function policy of <ARN>#<Sid or index>" for the function's (or an alias's or version's)
 * policy, as reach-limits does, since "resource policy#Sid" would not say whose; "SCP name#Sid (attached to ou-…)" for
 * an organization's guardrail; else "policyName#Sid" as statementRef writes a caller's own statement ("group g:
 * policyName#Sid" for a user's group).
 */
export function denyRefOf(match: StatementMatch, resourceArn: string): string {
  const at = match.sid ?? match.statementIndex;
  const { source } = match;
  if (source.kind === "resource") return `function policy of ${source.resourceArn ?? resourceArn}#${at}`;
  // As reaches.ts names a guardrail's Deny (evidence-audit.ts finds it by the same words).
  if (source.kind === "scp" || source.kind === "rcp") return `${source.kind.toUpperCase()} ${source.policyName}#${at} (attached to ${source.target})`;
  return `${source.groupName ? `group ${source.groupName}: ` : ""}${source.policyName}#${at}`;
}

/**
 * The Deny statements, condition keys and unread documents of the answers that are short of "allowed" for a reason
 * they can name, each once in the order met. `resourceArn` is the (qualified) ARN the answers were asked about.
 */
export function limitsOf(answers: Iterable<EvaluationResult>, resourceArn: string): InvokerLimits {
  const denied: string[] = [];
  const keys = new Set<string>();
  const values = new Set<string>();
  const unread = new Set<string>();
  for (const answer of answers) {
    if (!needsLimits(answer.decision)) continue;
    for (const m of answer.statements) {
      if (m.effect !== "Deny" || !m.matched || statementApplies(m) === "false") continue;
      const ref = denyRefOf(m, resourceArn);
      if (!denied.includes(ref)) denied.push(ref);
    }
    if (answer.decision !== "conditional") continue;
    for (const k of answer.unknownKeys) keys.add(k);
    for (const v of undocumentedValuesOf(answer)) values.add(v);
    for (const d of answer.unreadDocuments ?? []) unread.add(d);
  }
  return {
    ...(denied.length > 0 ? { deniedBy: denied } : {}),
    ...(keys.size > 0 ? { unknownKeys: [...keys].sort() } : {}),
    ...(values.size > 0 ? { undocumentedValues: [...values].sort() } : {}),
    ...(unread.size > 0 ? { unreadPolicies: [...unread].sort() } : {}),
  };
}
