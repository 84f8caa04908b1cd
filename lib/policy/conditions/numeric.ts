/** Numeric condition operators (reference_policies_elements_condition_operators.html#Conditions_Numeric). */
import { defineOperators } from "./operator";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumber(s: string): number | undefined {
  const t = s.trim();
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function compare(pred: (r: number, p: number) => boolean) {
  return (r: string, p: string) => {
    const a = parseNumber(r);
    const b = parseNumber(p);
    return a !== undefined && b !== undefined && pred(a, b);
  };
}

export const numericOperators = defineOperators(
  { variables: false, glob: false, invalid: (v) => (parseNumber(v) === undefined ? `"${v}" is not a number` : undefined) },
  {
    NumericEquals: { test: compare((a, b) => a === b) },
    NumericNotEquals: { negated: true, test: compare((a, b) => a === b) },
    NumericLessThan: { test: compare((a, b) => a < b) },
    NumericLessThanEquals: { test: compare((a, b) => a <= b) },
    NumericGreaterThan: { test: compare((a, b) => a > b) },
    NumericGreaterThanEquals: { test: compare((a, b) => a >= b) },
  },
);
