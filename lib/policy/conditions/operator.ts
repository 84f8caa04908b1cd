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
  /**
   * Why AWS's pages disagree on whether the family substitutes policy variables (Bool), or undefined. A value holding
   * one is then read both ways, substituted and as written, and decides only where both agree (conditions/evaluate.ts).
   */
  variablesDisputed?: string;
  /** Whether policy values are globs (then `${*}` stays a literal placeholder for the glob compiler). */
  glob: boolean;
  /**
   * Positive-sense comparison of one request value with one policy value. Invalid values never match. "unknown" when
   * AWS documents several readings of the policy value and they disagree on this request value (`ambiguous`).
   */
  test(requestValue: string, policyValue: string): boolean | "unknown";
  /** Why a value cannot be compared (bad number, date, CIDR, base64…), for evidence; undefined when valid. */
  invalid?(value: string): string | undefined;
  /**
   * Whether `invalid` is asked of policy values only (ARN operators): a request value AWS sets that is no ARN matches
   * no pattern, so a negated operator holds against it, where a request value no parser reads decides nothing.
   */
  invalidPolicyValuesOnly?: true;
  /** Why a policy value has more than one documented reading, for evidence; undefined when it has one. */
  ambiguous?(value: string): string | undefined;
  /**
   * Why a policy value `test` reads is in a form AWS does not document ("1e3", "2030-01-01 00:00:00"), or undefined.
   * AWS may read such a value as `test` does or refuse it as one that does not parse: the clause is decided only where
   * both fates agree (conditions/evaluate.ts).
   */
  undocumented?(value: string): string | undefined;
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

/** A policy value's second reading, and why it has one (date.ts: a bare year; numeric.ts: a leading zero as octal). */
export interface AlternativeReading<T> {
  parse(s: string): T | undefined;
  why(s: string): string;
}

/** How an ordered family reads its values, and orders two it read (negative, zero or positive, as for sort). */
export interface Ordering<T> {
  parse(s: string): T | undefined;
  order(a: T, b: T): number;
  /** ConditionOperator.undocumented, for the family's policy values. */
  undocumented?(s: string): string | undefined;
  /**
   * The earliest and latest of the readings AWS might give a policy value that names no single point (a time of day
   * with no zone: date.ts), or undefined for a value `parse` reads as one point.
   */
  spread?(s: string): [T, T] | undefined;
}

/** The signs `order(a, x)` takes for some x from `lo` to `hi` (`least` = order(a, hi), `most` = order(a, lo)). */
function signsBetween(least: number, most: number): number[] {
  return [-1, 0, 1].filter((s) => s >= Math.sign(least) && s <= Math.sign(most));
}

/**
 * The six comparisons of an ordered family (`Numeric…`, `Date…`): both sides are parsed and ordered, and a side that
 * does not parse matches nothing, so a malformed value can only make an Allow fail, never let a request in (and a
 * negated operator does not hold against it either: conditions/evaluate.ts). A policy value with an `alternative`
 * reading, or a `spread` of them, decides a comparison only where every reading agrees.
 */
export function comparisonOperators<T>(
  prefix: "Numeric" | "Date",
  { parse, order, undocumented, spread }: Ordering<T>,
  noun: string,
  alternative?: AlternativeReading<T>,
): ConditionOperator[] {
  const compare = (pred: (sign: number) => boolean) => (r: string, p: string) => {
    const a = parse(r);
    const b = parse(p);
    if (a === undefined || b === undefined) return false;
    const readings: [T, T][] = [spread?.(p) ?? [b, b]];
    const other = alternative?.parse(p);
    if (other !== undefined) readings.push([other, other]);
    let held: boolean | undefined;
    for (const [lo, hi] of readings) {
      for (const sign of signsBetween(order(a, hi), order(a, lo))) {
        const h = pred(sign);
        if (held !== undefined && h !== held) return "unknown";
        held = h;
      }
    }
    return held!;
  };
  const ambiguous = alternative && ((v: string) => (alternative.parse(v) === undefined ? undefined : alternative.why(v)));
  return defineOperators(
    {
      variables: false,
      glob: false,
      invalid: (v) => (parse(v) === undefined ? `"${v}" is not ${noun}` : undefined),
      ...(ambiguous ? { ambiguous } : {}),
      ...(undocumented ? { undocumented } : {}),
    },
    {
      [`${prefix}Equals`]: { test: compare((c) => c === 0) },
      [`${prefix}NotEquals`]: { negated: true, test: compare((c) => c === 0) },
      [`${prefix}LessThan`]: { test: compare((c) => c < 0) },
      [`${prefix}LessThanEquals`]: { test: compare((c) => c <= 0) },
      [`${prefix}GreaterThan`]: { test: compare((c) => c > 0) },
      [`${prefix}GreaterThanEquals`]: { test: compare((c) => c >= 0) },
    },
  );
}
