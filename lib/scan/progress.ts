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
    `${p.functionsDone}/${p.functionsTotal} functions`,
    `${p.regionsDone}/${p.regionsTotal} regions`,
    `${p.calls} calls`,
    `${p.errors} ${p.errors === 1 ? "error" : "errors"}`,
  ];
  if (p.retried) parts.push(`${p.retried} retried`);
  return parts.join(" · ");
}
