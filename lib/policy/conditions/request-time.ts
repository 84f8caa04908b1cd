/**
 * Conditions on when a request is made (`aws:CurrentTime`, `aws:EpochTime`; reference_policies_condition-keys.html),
 * read against the snapshot's capture. Every request the report speaks of is made at or after the capture, so a
 * window that had closed by then (`DateLessThan` a past date) lets no one in, and one that had opened
 * (`DateGreaterThan` a past date) holds for everyone: saying "depends on the time" of either would flag expired
 * grants as live and hide open ones. A window that opens or closes later still depends on when the call is made,
 * and stays unknown, as the time of a request is.
 */
import type { ConditionClause, SettledClause } from "../types";
import { parseInstant, undocumentedDate, yearReading } from "./date";
import { compareDecimals, parseDecimal, undocumentedNumber, type Decimal } from "./numeric";
import { lookupOperator } from "./registry";

/** How one comparison behaves for every request time from the capture on: always, never, or it depends. */
type Sense = "always" | "never" | "depends";

type Comparison = "equals" | "notequals" | "lessthan" | "lessthanequals" | "greaterthan" | "greaterthanequals";

/**
 * The positive-sense comparison `request time ⋚ value` for every request time t ≥ capture. Compared exactly: a value
 * a fraction of a millisecond after the capture ("…00.0000001Z") is still after it.
 */
function senseFrom(comparison: Comparison, value: Decimal, capture: Decimal): Sense {
  const c = compareDecimals(value, capture);
  switch (comparison) {
    case "lessthan":
      return c <= 0 ? "never" : "depends";
    case "lessthanequals":
      return c < 0 ? "never" : "depends";
    case "greaterthan":
      return c < 0 ? "always" : "depends";
    case "greaterthanequals":
      return c <= 0 ? "always" : "depends";
    // NotEquals is Equals negated (operator.ts): its positive sense is equality.
    case "equals":
    case "notequals":
      return c < 0 ? "never" : "depends";
  }
}

/**
 * Milliseconds since the epoch of a policy value compared with the key by this operator family, if it parses in a form
 * AWS documents: one it may read otherwise or refuse (date.ts, numeric.ts) is left to the evaluator, which knows the
 * statement's effect and so what refusing it would do.
 */
function valueAt(key: string, family: "date" | "numeric", value: string): Decimal | undefined {
  if (family === "date") return undocumentedDate(value) === undefined ? parseInstant(value) : undefined;
  // aws:EpochTime is in seconds; aws:CurrentTime (ISO text) never compares as a number, so it is not settled here.
  if (key !== "aws:epochtime" || undocumentedNumber(value) !== undefined) return undefined;
  const seconds = parseDecimal(value);
  return seconds === undefined ? undefined : { mantissa: seconds.mantissa, exponent: seconds.exponent + 3 };
}

const TIME_KEYS = new Set(["aws:currenttime", "aws:epochtime"]);

/**
 * The clause's result for every request made at or after `capturedAt` (an ISO-8601 time, read as UTC without a zone),
 * when the policy's dates already decide it; undefined when they do not, for any other key or operator, for
 * `ForAnyValue:`/`ForAllValues:` (set operators on a single-valued key are a policy error AWS warns about) and when
 * a value does not parse or is in a form AWS does not document (the evaluator explains those).
 */
export function settleRequestTime(clause: ConditionClause, capturedAt: string): SettledClause | undefined {
  const key = clause.key.toLowerCase();
  if (!TIME_KEYS.has(key) || clause.values.length === 0) return undefined;
  const parsed = lookupOperator(clause.operator);
  if (parsed === undefined || parsed.op === "Null" || parsed.set !== undefined) return undefined;
  const name = parsed.op.name.toLowerCase();
  const family = name.startsWith("date") ? "date" : name.startsWith("numeric") ? "numeric" : undefined;
  if (family === undefined) return undefined;
  const capture = parseInstant(capturedAt);
  if (capture === undefined) return undefined;
  const comparison = name.slice(family.length) as Comparison;
  const senses: Sense[] = [];
  for (const v of clause.values) {
    const at = valueAt(key, family, v);
    if (at === undefined) return undefined;
    const sense = senseFrom(comparison, at, capture);
    // A bare year is also epoch seconds (date.ts): settled only where both readings are.
    const year = family === "date" ? yearReading(v) : undefined;
    senses.push(year === undefined || senseFrom(comparison, { mantissa: BigInt(year), exponent: 0 }, capture) === sense ? sense : "depends");
  }
  // A negated operator holds when the request time equals none of the values; a positive one when it meets any.
  let result: "true" | "false" | undefined;
  if (parsed.op.negated) result = senses.every((s) => s === "never") ? "true" : undefined;
  else if (senses.includes("always")) result = "true";
  else if (senses.every((s) => s === "never")) result = "false";
  if (result === undefined) return undefined;
  const shown = clause.values.length === 1 ? JSON.stringify(clause.values[0]) : `[${clause.values.map((v) => JSON.stringify(v)).join(", ")}]`;
  const when = `the snapshot's capture (${capturedAt})`;
  const note =
    result === "true"
      ? `${clause.operator} ${clause.key}: every request from ${when} on meets ${shown} → true`
      : `${clause.operator} ${clause.key}: no request from ${when} on meets ${shown} → false`;
  return { result, note };
}
