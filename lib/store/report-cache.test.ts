import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { AnalysisReport } from "@/lib/analysis/types";
import type { Snapshot } from "@/lib/snapshot/schema";
import { createFileStore } from "./file-store";
import { createReportCache } from "./report-cache";

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

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "lpg-cache-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("report cache", () => {
  it("analyses each snapshot once and resolves latest", async () => {
    const store = createFileStore({ dir });
    const old = await store.saveSnapshot(snap("2025-01-01T00:00:00Z"));
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

  it("evicts the least recently used report beyond its size", async () => {
    const store = createFileStore({ dir });
    const ids = [];
    for (let i = 1; i <= 3; i++) ids.push((await store.saveSnapshot(snap(`2025-0${i}-01T00:00:00Z`))).id);
    const cache = createReportCache(store, fakeAnalyze, 2);
    for (const id of ids) await cache.getReport(id);
    expect(cache.analyses).toBe(3);
    await cache.getReport(ids[2]!);
    expect(cache.analyses).toBe(3);
    await cache.getReport(ids[0]!);
    expect(cache.analyses).toBe(4);
  });
});
