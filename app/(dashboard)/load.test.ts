/** Loading a page's snapshot: a stored file that no longer reads is an answer the page shows, not a crash. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "@/lib/store/file-store";

const snapshot = (capturedAt: string) =>
  parseSnapshot({
    format: "lambda-permissions-graph/snapshot@1",
    capturedAt,
    account: "123456789012",
    regions: { "us-east-1": { ListFunctions: { Functions: [{ FunctionName: "a", FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:a" }] } } },
  });

const savedDataDir = process.env.LPG_DATA_DIR;
let dir: string;
let older: string;
let newest: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lpg-load-"));
  const store = createFileStore({ dir });
  older = (await store.saveSnapshot(snapshot("2026-01-01T00:00:00Z"))).id;
  newest = (await store.saveSnapshot(snapshot("2026-02-01T00:00:00Z"))).id;
  // Cut short on disk, as a full disk or a hand edit leaves it.
  await writeFile(join(dir, "snapshots", `${newest}.json.gz`), gzipSync('{"format":"lambda-permissions-graph/snapshot@1","capturedAt":"2026-02'));
  process.env.LPG_DATA_DIR = dir;
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("lambda-permissions-graph.app-store")];
});
afterAll(async () => {
  if (savedDataDir === undefined) delete process.env.LPG_DATA_DIR;
  else process.env.LPG_DATA_DIR = savedDataDir;
  await rm(dir, { recursive: true, force: true });
});

describe("a page's snapshot", () => {
  it("that no longer reads comes back as unreadable, with the reader's reason and the stored id", async () => {
    const { loadForPage } = await import("./load");
    const load = await loadForPage(Promise.resolve({ node: "fn:x" }));
    expect(load).toMatchObject({ kind: "unreadable", snapshotId: newest, requested: "latest", search: "node=fn%3Ax" });
    expect(load.kind === "unreadable" && load.reason).toMatch(/not valid JSON/);
  });

  it("compared with another, names the one that could not be read: on the compare page and in the graph's banner", async () => {
    const { loadDiff } = await import("@/lib/store/load-diff");
    const { loadComparison } = await import("@/components/snapshots/compare-banner");
    expect(await loadDiff(older, newest)).toMatchObject({ kind: "unreadable", id: newest, reason: expect.stringMatching(/not valid JSON/) });
    const { loadForPage } = await import("./load");
    const current = await loadForPage(Promise.resolve({ snapshot: older }));
    if (current.kind !== "ok") throw new Error(current.kind);
    expect(await loadComparison({ compare: newest }, current.loaded)).toMatchObject({ kind: "unreadable", id: newest });
  });

  it("that reads still loads, beside one that does not", async () => {
    const { loadForPage } = await import("./load");
    expect(await loadForPage(Promise.resolve({ snapshot: older }))).toMatchObject({ kind: "ok", snapshotId: older });
  });
});
