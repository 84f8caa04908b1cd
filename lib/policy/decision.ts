/** Ordering IAM decisions, for code that combines or compares answers. */
import type { Decision } from "./types";

/** How far a decision is from "allowed": the larger, the firmer the refusal. */
export const DECISION_RANK: Readonly<Record<Decision, number>> = { allowed: 0, conditional: 1, "implicitly-denied": 2, "explicitly-denied": 3 };

/** The request may get through: allowed, or allowed under a condition the snapshot cannot settle. */
export function isOpen(d: Decision): boolean {
  return d === "allowed" || d === "conditional";
}

/** Several answers that must all grant: the weakest decides. */
export function weakest(...decisions: Decision[]): Decision {
  return decisions.reduce((w, d) => (DECISION_RANK[d] > DECISION_RANK[w] ? d : w), "allowed" as Decision);
}

/**
 * Alternatives any one of which lets the caller in (InvokeFunction or InvokeAsync; a `*` grant's call made directly
 * or through a service): the first answer with the most open decision, "allowed" over "conditional" over the
 * refusals. Asks in order and stops at the first "allowed".
 */
export function mostOpenAnswer<T, A = string>(actions: readonly A[], ask: (action: A) => T, decisionOf: (answer: T) => Decision): T | undefined {
  let best: T | undefined;
  for (const action of actions) {
    const answer = ask(action);
    if (best === undefined || DECISION_RANK[decisionOf(answer)] < DECISION_RANK[decisionOf(best)]) best = answer;
    if (decisionOf(best) === "allowed") break;
  }
  return best;
}
