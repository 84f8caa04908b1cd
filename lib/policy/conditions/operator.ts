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

/**
 * The six comparisons of an ordered family (`Numeric…`, `Date…`): both sides are parsed to numbers, and a side that
 * does not parse matches nothing, so a malformed value can only make an Allow fail, never let a request in (and a
 * negated operator does not hold against it either: conditions/evaluate.ts).
 */
export function comparisonOperators(prefix: "Numeric" | "Date", parse: (s: string) => number | undefined, noun: string): ConditionOperator[] {
  const compare = (pred: (r: number, p: number) => boolean) => (r: string, p: string) => {
    const a = parse(r);
    const b = parse(p);
    return a !== undefined && b !== undefined && pred(a, b);
  };
  return defineOperators(
    { variables: false, glob: false, invalid: (v) => (parse(v) === undefined ? `"${v}" is not ${noun}` : undefined) },
    {
      [`${prefix}Equals`]: { test: compare((a, b) => a === b) },
      [`${prefix}NotEquals`]: { negated: true, test: compare((a, b) => a === b) },
      [`${prefix}LessThan`]: { test: compare((a, b) => a < b) },
      [`${prefix}LessThanEquals`]: { test: compare((a, b) => a <= b) },
      [`${prefix}GreaterThan`]: { test: compare((a, b) => a > b) },
      [`${prefix}GreaterThanEquals`]: { test: compare((a, b) => a >= b) },
    },
  );
}
