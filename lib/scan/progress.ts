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
  /**
   * False while IAM and the organization's policies (read once for the account, beside the regions) are still being
   * read: on an account with thousands of roles that outlasts the regions, and the bar stood at 100 % meanwhile.
   * Absent (a progress from before the field) reads as done.
   */
  accountWideDone?: boolean;
  /**
   * How many execution roles the scan reads one by one, once it has begun to (GetAccountAuthorizationDetails was
   * refused, lib/aws/role-reads.ts): that is then the step still running, and it takes a few calls per role.
   */
  rolesOneByOne?: number;
  /**
   * Set by the dashboard's job once the account is read and its snapshot is being written to the store: a large
   * one takes seconds, and the line sat at "2/2 regions" as if the last region hung.
   */
  storing?: boolean;
}

/** 0..100. The function total grows while pages are listed, so the bar holds below 100 until every region is done. */
export function progressPercent(p: ScanProgressView): number {
  if (regionsRead(p)) return readingAccountWide(p) ? 99 : 100;
  if (p.functionsTotal === 0) return 0;
  return Math.min(99, Math.floor((p.functionsDone / p.functionsTotal) * 100));
}

function regionsRead(p: ScanProgressView): boolean {
  return p.regionsTotal > 0 && p.regionsDone >= p.regionsTotal;
}

/** Every region is read and what the account holds once (IAM, the organization's policies) is not yet. */
function readingAccountWide(p: ScanProgressView): boolean {
  return regionsRead(p) && p.accountWideDone === false;
}

/** Said first, as the step now running, once it is the only one: the region counts after it are final. */
function accountWidePart(p: ScanProgressView): string[] {
  if (!readingAccountWide(p)) return [];
  return [p.rolesOneByOne ? `reading ${p.rolesOneByOne} ${p.rolesOneByOne === 1 ? "role" : "roles"} one by one…` : "reading IAM…"];
}

export function progressText(p: ScanProgressView): string {
  const parts = [
    ...storingPart(p),
    ...accountWidePart(p),
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
  return listingFunctions(p) ? "listing functions…" : `${p.functionsDone}/${p.functionsTotal} functions`;
}

function listingFunctions(p: ScanProgressView): boolean {
  return p.functionsTotal === 0 && !regionsRead(p);
}

/** The regions scanned, or that which ones is not known yet (the scan has not listed them). */
function regionsPart(p: ScanProgressView): string {
  return listingRegions(p) ? "listing regions…" : `${p.regionsDone}/${p.regionsTotal} regions`;
}

function listingRegions(p: ScanProgressView): boolean {
  return p.regionsTotal === 0;
}

/**
 * The steps the line says are running ("listing …", "storing …"), as a key. Counts said 10 s ago are behind but were
 * true; a step said 10 s ago may be over, and "listing functions…" beside a bar at 44/50 functions is wrong.
 */
function stepsSaid(p: ScanProgressView): string {
  return [p.storing === true, listingFunctions(p), listingRegions(p), readingAccountWide(p)].map(Number).join("");
}

/** Said first, as the step now running: the counts after it are final. */
function storingPart(p: ScanProgressView): string[] {
  return p.storing ? ["storing the snapshot…"] : [];
}

/** The dashboard's one line while a scan runs: functions, regions, and failed calls once there are any. */
export function progressLine(p: ScanProgressView): string {
  const parts = [...storingPart(p), ...accountWidePart(p), functionsPart(p), regionsPart(p)];
  if (p.errors) parts.push(`${p.errors} ${p.errors === 1 ? "call" : "calls"} failed`);
  return parts.join(" · ");
}

/**
 * Why a scan's function count may be short, or "": the regions whose function list could not be read whole (a
 * ListFunctions page failed or was denied, failed-calls.ts unlistedRegions). "0 functions" alone read as an account
 * without functions. Shared by the CLI's summary and the dashboard's result.
 */
export function incompleteListing(unlistedRegions: readonly string[] | undefined): string {
  return unlistedRegions?.length ? ` (the function list of ${unlistedRegions.join(", ")} is incomplete)` : "";
}

/** The dashboard's line for a stored scan: what was found, what could not be listed, and failed calls. */
export function scannedLine(r: { functions: number; errors: number; unlistedRegions?: readonly string[] }): string {
  const failed = r.errors ? `, ${r.errors} ${r.errors === 1 ? "call" : "calls"} failed` : "";
  return `Scanned ${r.functions} functions${incompleteListing(r.unlistedRegions)}${failed}`;
}

/** A screen reader reads every change of a live region out; the scan is polled twice a second. */
export const ANNOUNCE_EVERY_MS = 10_000;

export interface Announcement {
  text: string;
  at: number;
  /** stepsSaid of the progress the text describes. */
  steps: string;
}

/**
 * What the polite status region says while a scan runs, given what it said (`last`) and the time now: the start at
 * once, new counts at most every ANNOUNCE_EVERY_MS, so it is heard without drowning out everything else, and a step
 * that starts or ends (a list is read, storing begins) at once, so the text never names a step that is over. A scan
 * has at most three such changes.
 */
export function scanAnnouncement(last: Announcement | null, p: ScanProgressView, now: number): Announcement {
  const steps = stepsSaid(p);
  if (!last) return { text: `Scan running: ${progressLine(p)}`, at: now, steps };
  if (steps === last.steps && now - last.at < ANNOUNCE_EVERY_MS) return last;
  const text = `Scan progress: ${progressLine(p)}`;
  return text === last.text ? last : { text, at: now, steps };
}
