/**
 * The dashboard's background scan: at most one per server process. `startScan` starts one, or joins the one
 * already running (a second click, another tab), so concurrent requests never double the AWS calls. The result is
 * saved to the store as a new snapshot, which "latest" then resolves to. State lives on globalThis, like the
 * store, so every route module instance (and dev-mode reloads) sees the same job.
 */
import { randomUUID } from "node:crypto";
import { parseRegionList, parseVersionPolicies, scanAccount, type ScanOptions } from "@/lib/aws/collect";
import { AwsCredentialsError, ScanSetupError } from "@/lib/aws/errors";
import { getAppStore } from "@/lib/store/app-store";
import { fileSystemCode, storeErrorMessage } from "@/lib/store/store-error";
import type { ScanProgressView } from "./progress";
import { isFailedCall, unlistedRegions } from "./failed-calls";
import { interruptedLine } from "@/lib/store/interrupted";
import { refuseOnceStopping, settleWritesBeforeStop } from "@/lib/store/writes-in-flight";

export interface ScanJobState {
  id: string;
  status: "running" | "succeeded" | "failed";
  startedAt: string;
  finishedAt?: string;
  progress: ScanProgressView;
  /** Stored snapshot id, when succeeded. */
  snapshotId?: string;
  functions?: number;
  /** When succeeded: the regions whose function list is incomplete (failed-calls.ts unlistedRegions). */
  unlistedRegions?: string[];
  /** One sentence for the user, when failed. */
  error?: string;
}

export type ScanRunner = (options: ScanOptions) => ReturnType<typeof scanAccount>;

interface Jobs {
  current: ScanJobState | null;
  running: Promise<ScanJobState> | null;
  /** The server is stopping (settleScanBeforeStop): a scan that ends its reading now does not start a write. */
  stopping?: boolean;
}

const key = Symbol.for("lambda-permissions-graph.scan-job");
type GlobalWithJobs = typeof globalThis & { [key]?: Jobs };

function jobs(): Jobs {
  const g = globalThis as GlobalWithJobs;
  g[key] ??= { current: null, running: null };
  return g[key];
}

export function scanStatus(): ScanJobState | null {
  const j = jobs().current;
  return j ? structuredClone(j) : null;
}

class NotStoredError extends Error {}

function userMessage(e: unknown): string {
  if (e instanceof AwsCredentialsError || e instanceof ScanSetupError || e instanceof NotStoredError) return e.message;
  const msg = e instanceof Error ? e.message : String(e);
  return `The scan failed: ${msg.split("\n")[0]?.slice(0, 300)}`;
}

/**
 * Options of a dashboard scan: LPG_SCAN_REGIONS ("all" or a comma list) when set, else the SDK's configured
 * region; LPG_SCAN_VERSION_POLICIES as `scan --version-policies`; LPG_SCAN_ORGANIZATIONS=off as
 * `scan --no-organizations`. Credentials are the server's (default chain, AWS_PROFILE); nothing about them comes
 * from the browser.
 */
export function dashboardScanOptions(env: Record<string, string | undefined> = process.env): Pick<ScanOptions, "regions" | "versionPolicies" | "organizations"> {
  const regions = env.LPG_SCAN_REGIONS?.trim();
  const versions = env.LPG_SCAN_VERSION_POLICIES?.trim();
  const organizations = onOff(env.LPG_SCAN_ORGANIZATIONS, "LPG_SCAN_ORGANIZATIONS");
  return {
    ...(regions ? { regions: parseRegionList(regions) } : {}),
    ...(versions ? { versionPolicies: parseVersionPolicies(versions, "LPG_SCAN_VERSION_POLICIES") } : {}),
    ...(organizations === false ? { organizations: false } : {}),
  };
}

/** A switch variable: undefined when unset; a typo is refused rather than read as either answer. */
function onOff(value: string | undefined, name: string): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  if (["on", "true", "1", "yes"].includes(v)) return true;
  if (["off", "false", "0", "no"].includes(v)) return false;
  throw new ScanSetupError(`${name} must be on or off (got '${value}')`);
}

/**
 * Throws a StopRefusal once the server began to stop (writes-in-flight.ts), before any AWS call: its snapshot could
 * not be stored. Joining the scan running is refused too: the server is going away, and its log says what came of it.
 */
export function startScan(run: ScanRunner = scanAccount): { job: ScanJobState; joined: boolean } {
  refuseOnceStopping();
  const state = jobs();
  if (state.current?.status === "running" && state.running) return { job: structuredClone(state.current), joined: true };
  const job: ScanJobState = {
    id: randomUUID(),
    status: "running",
    startedAt: new Date().toISOString(),
    progress: { regionsTotal: 0, regionsDone: 0, functionsTotal: 0, functionsDone: 0, calls: 0, errors: 0, retried: 0 },
  };
  state.current = job;
  state.running = (async () => {
    try {
      const { snapshot } = await run({ ...dashboardScanOptions(), onProgress: (p) => (job.progress = p), progressIntervalMs: 200 });
      // The stop was told "not stored": a write begun while the server closes would be cut off by its exit.
      if (state.stopping) throw new NotStoredError(interruptedLine(undefined));
      const { store } = getAppStore();
      job.progress = { ...job.progress, storing: true };
      const { meta } = await store.saveSnapshot(snapshot).catch((e: unknown) => {
        // The account was read; only the store's directory failed: say so, and what to set.
        throw fileSystemCode(e) ? new NotStoredError(`The scan finished but was not stored: ${storeErrorMessage("write", store.dir, e, "web")}`) : e;
      });
      job.snapshotId = meta.id;
      job.functions = meta.functionCount;
      job.unlistedRegions = unlistedRegions(snapshot.errors);
      job.progress = { ...job.progress, storing: false, regionsDone: job.progress.regionsTotal, errors: snapshot.errors.filter(isFailedCall).length };
      job.status = "succeeded";
    } catch (e: unknown) {
      job.error = userMessage(e);
      job.status = "failed";
    } finally {
      job.finishedAt = new Date().toISOString();
      state.running = null;
    }
    return job;
  })();
  return { job: structuredClone(job), joined: false };
}

/**
 * For a server asked to stop (serve's Ctrl-C or SIGTERM): a scan still reading the account stops with the process and
 * stores nothing, which `say` is told, not even when its reading ends while the server closes. Writes into the store
 * in flight, a scan's snapshot or an upload's, are let finish, as the CLI's scan is (cli/interrupts.ts), and `say` is
 * told so and then what came of each (writes-in-flight.ts). Resolves once nothing is left to wait for.
 */
export async function settleScanBeforeStop(say: (line: string) => void): Promise<void> {
  const state = jobs();
  const { current, running } = state;
  state.stopping = true;
  if (current?.status === "running" && running && !current.progress.storing) {
    say(`${interruptedLine(undefined)} The scan running was still reading the account; the latest snapshot is the one before it.`);
  }
  await settleWritesBeforeStop(say);
}

/** For tests: wait for the running job, if any. */
export function waitForScan(): Promise<ScanJobState | null> {
  return jobs().running ?? Promise.resolve(jobs().current);
}
