/**
 * Date condition operators (reference_policies_elements_condition_operators.html#Conditions_Date):
 * W3C/ISO-8601 dates and times, or epoch seconds.
 */
import { comparisonOperators } from "./operator";

const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;
// The W3C profile's forms (www.w3.org/TR/NOTE-datetime), year-and-month included; a bare year also reads as epoch
// seconds (yearReading).
const ISO = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/i;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/i;

const cache = new Map<string, number | undefined>();

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

function parse(s: string): number | undefined {
  const t = s.trim();
  if (EPOCH.test(t)) {
    const ms = Number(t) * 1000;
    return Number.isFinite(ms) ? ms : undefined;
  }
  const basic = ISO_BASIC.exec(t);
  if (basic) return calendarTime(+basic[1]!, +basic[2]!, +basic[3]!, +basic[4]!, +basic[5]!, +basic[6]!);
  const m = ISO.exec(t);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  let ms = calendarTime(Number(y), Number(mo), Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0));
  if (ms === undefined) return undefined;
  if (frac) ms += Math.round(Number(frac) * 1000);
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
    // An offset is an hour and minute of the day (W3C-DTF "+hh:mm"): "+99:99" names no zone.
    if (hours > 23 || minutes > 59) return undefined;
    ms -= sign * (hours * 60 + minutes) * 60_000;
  }
  return Number.isFinite(ms) ? ms : undefined;
}

/** Milliseconds since the epoch (UTC when no zone is written), or undefined for an invalid date. */
export function parseDate(s: string): number | undefined {
  if (cache.has(s)) return cache.get(s);
  if (cache.size > 10_000) cache.clear();
  const v = parse(s);
  cache.set(s, v);
  return v;
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

export const dateOperators = comparisonOperators("Date", { parse: parseDate, order: (a: number, b: number) => a - b }, "a date", {
  parse: yearReading,
  why: (v) => `${JSON.stringify(v)} is a year (W3C "YYYY") or epoch seconds, and AWS does not document which`,
});
