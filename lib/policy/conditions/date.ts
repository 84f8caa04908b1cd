/**
 * Date condition operators (reference_policies_elements_condition_operators.html#Conditions_Date): "one of the W3C
 * implementations of the ISO 8601 date formats or in epoch (UNIX) time". The W3C profile (www.w3.org/TR/NOTE-datetime)
 * is YYYY, YYYY-MM, YYYY-MM-DD, or a complete date with "T", hh:mm[:ss[.s]] and a zone (TZD: "Z", "+hh:mm" or
 * "-hh:mm"): "Exactly the components shown here must be present, with exactly this punctuation". Other ISO 8601
 * spellings are read too, but as forms AWS does not document (undocumentedDate).
 * A date with no time ("Complete date: YYYY-MM-DD (eg 1997-07-16)", and "YYYY-MM") is one of the profile's forms, so
 * documented, and read as its first instant in UTC: the profile names zones for times only, and AWS states its date
 * windows in UTC ("between April 1, 2020 and June 30, 2020 (UTC)", reference_policies_examples_aws-dates.html).
 */
import { compareDecimals, parseDecimal, type Decimal } from "./numeric";
import { comparisonOperators } from "./operator";

const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;
const ISO = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/i;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/i;
/** The W3C profile's forms exactly, and epoch seconds as a whole number: what the page documents. */
const W3C = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;
/** No leading zero: the same parsers read "0100" as a hundred or, octal, as sixty-four (numeric.ts). */
const WHOLE_EPOCH = /^(?:0|[1-9]\d*)$/;
const HOUR = 3_600_000;

const cache = new Map<string, Decimal | undefined>();

/**
 * Milliseconds of a calendar date and time of day (UTC), or undefined when that day or time does not exist: ISO 8601
 * names real days, and Date.UTC would otherwise roll 2021-02-29 into 1 March, a date the policy never wrote. A second
 * of 60 is a leap second, the next minute's first.
 */
function calendarTime(year: number, month: number, day: number, hour: number, minute: number, second: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > new Date(utc(year, month, 0)).getUTCDate()) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  return utc(year, month - 1, day, hour, minute, second);
}

/**
 * Date.UTC's arithmetic (fields past their range roll over) for any year: Date.UTC itself reads years 0–99 as
 * 1900–1999, so "0050-01-01" would name 1950.
 */
function utc(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d.setUTCHours(hour, minute, second, 0);
}

const ms = (n: number): Decimal => ({ mantissa: BigInt(n), exponent: 0 });

/**
 * Milliseconds since the epoch, exactly: a fraction of a second keeps every digit written, so "…00.0005Z" is neither
 * the whole second nor, rounded, "…00.001Z" (a DateGreaterThan at that boundary would otherwise flip).
 */
function parse(s: string): Decimal | undefined {
  const t = s.trim();
  if (EPOCH.test(t)) {
    const seconds = parseDecimal(t);
    return seconds === undefined ? undefined : { mantissa: seconds.mantissa, exponent: seconds.exponent + 3 };
  }
  const basic = ISO_BASIC.exec(t);
  if (basic) {
    const at = calendarTime(+basic[1]!, +basic[2]!, +basic[3]!, +basic[4]!, +basic[5]!, +basic[6]!);
    return at === undefined ? undefined : ms(at);
  }
  const m = ISO.exec(t);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  let at = calendarTime(Number(y), Number(mo), Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0));
  if (at === undefined) return undefined;
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
    // An offset is an hour and minute of the day (W3C-DTF "+hh:mm"): "+99:99" names no zone.
    if (hours > 23 || minutes > 59) return undefined;
    at -= sign * (hours * 60 + minutes) * 60_000;
  }
  if (!Number.isFinite(at)) return undefined;
  if (!frac) return ms(at);
  // at + 0.frac seconds = (at × 10^n + frac × 1000) / 10^n milliseconds.
  return { mantissa: BigInt(at) * 10n ** BigInt(frac.length) + BigInt(frac) * 1000n, exponent: -frac.length };
}

/** The instant of a date value, exactly (milliseconds since the epoch), or undefined for an invalid date. */
export function parseInstant(s: string): Decimal | undefined {
  if (cache.has(s)) return cache.get(s);
  if (cache.size > 10_000) cache.clear();
  const v = parse(s);
  cache.set(s, v);
  return v;
}

/** Milliseconds since the epoch (UTC when no zone is written), or undefined for an invalid date. */
export function parseDate(s: string): number | undefined {
  const v = parseInstant(s);
  if (v === undefined) return undefined;
  return v.exponent >= 0 ? Number(v.mantissa) * 10 ** v.exponent : Number(v.mantissa) / 10 ** -v.exponent;
}

/**
 * Why a date value parseDate reads is in none of the forms the page documents, or undefined. AWS may read such a value
 * as we do, or refuse it as one that does not parse (conditions/evaluate.ts decides only where both fates agree).
 */
export function undocumentedDate(s: string): string | undefined {
  const t = s.trim();
  if (parseInstant(s) === undefined || (t === s && (WHOLE_EPOCH.test(t) || (W3C.test(t) && ISO.exec(t)?.[6] !== "60")))) return undefined;
  const iso = ISO.exec(t);
  const forms = [
    t !== s ? "spaces around it" : "",
    EPOCH.test(t) && /[+.-]/.test(t) ? "epoch seconds with a sign or a fraction" : "",
    EPOCH.test(t) && /^[+-]?0\d/.test(t) ? "epoch seconds with a leading zero" : "",
    ISO_BASIC.test(t) ? "ISO 8601's basic format" : "",
    iso?.[4] !== undefined && t[10] === " " ? 'a space for "T"' : "",
    /t/.test(t) ? 'a lower-case "t"' : "",
    /z$/.test(t) ? 'a lower-case "z"' : "",
    iso?.[4] !== undefined && iso[8] === undefined ? "a time with no zone" : "",
    iso?.[8] !== undefined && /^[+-]\d{4}$/.test(iso[8]) ? 'an offset without ":"' : "",
    iso?.[6] === "60" ? 'a leap second (W3C "ss" is 00–59)' : "",
  ].filter(Boolean);
  return `${JSON.stringify(s)} is in none of the W3C date forms AWS documents (${forms.join(", ")})`;
}

/**
 * A time of day written with no zone is a local time (ISO 8601) of a zone nobody named: from UTC−12:00 to UTC+14:00,
 * it is any instant from 14 hours before its UTC reading to 12 hours after.
 */
function zonelessSpread(s: string): [Decimal, Decimal] | undefined {
  const m = ISO.exec(s.trim());
  const at = m?.[4] !== undefined && m[8] === undefined ? parseInstant(s) : undefined;
  if (at === undefined) return undefined;
  const shift = (hours: number): Decimal => ({ mantissa: at.mantissa + BigInt(hours * HOUR) * 10n ** BigInt(-Math.min(at.exponent, 0)), exponent: Math.min(at.exponent, 0) });
  return [shift(-14), shift(12)];
}

const YEAR = /^\d{4}$/;

/**
 * The first instant of a bare four-digit value read as the W3C profile's "Year: YYYY" form, or undefined for any other
 * value. The condition operators page admits dates "with one of the W3C implementations of the ISO 8601 date formats or
 * in epoch (UNIX) time" and says not which a bare year is: "2020" is the year 2020 or 2020 seconds after the epoch
 * (1970-01-01T00:33:40Z), so a comparison the two readings decide differently is unknown (operator.ts).
 */
export function yearReading(s: string): number | undefined {
  const t = s.trim();
  if (!YEAR.test(t)) return undefined;
  return utc(Number(t), 0, 1);
}

/** Why a bare four-digit value is no one instant: said of a policy value and of a what-if request value alike. */
export function yearOrEpoch(s: string): string {
  return `${JSON.stringify(s)} is a year (W3C "YYYY") or epoch seconds, and AWS does not document which`;
}

export const dateOperators = comparisonOperators(
  "Date",
  { parse: parseInstant, order: compareDecimals, undocumented: undocumentedDate, spread: zonelessSpread },
  "a date",
  {
    parse: (v) => {
      const year = yearReading(v);
      return year === undefined ? undefined : ms(year);
    },
    why: yearOrEpoch,
  },
);
