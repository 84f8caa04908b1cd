import { captureInstant } from "@/lib/analysis/capture-day";

/**
 * Capture times as people read them, in UTC to the minute: `2026-11-20 09:30 UTC` (pages and PNG reports). A time
 * with no zone is read as UTC, as the analysis reads it (captureInstant), so every machine shows the same time; text
 * that is no such date-time is shown as it is.
 */
export function formatCaptureTime(iso: string): string {
  const t = captureInstant(iso);
  if (t === undefined) return iso;
  return new Date(t).toISOString().replace("T", " ").replace(/:\d{2}(\.\d+)?Z$/, " UTC");
}

/**
 * A scan as people recognise it: `the 2026-11-20 09:30 UTC scan of 111111111111`. The stored-snapshots list names
 * its links with it and the upload zone says what it stored with it, so both read the same.
 */
export function scanName(meta: { capturedAt: string; account: string }): string {
  return `the ${formatCaptureTime(meta.capturedAt)} scan of ${meta.account}`;
}
