/**
 * Analysed reports, cached in memory per snapshot id. Analysis is a pure function of the snapshot and ids are
 * content hashes, so a cached report never goes stale; concurrent requests for one id share one analysis.
 */
import type { AnalysisReport } from "@/lib/analysis/types";
import type { Snapshot } from "@/lib/snapshot/schema";
import type { SnapshotMeta, SnapshotStore } from "./file-store";

export interface LoadedReport {
  meta: SnapshotMeta;
  report: AnalysisReport;
}

export interface ReportCache {
  getReport(id: string): Promise<LoadedReport | null>;
  /** Number of analyses run so far (for tests). */
  readonly analyses: number;
}

export function createReportCache(
  store: SnapshotStore,
  analyze: (snapshot: Snapshot) => AnalysisReport,
  maxEntries = 8,
): ReportCache {
  const cache = new Map<string, Promise<LoadedReport | null>>();
  let analyses = 0;

  return {
    get analyses() {
      return analyses;
    },
    async getReport(id) {
      let resolvedId = id;
      if (id === "latest") {
        const [newest] = await store.listSnapshots();
        if (!newest) return null;
        resolvedId = newest.id;
      }
      const hit = cache.get(resolvedId);
      if (hit) {
        // Refresh LRU position.
        cache.delete(resolvedId);
        cache.set(resolvedId, hit);
        return hit;
      }
      const pending = store.getSnapshot(resolvedId).then((stored) => {
        if (!stored) return null;
        analyses += 1;
        return { meta: stored.meta, report: analyze(stored.snapshot) };
      });
      cache.set(resolvedId, pending);
      pending.then(
        (r) => r === null && cache.delete(resolvedId),
        () => cache.delete(resolvedId),
      );
      while (cache.size > maxEntries) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        cache.delete(oldest);
      }
      return pending;
    },
  };
}
