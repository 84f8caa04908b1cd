/**
 * The UTC calendar day (YYYY-MM-DD) of a snapshot's capturedAt, for checks against dates AWS states in UTC (runtime
 * deprecations, as RuntimeReleaseLifecycle says: "The date (UTC)"; the end of the function URL exception). capturedAt
 * may carry any zone (schema.ts ISO_DATE_TIME), and its first ten characters are the day there:
 * "2025-12-14T22:00-05:00" is already 15 December in UTC. A time with no zone is read as UTC, never as the machine's
 * zone, so the answer does not depend on where the analysis runs.
 */
const ZONED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))?$/;

export function captureDayUtc(capturedAt: string): string {
  const m = ZONED.exec(capturedAt);
  // Not a date-time the schema admits (a hand-built model): its own day is the best reading there is.
  if (!m) return capturedAt.slice(0, 10);
  const offsetMinutes = m[7] ? (m[7] === "-" ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) : 0;
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(Number(m[4]), Number(m[5]) - offsetMinutes, 0, 0);
  return d.toISOString().slice(0, 10);
}
