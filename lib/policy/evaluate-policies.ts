/**
 * The shared core of every decision: which Allow and Deny statements of a set of policies apply to a
 * request (reference_policies_evaluation-logic.html), each as three-valued truth with its evidence.
 */
import { matchApplicableStatement, statementApplies, statementCoversAction, type MatchOptions } from "./statement";
import { triOr } from "./tri";
import type { Decision, EvaluationRequest, PolicyDocument, StatementMatch, Tri } from "./types";

export interface PoliciesEvaluation {
  /** Some Allow statement applies ("unknown": one might, depending on unknown context). */
  allow: Tri;
  deny: Tri;
  /** Allow statements that apply or might ("true"/"unknown"). */
  allowMatches: StatementMatch[];
  denyMatches: StatementMatch[];
  /** Statements whose action, resource and principal matched but whose condition is false, for reasons. */
  nearMisses: StatementMatch[];
}

/** The shared empty list of the hot path; frozen, so a caller that tried to add to it would fail loudly. */
const NONE = Object.freeze([]) as unknown as StatementMatch[];

interface ActionIndex {
  /** Some statement may match an action of any service (NotAction, or a wildcard in the service prefix). */
  anyService: boolean;
  /** Lower-cased service prefixes named by Action entries. */
  services: Set<string>;
}

const actionIndexes = new WeakMap<PolicyDocument, ActionIndex>();

function actionIndexOf(policy: PolicyDocument): ActionIndex {
  let index = actionIndexes.get(policy);
  if (index) return index;
  index = { anyService: false, services: new Set() };
  for (const st of policy.statements) {
    if (st.notAction !== undefined) index.anyService = true;
    for (const pattern of st.action ?? []) {
      const colon = pattern.indexOf(":");
      const service = colon < 0 ? pattern : pattern.slice(0, colon);
      if (colon < 0 || service.includes("*") || service.includes("?")) index.anyService = true;
      else index.services.add(service.toLowerCase());
    }
  }
  actionIndexes.set(policy, index);
  return index;
}

/**
 * Whether any statement of the policy could match the action. Most questions (probes for powerful actions,
 * reach checks) concern services a role's policies never mention; skipping those policies whole is the same
 * answer as testing each statement's Action and finding no match.
 */
function mayMatchAction(policy: PolicyDocument, action: string): boolean {
  const index = actionIndexOf(policy);
  if (index.anyService) return true;
  const colon = action.indexOf(":");
  return colon < 0 || index.services.has(action.slice(0, colon).toLowerCase());
}

/**
 * Which statements of these policies match the action by their Action/NotAction, as a string key. Two actions
 * with the same key get the same decision for the same resource, principal and context, because nothing else
 * in a statement depends on the action: callers that ask about many actions of one pattern (reach lists) ask
 * the evaluator once per key.
 */
export function actionMatchKey(policies: readonly PolicyDocument[], action: string): string {
  let key = "";
  for (const policy of policies) {
    if (!mayMatchAction(policy, action)) {
      key += "-";
      continue;
    }
    for (const st of policy.statements) key += statementCoversAction(st, action) ? "1" : "0";
    key += "|";
  }
  return key;
}

export function evaluatePolicies(
  policies: PolicyDocument[],
  request: EvaluationRequest,
  opts: MatchOptions,
): PoliciesEvaluation {
  let allow: Tri = "false";
  let deny: Tri = "false";
  // Most questions match nothing: the lists are made on first use.
  let allowMatches: StatementMatch[] | undefined;
  let denyMatches: StatementMatch[] | undefined;
  let nearMisses: StatementMatch[] | undefined;
  for (const policy of policies) {
    if (!mayMatchAction(policy, request.action)) continue;
    for (const st of policy.statements) {
      const m = matchApplicableStatement(st, policy, request, opts);
      if (m === undefined) continue;
      const applies = statementApplies(m);
      if (applies === "false") {
        (nearMisses ??= []).push(m);
      } else if (m.effect === "Allow") {
        allow = triOr(allow, applies);
        (allowMatches ??= []).push(m);
      } else {
        deny = triOr(deny, applies);
        (denyMatches ??= []).push(m);
      }
    }
  }
  return { allow, deny, allowMatches: allowMatches ?? NONE, denyMatches: denyMatches ?? NONE, nearMisses: nearMisses ?? NONE };
}

/**
 * Three-valued combination: a Deny that applies wins; an Allow that applies with no possible Deny
 * allows; an Allow that might apply, or one shadowed by a Deny that might apply, is conditional;
 * otherwise the request is implicitly denied.
 */
export function decide(allow: Tri, deny: Tri): Decision {
  if (deny === "true") return "explicitly-denied";
  if (allow === "true" && deny === "false") return "allowed";
  if (allow === "true" || allow === "unknown") return "conditional";
  return "implicitly-denied";
}

/** Keys that would decide the matches given, without duplicates. */
export function unknownKeysOf(matches: StatementMatch[]): string[] {
  const keys: string[] = [];
  for (const m of matches) for (const k of m.unknownKeys) if (!keys.includes(k)) keys.push(k);
  return keys;
}
