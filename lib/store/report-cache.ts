/**
 * Analysed reports, cached in memory per snapshot id. Analysis is a pure function of the snapshot and ids are
 * content hashes, so a cached report never goes stale; concurrent requests for one id share one analysis, and
 * analyses of different ids run one after another. They run in turns on the server's one thread, so two at once
 * finish neither sooner, while each holds its snapshot and its report in the making: one client asking for every
 * stored scan at once (a script, the snapshots page's links opened in tabs) held all of them in memory together.
 */
import type { AnalysisReport } from "@/lib/analysis/types";
import type { AnalysisProgress, OnAnalysisProgress } from "@/lib/analysis/analyze";
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

export interface ReportCache {
  getReport(id: string): Promise<LoadedReport | null>;
  /** Whether the report of `id` ("latest" included) is analysed and cached, so getReport answers at once. */
  isReady(id: string): Promise<boolean>;
  /** The concrete snapshot id `id` stands for ("latest": the newest stored), or null when there is none. */
  resolveId(id: string): Promise<string | null>;
  /**
   * Where the analysis of `id` ("latest" included) stands while it runs (the waiting page shows it); null before the
   * snapshot is read and once the report is ready.
   */
  progress(id: string): Promise<AnalysisProgress | null>;
  /** Number of analyses run so far (for tests). */
  readonly analyses: number;
}

export function createReportCache(
  store: SnapshotStore,
  analyze: (snapshot: Snapshot, onProgress?: OnAnalysisProgress) => AnalysisReport | Promise<AnalysisReport>,
  maxEntries = 8,
): ReportCache {
  const cache = new Map<string, Promise<LoadedReport | null>>();
  /** Ids whose analysis has finished with a report (a subset of `cache`: evictions remove from both). */
  const ready = new Set<string>();
  /** The analyses running, by id: the step each has reached. */
  const running = new Map<string, AnalysisProgress>();
  let analyses = 0;
  /** The last analysis queued: the next one starts, reading its snapshot, once it has settled. */
  let previous: Promise<unknown> = Promise.resolve();

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
      return (resolvedId !== null && running.get(resolvedId)) || null;
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
      const pending = previous.then(async () => {
        const stored = await store.getSnapshot(resolvedId);
        if (!stored) return null;
        analyses += 1;
        try {
          return { meta: stored.meta, report: await analyze(stored.snapshot, (p) => running.set(resolvedId, p)) };
        } finally {
          running.delete(resolvedId);
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
