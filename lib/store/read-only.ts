/**
 * `serve FILE` (LPG_SNAPSHOT_FILE) shows that one file and stores nothing: uploads and scans are refused up front,
 * before any work (a scan would otherwise read the whole account and only then fail to save). Read at request time,
 * like the store, so one build serves either mode.
 */
export function servingOneFile(env: Record<string, string | undefined> = process.env): boolean {
  return !!env.LPG_SNAPSHOT_FILE?.trim();
}

/** The one sentence a refused upload or scan shows. */
export function readOnlyMessage(what: "upload snapshots" | "scan"): string {
  return `The dashboard is showing one file read-only (serve FILE), so it cannot ${what}; start it without FILE to ${what}.`;
}
