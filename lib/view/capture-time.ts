/** Capture times as people read them, in UTC to the minute: `2026-11-20 09:30 UTC` (pages and PNG reports). */
export function formatCaptureTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toISOString().replace("T", " ").replace(/:\d{2}(\.\d+)?Z$/, " UTC");
}
