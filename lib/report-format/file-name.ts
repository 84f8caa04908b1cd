/**
 * The file name of every report download: the PNG (the browser's "Export PNG" and the server's /api/report.png) and
 * the formats of /api/report (SARIF, Markdown, text). One name for one view of one scan, whichever way it is saved:
 * account and capture time in UTC to the second, safe as a file name on every OS and inside a Content-Disposition
 * header. Not the snapshot id, whose hash part says nothing to someone looking at a folder of downloads.
 */
export type ReportExtension = "png" | "sarif" | "md" | "txt";

export function reportFileName(account: string, capturedAt: string, ext: ReportExtension): string {
  // Through Date, in UTC to the second as the header prints it: the raw text's digits would run a fraction of a
  // second or a UTC offset into the time (…T0930001 for 09:30:00.123Z).
  const t = Date.parse(capturedAt);
  const when = Number.isNaN(t) ? "undated" : new Date(t).toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  return `lambda-permissions-${account.replace(/[^0-9A-Za-z-]/g, "")}-${when}.${ext}`;
}
