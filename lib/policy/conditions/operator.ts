/**
 * The interface every condition operator implements (reference_policies_elements_condition_operators.html).
 * An operator compares one request value with one policy value in its *positive* sense; negated operators
 * (StringNotEquals, ArnNotLike, NotIpAddress, …) set `negated` and mean "matches none of the policy values".
 * Quantifiers, IfExists, absent/unknown keys and policy variables are handled once, in evaluate.ts.
 */

export interface ConditionOperator {
  /** Canonical name, e.g. "StringNotLike". */
  name: string;
  negated: boolean;
  /** Whether policy values expand policy variables (String, ARN and Bool operators). */
  variables: boolean;
  /** Whether policy values are globs (then `${*}` stays a literal placeholder for the glob compiler). */
  glob: boolean;
  /** Positive-sense comparison of one request value with one policy value. Invalid values never match. */
  test(requestValue: string, policyValue: string): boolean;
  /** Why a value cannot be compared (bad number, date, CIDR, base64…), for evidence; undefined when valid. */
  invalid?(value: string): string | undefined;
}

/** Evidence for one clause: what decided it. */
export interface ClauseEvidence {
  operator: string;
  key: string;
  result: "true" | "false" | "unknown";
  /** The request value and the policy value that matched (positive sense), when one did. */
  matchedRequestValue?: string;
  matchedPolicyValue?: string;
  /** Human-readable explanation. */
  note: string;
}

export function defineOperators(
  family: Omit<ConditionOperator, "name" | "negated" | "test">,
  ops: Record<string, { negated?: boolean; test: ConditionOperator["test"] }>,
): ConditionOperator[] {
  return Object.entries(ops).map(([name, o]) => ({ ...family, name, negated: o.negated ?? false, test: o.test }));
}
