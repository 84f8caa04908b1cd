/** Numeric condition operators (reference_policies_elements_condition_operators.html#Conditions_Numeric). */
import { comparisonOperators } from "./operator";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const PARTS = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/;
/**
 * The page's "integer or decimal value" as written in decimal notation: "-5", "10", "2.5", "0.5". No leading zero
 * ("010"): the page shows none, and parsers differ on it (Java's BigDecimal and parseInt read ten, Long.decode and C's
 * strtol with base 0 octal eight, JSON's number grammar refuses it: octalReading).
 */
const DOCUMENTED = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
/** Past this power of ten either way a value is no integer or decimal anyone writes; its scaling would cost dearly. */
const MAX_EXPONENT = 1000;

/** A number exactly as written: mantissa × 10^exponent. */
export interface Decimal {
  mantissa: bigint;
  exponent: number;
}

/**
 * The exact value of an integer or decimal (the page's "integer or decimal value"; a sign, a leading or trailing
 * point, an exponent and surrounding spaces read too: see undocumentedNumber), or undefined. Exact, not a double:
 * 9007199254740993 and 9007199254740992 are different numbers.
 */
export function parseDecimal(s: string): Decimal | undefined {
  const t = s.trim();
  if (!NUMBER.test(t) || !Number.isFinite(Number(t))) return undefined;
  const [, sign, whole, fraction, power] = PARTS.exec(t)!;
  const exponent = Number(power ?? 0) - fraction!.length;
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  const mantissa = BigInt(`${sign === "-" ? "-" : ""}${whole}${fraction}` || "0");
  return { mantissa, exponent };
}

/** The order of two exact numbers, as for sort. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * 10n ** BigInt(a.exponent - e);
  const y = b.mantissa * 10n ** BigInt(b.exponent - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The value as a double, for callers that only need its size (epoch seconds); undefined where parseDecimal is. */
export function parseNumber(s: string): number | undefined {
  return parseDecimal(s) === undefined ? undefined : Number(s.trim());
}

/**
 * Why a value parseDecimal reads is not in the form the page documents ("an integer or decimal value"), or undefined.
 * "1e3", "+5", ".5", "5.", "010" and " 5 " are numbers to the common decimal parsers (Java's Double.parseDouble reads them
 * all, BigDecimal all but the spaces), so AWS may read them as we do, or refuse them and match nothing: where the two
 * fates disagree the comparison is unknown (conditions/evaluate.ts). Hexadecimal ("0x10") is not read at all: none of
 * those parsers takes it without a binary exponent.
 */
export function undocumentedNumber(s: string): string | undefined {
  if (DOCUMENTED.test(s) || parseDecimal(s) === undefined) return undefined;
  const t = s.trim();
  const forms = [
    t !== s ? "spaces around it" : "",
    /[eE]/.test(t) ? "an exponent" : "",
    t.startsWith("+") ? "a plus sign" : "",
    /^[+-]?\./.test(t) ? "no digit before the point" : "",
    /\.(?:[eE]|$)/.test(t) ? "no digit after the point" : "",
    /^[+-]?0\d/.test(t) ? "a leading zero" : "",
  ].filter(Boolean);
  return `${JSON.stringify(s)} is not written as an integer or decimal (${forms.join(", ")}), the only forms AWS documents`;
}

const OCTAL = /^([+-]?)0([0-7]+)$/;

/**
 * A leading-zero integer as the parsers that read it octal do (C's strtol with base 0, Java's Long.decode): "010" is
 * eight. A third fate beside ten and refusal, so such a value decides a comparison only where all three agree.
 */
function octalReading(s: string): Decimal | undefined {
  const m = OCTAL.exec(s.trim());
  if (!m) return undefined;
  const value = BigInt(`0o${m[2]}`);
  return { mantissa: m[1] === "-" ? -value : value, exponent: 0 };
}

export const numericOperators = comparisonOperators(
  "Numeric",
  { parse: parseDecimal, order: compareDecimals, undocumented: undocumentedNumber },
  "a number",
  { parse: octalReading, why: (v) => `${JSON.stringify(v)} has a leading zero, which some parsers read as octal` },
);
