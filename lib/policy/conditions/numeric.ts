/** Numeric condition operators (reference_policies_elements_condition_operators.html#Conditions_Numeric). */
import { comparisonOperators } from "./operator";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const PARTS = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/;
/** Past this power of ten either way a value is no integer or decimal anyone writes; its scaling would cost dearly. */
const MAX_EXPONENT = 1000;

/** A number exactly as written: mantissa × 10^exponent. */
interface Decimal {
  mantissa: bigint;
  exponent: number;
}

/**
 * The exact value of an integer or decimal (the page's "integer or decimal value"; a sign, a leading point and an
 * exponent read too), or undefined. Exact, not a double: 9007199254740993 and 9007199254740992 are different numbers.
 */
function parseDecimal(s: string): Decimal | undefined {
  const t = s.trim();
  if (!NUMBER.test(t) || !Number.isFinite(Number(t))) return undefined;
  const [, sign, whole, fraction, power] = PARTS.exec(t)!;
  const exponent = Number(power ?? 0) - fraction!.length;
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  const mantissa = BigInt(`${sign === "-" ? "-" : ""}${whole}${fraction}` || "0");
  return { mantissa, exponent };
}

/** The order of two exact numbers, as for sort. */
function compareDecimals(a: Decimal, b: Decimal): number {
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * 10n ** BigInt(a.exponent - e);
  const y = b.mantissa * 10n ** BigInt(b.exponent - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The value as a double, for callers that only need its size (epoch seconds); undefined where parseDecimal is. */
export function parseNumber(s: string): number | undefined {
  return parseDecimal(s) === undefined ? undefined : Number(s.trim());
}

export const numericOperators = comparisonOperators("Numeric", { parse: parseDecimal, order: compareDecimals }, "a number");
