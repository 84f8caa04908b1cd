/** All known condition operators, looked up case-insensitively, plus parsing of ForAnyValue:/ForAllValues:/…IfExists. */
import { arnOperators } from "./arn";
import { binaryOperators } from "./binary";
import { boolOperators } from "./bool";
import { dateOperators } from "./date";
import { ipOperators } from "./ip";
import { numericOperators } from "./numeric";
import type { ConditionOperator } from "./operator";
import { stringOperators } from "./string";

const operators = new Map<string, ConditionOperator>();
for (const op of [
  ...stringOperators,
  ...numericOperators,
  ...dateOperators,
  ...boolOperators,
  ...binaryOperators,
  ...ipOperators,
  ...arnOperators,
]) {
  operators.set(op.name.toLowerCase(), op);
}

export interface ParsedOperator {
  /** `ForAnyValue:` → "any", `ForAllValues:` → "all". */
  set?: "any" | "all";
  ifExists: boolean;
  op: ConditionOperator | "Null";
}

const parsedCache = new Map<string, ParsedOperator | undefined>();

function parse(name: string): ParsedOperator | undefined {
  let rest = name.trim().toLowerCase();
  let set: ParsedOperator["set"];
  if (rest.startsWith("foranyvalue:")) {
    set = "any";
    rest = rest.slice("foranyvalue:".length);
  } else if (rest.startsWith("forallvalues:")) {
    set = "all";
    rest = rest.slice("forallvalues:".length);
  }
  if (rest === "null") return set === undefined ? { ifExists: false, op: "Null" } : undefined;
  let ifExists = false;
  let op = operators.get(rest);
  if (op === undefined && rest.endsWith("ifexists")) {
    ifExists = true;
    op = operators.get(rest.slice(0, -"ifexists".length));
  }
  return op === undefined ? undefined : { set, ifExists, op };
}

/** The parsed operator, or undefined for an unknown one (e.g. "StringEqualz", "NullIfExists"). */
export function lookupOperator(name: string): ParsedOperator | undefined {
  if (parsedCache.has(name)) return parsedCache.get(name);
  if (parsedCache.size > 10_000) parsedCache.clear();
  const p = parse(name);
  parsedCache.set(name, p);
  return p;
}
