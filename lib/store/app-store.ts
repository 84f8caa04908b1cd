/**
 * The store and report cache the dashboard uses, configured from the environment (validated with zod):
 *   LPG_DATA_DIR        data directory (default `.data/` in the working directory)
 *   LPG_SNAPSHOT_FILE   serve this one snapshot file read-only instead of the store (`cli serve FILE`)
 *   LPG_DEMO_SNAPSHOT   snapshot imported into an empty store (default: the demo `cli demo` prints, under LPG_APP_ROOT)
 *   LPG_SUPPRESSIONS    suppressions file (docs/suppressions.md): accepted findings left out of every page and route
 * One instance per server process (kept on globalThis so dev-mode reloads do not drop the cache).
 */
import { resolve } from "node:path";
import { z } from "zod";
import { createFileStore, type SnapshotMeta, type SnapshotStore } from "./file-store";
import { createSingleFileStore } from "./single-file-store";
import { createReportCache, type AnalysisStanding, type LoadedReport, type ReportCache } from "./report-cache";
import { analyze } from "./analyzer";
import { keepAccountModel } from "./account-models";
import { withAcceptedFindings } from "./accepted-findings";
import { todayUtc } from "@/lib/suppressions/apply";
import { SnapshotReadError } from "@/lib/snapshot/read";
import { dataDirectory } from "./data-dir";
import { demoSnapshotPath } from "@/lib/snapshot/demo";

const EnvSchema = z.object({
  LPG_DATA_DIR: z.string().trim().min(1).optional(),
  LPG_SNAPSHOT_FILE: z.string().trim().min(1).optional(),
  LPG_DEMO_SNAPSHOT: z.string().trim().min(1).optional(),
});

interface AppStore {
  store: SnapshotStore;
  reports: ReportCache;
}

const globalKey = Symbol.for("lambda-permissions-graph.app-store");
type GlobalWithStore = typeof globalThis & { [globalKey]?: AppStore };

export function getAppStore(): AppStore {
  const g = globalThis as GlobalWithStore;
  if (!g[globalKey]) {
    const env = EnvSchema.parse({
      LPG_DATA_DIR: process.env.LPG_DATA_DIR || undefined,
      LPG_SNAPSHOT_FILE: process.env.LPG_SNAPSHOT_FILE || undefined,
      LPG_DEMO_SNAPSHOT: process.env.LPG_DEMO_SNAPSHOT || undefined,
    });
    const store = env.LPG_SNAPSHOT_FILE
      ? createSingleFileStore(resolve(/*turbopackIgnore: true*/ env.LPG_SNAPSHOT_FILE))
      : createFileStore({
          dir: dataDirectory(env),
          demoSnapshotPath: env.LPG_DEMO_SNAPSHOT ? resolve(/*turbopackIgnore: true*/ env.LPG_DEMO_SNAPSHOT) : demoSnapshotPath(),
        });
    g[globalKey] = { store, reports: createReportCache(store, analyze, undefined, keepAccountModel) };
  }
  return g[globalKey];
}

/** The analysed report of a snapshot id, or of the newest snapshot for "latest"; null when there is none. */
export async function loadReport(id: string): Promise<LoadedReport | null> {
  const loaded = await getAppStore().reports.getReport(id);
  const suppressions = process.env.LPG_SUPPRESSIONS?.trim();
  const file = suppressions ? resolve(/*turbopackIgnore: true*/ suppressions) : undefined;
  return loaded && withAcceptedFindings(loaded, file, todayUtc());
}

/**
 * What loading `id` came to, for a page to say: a stored snapshot that no longer reads (edited on disk, cut short, of
 * a format this version refuses) is an answer with the reader's reason, which says what is wrong, not a crash whose
 * message production builds hide.
 */
export type ReportOutcome = { kind: "ok"; loaded: LoadedReport } | { kind: "missing" } | { kind: "unreadable"; reason: string };

export async function reportOutcome(id: string): Promise<ReportOutcome> {
  try {
    const loaded = await loadReport(id);
    return loaded ? { kind: "ok", loaded } : { kind: "missing" };
  } catch (e: unknown) {
    if (e instanceof SnapshotReadError) return { kind: "unreadable", reason: e.message };
    throw e;
  }
}

/** True when loadReport(id) would answer from memory (the snapshot is analysed), see app/(dashboard)/when-ready.tsx. */
export function reportIsReady(id: string): Promise<boolean> {
  return getAppStore().reports.isReady(id);
}

/** Where the analysis of `id` stands, queued or running, else null: the waiting page polls it (GET /api/analysis). */
export function analysisProgress(id: string): Promise<AnalysisStanding | null> {
  return getAppStore().reports.progress(id);
}

/** Whether listing the store must first read a whole snapshot file (see SnapshotStore.listingReadsSnapshot). */
export function listingReadsSnapshot(): boolean {
  return getAppStore().store.listingReadsSnapshot?.() ?? false;
}

/**
 * Starts analysing `id` (the page's own load then shares it, as every request does) and answers where it stands once
 * the start has run: the analysis's first step when the snapshot is already in memory (a served file), null while it
 * is still read from disk, queued behind another snapshot's analysis when one is under way. A failure is the page's own load's to report.
 */
export async function startAnalysis(id: string): Promise<AnalysisStanding | null> {
  getAppStore().reports.getReport(id).catch(() => undefined);
  // One turn of the event loop: a snapshot in memory has then reached its first step; one read from disk has not.
  await new Promise<void>((resolve) => setImmediate(resolve));
  return analysisProgress(id);
}

/** What the store says of snapshot `id` (account, regions, function count) without analysing it; null when absent. */
export async function snapshotMeta(id: string): Promise<SnapshotMeta | null> {
  return (await getAppStore().store.listSnapshots()).find((m) => m.id === id) ?? null;
}

/** The concrete snapshot id for "latest" (the newest stored) or an id as given; null when the store is empty. */
export function resolveSnapshotId(id: string): Promise<string | null> {
  return getAppStore().reports.resolveId(id);
}
