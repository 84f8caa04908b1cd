/** A dashboard scan whose store directory cannot be used: the job says what to fix, as the CLI and the upload do. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSnapshot } from "@/lib/snapshot/read";
import { startScan, waitForScan } from "./scan-job";

const STORE_KEY = Symbol.for("lambda-permissions-graph.app-store");
const saved = { dir: process.env.LPG_DATA_DIR, file: process.env.LPG_SNAPSHOT_FILE };
let dir = "";

// Root (as these tests run) writes into a read-only directory: a file where the store's directory should be fails
// for everyone, through the same path as EACCES.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lpg-scan-store-"));
  await writeFile(join(dir, "snapshots"), "not a directory");
  process.env.LPG_DATA_DIR = dir;
  delete process.env.LPG_SNAPSHOT_FILE;
  delete (globalThis as Record<symbol, unknown>)[STORE_KEY];
});
afterAll(async () => {
  for (const [key, value] of [["LPG_DATA_DIR", saved.dir], ["LPG_SNAPSHOT_FILE", saved.file]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  delete (globalThis as Record<symbol, unknown>)[STORE_KEY];
  await rm(dir, { recursive: true, force: true });
});

describe("a dashboard scan that cannot be stored", () => {
  it("fails saying the scan was not stored, where, and what to set", async () => {
    const snapshot = parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt: "2026-03-01T00:00:00Z", account: "123456789012", regions: {} });
    startScan(async () => ({ snapshot, stats: { callsByOperation: {}, calls: 0, retried: 0, operations: [], durationMs: 1 } }));
    const done = await waitForScan();
    expect(done?.status).toBe("failed");
    expect(done?.error).toBe(`The scan finished but was not stored: cannot store the snapshot in ${dir} (ENOTDIR): set LPG_DATA_DIR to a directory you can write`);
  });
});
