/** Numeric condition operators (reference_policies_elements_condition_operators.html#Conditions_Numeric). */
import { comparisonOperators } from "./operator";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumber(s: string): number | undefined {
  const t = s.trim();
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export const numericOperators = comparisonOperators("Numeric", parseNumber, "a number");
