/**
 * Date condition operators (reference_policies_elements_condition_operators.html#Conditions_Date):
 * W3C/ISO-8601 dates and times, or epoch seconds.
 */
import { comparisonOperators } from "./operator";

const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;
// The W3C profile's forms (www.w3.org/TR/NOTE-datetime), year-and-month included; a bare year reads as epoch seconds.
const ISO = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/i;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/i;

const cache = new Map<string, number | undefined>();

function parse(s: string): number | undefined {
  const t = s.trim();
  if (EPOCH.test(t)) return Number(t) * 1000;
  const basic = ISO_BASIC.exec(t);
  if (basic) return Date.UTC(+basic[1]!, +basic[2]! - 1, +basic[3]!, +basic[4]!, +basic[5]!, +basic[6]!);
  const m = ISO.exec(t);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d ?? 1);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(sec ?? 0) > 60)) return undefined;
  let ms = Date.UTC(Number(y), month - 1, day, Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0));
  if (frac) ms += Math.round(Number(frac) * 1000);
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
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

export const dateOperators = comparisonOperators("Date", parseDate, "a date");
