/**
 * The PNG report's file name, for the browser's "Export PNG" download and the server's /api/report.png alike, so the
 * same view saves under the same name from either: account and capture time in UTC to the second, safe as a file
 * name on every OS and inside a Content-Disposition header.
 */
export function reportFileName(account: string, capturedAt: string): string {
  // Through Date, in UTC to the second as the header prints it: the raw text's digits would run a fraction of a
  // second or a UTC offset into the time (…T0930001 for 09:30:00.123Z).
  const t = Date.parse(capturedAt);
  const when = Number.isNaN(t) ? "undated" : new Date(t).toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  return `lambda-permissions-${account.replace(/[^0-9A-Za-z-]/g, "")}-${when}.png`;
}
