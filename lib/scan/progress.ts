/**
 * Scan progress as people read it, shared by the CLI's bar and the dashboard's progress bar (no SDK import, so
 * client components can use it).
 */
export interface ScanProgressView {
  regionsTotal: number;
  regionsDone: number;
  functionsTotal: number;
  functionsDone: number;
  calls: number;
  /** Calls that failed (failed-calls.ts isFailedCall): not the reads the scan chose to skip. */
  errors: number;
  retried?: number;
}

/** 0..100. The function total grows while pages are listed, so the bar holds below 100 until every region is done. */
export function progressPercent(p: ScanProgressView): number {
  if (p.regionsTotal > 0 && p.regionsDone >= p.regionsTotal) return 100;
  if (p.functionsTotal === 0) return 0;
  return Math.min(99, Math.floor((p.functionsDone / p.functionsTotal) * 100));
}

export function progressText(p: ScanProgressView): string {
  const parts = [
    functionsPart(p),
    regionsPart(p),
    `${p.calls} calls`,
    `${p.errors} ${p.errors === 1 ? "error" : "errors"}`,
  ];
  if (p.retried) parts.push(`${p.retried} retried`);
  return parts.join(" · ");
}

/** Functions found so far, or that none is known yet: "0/0 functions" read as an empty account. */
function functionsPart(p: ScanProgressView): string {
  return p.functionsTotal === 0 && progressPercent(p) < 100 ? "listing functions…" : `${p.functionsDone}/${p.functionsTotal} functions`;
}

/** The regions scanned, or that which ones is not known yet (the scan has not listed them). */
function regionsPart(p: ScanProgressView): string {
  return p.regionsTotal === 0 ? "listing regions…" : `${p.regionsDone}/${p.regionsTotal} regions`;
}

/** The dashboard's one line while a scan runs: functions, regions, and failed calls once there are any. */
export function progressLine(p: ScanProgressView): string {
  const parts = [functionsPart(p), regionsPart(p)];
  if (p.errors) parts.push(`${p.errors} ${p.errors === 1 ? "call" : "calls"} failed`);
  return parts.join(" · ");
}

/** A screen reader reads every change of a live region out; the scan is polled twice a second. */
export const ANNOUNCE_EVERY_MS = 10_000;

export interface Announcement {
  text: string;
  at: number;
}

/**
 * What the polite status region says while a scan runs, given what it said (`last`) and the time now: the start at
 * once, then the progress at most every ANNOUNCE_EVERY_MS, so it is heard without drowning out everything else.
 */
export function scanAnnouncement(last: Announcement | null, p: ScanProgressView, now: number): Announcement {
  if (!last) return { text: `Scan running: ${progressLine(p)}`, at: now };
  if (now - last.at < ANNOUNCE_EVERY_MS) return last;
  const text = `Scan progress: ${progressLine(p)}`;
  return text === last.text ? last : { text, at: now };
}
