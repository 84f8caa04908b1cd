/**
 * Analysed reports, cached in memory per snapshot id. Analysis is a pure function of the snapshot and ids are
 * content hashes, so a cached report never goes stale; concurrent requests for one id share one analysis, and
 * analyses of different ids run one after another. They run in turns on the server's one thread, so two at once
 * finish neither sooner, while each holds its snapshot and its report in the making: one client asking for every
 * stored scan at once (a script, the snapshots page's links opened in tabs) held all of them in memory together.
 */
import type { AnalysisReport } from "@/lib/analysis/types";
import type { AnalysisProgress, OnAnalysisProgress } from "@/lib/analysis/analyze";
import type { AccountModel } from "@/lib/analysis/account-model";
import type { Snapshot } from "@/lib/snapshot/schema";
import type { SnapshotMeta, SnapshotStore } from "./file-store";
import type { AcceptedFindings } from "./accepted-findings";

export interface LoadedReport {
  meta: SnapshotMeta;
  report: AnalysisReport;
  /**
   * With LPG_SUPPRESSIONS: the file was applied (the accepted findings are then `report.suppressed`) with these
   * warnings, or why it was not.
   */
  accepted?: AcceptedFindings;
}

/**
 * An analysis waiting its turn: `ahead` analyses of other snapshots run or wait before it. The waiting page says so,
 * rather than "Reading the snapshot" for the whole of another's analysis (10–15 s each at 10,000 functions).
 */
export interface QueuedAnalysis {
  ahead: number;
}

/** Where an analysis stands: queued behind others, or the step it has reached. */
export type AnalysisStanding = QueuedAnalysis | AnalysisProgress;

export interface ReportCache {
  getReport(id: string): Promise<LoadedReport | null>;
  /** Whether the report of `id` ("latest" included) is analysed and cached, so getReport answers at once. */
  isReady(id: string): Promise<boolean>;
  /** The concrete snapshot id `id` stands for ("latest": the newest stored), or null when there is none. */
  resolveId(id: string): Promise<string | null>;
  /**
   * Where the analysis of `id` ("latest" included) stands (the waiting page shows it): queued while others go first,
   * then the step it has reached; null while its snapshot is read, when none was asked for, and once it is ready.
   */
  progress(id: string): Promise<AnalysisStanding | null>;
  /** Number of analyses run so far (for tests). */
  readonly analyses: number;
}

/**
 * `analyze` may hand over the account model it built (`onModel`); `keepModel` then gets it with the snapshot's id,
 * so a what-if question after the report needs no second read and build (account-models.ts).
 */
export function createReportCache(
  store: SnapshotStore,
  analyze: (snapshot: Snapshot, onProgress?: OnAnalysisProgress, onModel?: (model: AccountModel) => void) => AnalysisReport | Promise<AnalysisReport>,
  maxEntries = 8,
  keepModel?: (snapshotId: string, model: AccountModel) => void,
): ReportCache {
  const cache = new Map<string, Promise<LoadedReport | null>>();
  /** Ids whose analysis has finished with a report (a subset of `cache`: evictions remove from both). */
  const ready = new Set<string>();
  /** The analyses running, by id: the step each has reached. */
  const running = new Map<string, AnalysisProgress>();
  let analyses = 0;
  /** The last analysis queued: the next one starts, reading its snapshot, once it has settled. */
  let previous: Promise<unknown> = Promise.resolve();
  /** The ids of the analyses not yet settled, in their order: the first is running (or reading its snapshot). */
  const unsettled: string[] = [];

  async function resolveId(id: string): Promise<string | null> {
    if (id !== "latest") return id;
    const [newest] = await store.listSnapshots();
    return newest?.id ?? null;
  }

  return {
    get analyses() {
      return analyses;
    },
    resolveId,
    async progress(id) {
      const resolvedId = await resolveId(id);
      if (resolvedId === null) return null;
      const ahead = unsettled.indexOf(resolvedId);
      return ahead > 0 ? { ahead } : (running.get(resolvedId) ?? null);
    },
    async isReady(id) {
      const resolvedId = await resolveId(id);
      return resolvedId !== null && ready.has(resolvedId);
    },
    async getReport(id) {
      const resolvedId = await resolveId(id);
      if (resolvedId === null) return null;
      const hit = cache.get(resolvedId);
      if (hit) {
        // Refresh LRU position.
        cache.delete(resolvedId);
        cache.set(resolvedId, hit);
        return hit;
      }
      unsettled.push(resolvedId);
      const pending = previous.then(async () => {
        try {
          const stored = await store.getSnapshot(resolvedId);
          if (!stored) return null;
          analyses += 1;
          const onModel = keepModel && ((model: AccountModel) => keepModel(stored.meta.id, model));
          return { meta: stored.meta, report: await analyze(stored.snapshot, (p) => running.set(resolvedId, p), onModel) };
        } finally {
          running.delete(resolvedId);
          // Its own entry is the first: analyses settle in the order they were queued.
          unsettled.splice(unsettled.indexOf(resolvedId), 1);
        }
      });
      previous = pending.catch(() => undefined);
      cache.set(resolvedId, pending);
      pending.then(
        (r) => (r === null ? cache.delete(resolvedId) : ready.add(resolvedId)),
        () => cache.delete(resolvedId),
      );
      while (cache.size > maxEntries) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        cache.delete(oldest);
        ready.delete(oldest);
      }
      return pending;
    },
  };
}
