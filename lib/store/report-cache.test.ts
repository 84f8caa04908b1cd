import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { AnalysisReport } from "@/lib/analysis/types";
import type { Snapshot } from "@/lib/snapshot/schema";
import { createFileStore } from "./file-store";
import { createReportCache } from "./report-cache";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { useTempDir } from "./test-support";

function fakeAnalyze(snapshot: Snapshot): AnalysisReport {
  return {
    account: snapshot.account,
    capturedAt: snapshot.capturedAt,
    partition: snapshot.partition,
    regions: Object.keys(snapshot.regions),
    functions: [],
    findings: [],
    graph: { nodes: [], edges: [] },
    problems: [],
    errors: [],
  };
}

const snap = (capturedAt: string) =>
  parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt, account: "123456789012" });

const dir = useTempDir("lpg-cache-");

describe("report cache", () => {
  it("analyses each snapshot once and resolves latest", async () => {
    const store = createFileStore({ dir: dir() });
    const old = (await store.saveSnapshot(snap("2025-01-01T00:00:00Z"))).meta;
    await store.saveSnapshot(snap("2025-02-01T00:00:00Z"));
    const cache = createReportCache(store, fakeAnalyze);

    const [a, b] = await Promise.all([cache.getReport("latest"), cache.getReport("latest")]);
    expect(a?.report.capturedAt).toBe("2025-02-01T00:00:00Z");
    expect(b?.report).toBe(a?.report);
    expect(cache.analyses).toBe(1);

    expect((await cache.getReport(old.id))?.report.capturedAt).toBe("2025-01-01T00:00:00Z");
    await cache.getReport(old.id);
    expect(cache.analyses).toBe(2);
    expect(await cache.getReport("20990101T000000Z-000000000000")).toBeNull();
  });

  it("says where a running analysis stands, for its id and latest, shared by requests arriving meanwhile", async () => {
    const store = createFileStore({ dir: dir() });
    const { id } = (await store.saveSnapshot(snap("2025-01-01T00:00:00Z"))).meta;
    let finish = () => {};
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const cache = createReportCache(store, async (snapshot, onProgress) => {
      onProgress?.({ done: 0, total: 3, step: "account model" });
      onProgress?.({ done: 1, total: 3, step: "callers" });
      await gate;
      return fakeAnalyze(snapshot);
    });
    expect(await cache.progress("latest")).toBeNull();
    const first = cache.getReport("latest");
    // Until the snapshot is read and the analysis waits at its gate.
    for (let i = 0; i < 10_000 && !(await cache.progress(id)); i++) await new Promise((r) => setImmediate(r));
    expect(await cache.progress("latest")).toEqual({ done: 1, total: 3, step: "callers" });
    expect(await cache.progress(id)).toEqual({ done: 1, total: 3, step: "callers" });
    const second = cache.getReport(id);
    finish();
    const [a, b] = await Promise.all([first, second]);
    expect(b?.report).toBe(a?.report);
    expect(cache.analyses).toBe(1);
    expect(await cache.progress(id)).toBeNull();
  });

  it("analyses different snapshots one after another, reading the next only once the one before is done, failed or not; those waiting say how many go first", async () => {
    const files = createFileStore({ dir: dir() });
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) ids.push((await files.saveSnapshot(snap(`2025-0${i}-01T00:00:00Z`))).meta.id);
    const reads: string[] = [];
    const store = { ...files, getSnapshot: (id: string) => (reads.push(id), files.getSnapshot(id)) };
    const gates: (() => void)[] = [];
    const cache = createReportCache(store, async (snapshot, onProgress) => {
      onProgress?.({ done: 0, total: 1, step: "callers" });
      await new Promise<void>((resolve) => gates.push(resolve));
      if (snapshot.capturedAt.startsWith("2025-01")) throw new Error("analysis failed");
      return fakeAnalyze(snapshot);
    });
    const analysing = async (n: number) => {
      for (let i = 0; i < 100_000 && gates.length < n; i++) await new Promise((r) => setImmediate(r));
      expect(gates).toHaveLength(n);
    };
    const reports = ids.map((id) => cache.getReport(id).then((r) => r?.report.capturedAt, (e: Error) => e.message));
    await analysing(1);
    expect(reads).toEqual([ids[0]]);
    // Waiting their turn, not yet read: each says how many analyses go first.
    expect(await cache.progress(ids[1]!)).toEqual({ ahead: 1 });
    expect(await cache.progress(ids[2]!)).toEqual({ ahead: 2 });
    gates[0]!();
    await analysing(2);
    expect(reads).toEqual([ids[0], ids[1]]);
    // The first failed: the next moves on to its own steps, the last one place up.
    expect(await cache.progress(ids[1]!)).toEqual({ done: 0, total: 1, step: "callers" });
    expect(await cache.progress(ids[2]!)).toEqual({ ahead: 1 });
    expect(await cache.progress("latest")).toEqual({ ahead: 1 });
    gates[1]!();
    await analysing(3);
    gates[2]!();
    expect(await Promise.all(reports)).toEqual(["analysis failed", "2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z"]);
    expect(cache.analyses).toBe(3);
    for (const id of ids) expect(await cache.progress(id)).toBeNull();
  });

  it("evicts the least recently used report beyond its size", async () => {
    const store = createFileStore({ dir: dir() });
    const ids = [];
    for (let i = 1; i <= 3; i++) ids.push((await store.saveSnapshot(snap(`2025-0${i}-01T00:00:00Z`))).meta.id);
    const cache = createReportCache(store, fakeAnalyze, 2);
    for (const id of ids) await cache.getReport(id);
    expect(cache.analyses).toBe(3);
    await cache.getReport(ids[2]!);
    expect(cache.analyses).toBe(3);
    await cache.getReport(ids[0]!);
    expect(cache.analyses).toBe(4);
  });

  it("says a report is ready only once it is analysed, for ids and latest, and not after eviction", async () => {
    const store = createFileStore({ dir: dir() });
    const old = (await store.saveSnapshot(snap("2025-01-01T00:00:00Z"))).meta;
    const cache = createReportCache(store, fakeAnalyze, 1);
    expect(await cache.isReady("latest")).toBe(false);
    const pending = cache.getReport("latest");
    expect(await cache.isReady(old.id)).toBe(false); // still being read and analysed
    await pending;
    expect(await cache.isReady("latest")).toBe(true);
    expect(await cache.isReady(old.id)).toBe(true);
    const newer = (await store.saveSnapshot(snap("2025-02-01T00:00:00Z"))).meta;
    expect(await cache.isReady("latest")).toBe(false); // latest is now the newer, unanalysed snapshot
    await cache.getReport(newer.id);
    expect(await cache.isReady(old.id)).toBe(false); // evicted (size 1)
    expect(await cache.isReady("20990101T000000Z-000000000000")).toBe(false);
  });

  it("resolves latest to the newest stored id, keeps a concrete id, and says null for an empty store", async () => {
    const store = createFileStore({ dir: dir() });
    const cache = createReportCache(store, fakeAnalyze);
    expect(await cache.resolveId("latest")).toBeNull();
    const old = (await store.saveSnapshot(snap("2025-01-01T00:00:00Z"))).meta;
    const newer = (await store.saveSnapshot(snap("2025-02-01T00:00:00Z"))).meta;
    expect(await cache.resolveId("latest")).toBe(newer.id);
    expect(await cache.resolveId(old.id)).toBe(old.id);
  });

  it("hands the model an analysis built to keepModel with the snapshot's id, and none from a failed analysis", async () => {
    const store = createFileStore({ dir: dir() });
    const good = (await store.saveSnapshot(snap("2025-01-01T00:00:00Z"))).meta;
    const bad = (await store.saveSnapshot(snap("2025-02-01T00:00:00Z"))).meta;
    const kept: [string, unknown][] = [];
    const cache = createReportCache(
      store,
      (snapshot, _progress, onModel) => {
        if (snapshot.capturedAt === bad.capturedAt) throw new Error("no");
        onModel?.(buildAccountModel(snapshot));
        return fakeAnalyze(snapshot);
      },
      8,
      (id, model) => kept.push([id, model]),
    );
    await cache.getReport(good.id);
    await expect(cache.getReport("latest")).rejects.toThrow("no");
    expect(kept.map(([id]) => id)).toEqual([good.id]);
  });
});
