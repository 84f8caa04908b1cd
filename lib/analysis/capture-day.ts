/**
 * The UTC calendar day (YYYY-MM-DD) of a snapshot's capturedAt, for checks against dates AWS states in UTC (runtime
 * deprecations, as RuntimeReleaseLifecycle says: "The date (UTC)"; the end of the function URL exception; the day in
 * a Lambda log stream's name). capturedAt may carry any zone (schema.ts ISO_DATE_TIME), and its first ten characters
 * are the day there: "2025-12-14T22:00-05:00" is already 15 December in UTC. A time with no zone is read as UTC,
 * never as the machine's zone, so the answer does not depend on where the analysis runs.
 */
const ZONED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * The instant of a date-time the schema admits, as epoch milliseconds, with no zone read as UTC; undefined for other
 * text. Not Date.parse: it reads a time with no zone in the machine's zone, and refuses `+0530`.
 */
export function captureInstant(capturedAt: string): number | undefined {
  const m = ZONED.exec(capturedAt);
  if (!m) return undefined;
  const offsetMinutes = m[9] ? (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(Number(m[4]), Number(m[5]) - offsetMinutes, Number(m[6] ?? 0), Math.floor(Number(m[7] ?? 0) * 1000));
  return d.getTime();
}

export function captureDayUtc(capturedAt: string): string {
  const t = captureInstant(capturedAt);
  // Not a date-time the schema admits (a hand-built model): its own day is the best reading there is.
  return t === undefined ? capturedAt.slice(0, 10) : new Date(t).toISOString().slice(0, 10);
}
