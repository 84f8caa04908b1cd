/** /api/snapshots on a data directory the server cannot use (LPG_DATA_DIR wrong, not writable): a sentence, not a crash. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { GET, POST } from "./route";

const STORE_KEY = Symbol.for("lambda-permissions-graph.app-store");
const saved = { dir: process.env.LPG_DATA_DIR, file: process.env.LPG_SNAPSHOT_FILE };
let dir = "";

// Tests run as root here, where a read-only directory still takes writes: a file where the store's directory
// should be fails the same way for everyone (ENOTDIR rather than EACCES, through the same path).
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lpg-store-failure-"));
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

const snapshot = JSON.stringify({ format: "lambda-permissions-graph/snapshot@1", capturedAt: "2026-03-01T00:00:00Z", account: "123456789012", regions: {} });

describe("/api/snapshots when the store's directory cannot be used", () => {
  it("answers an upload with what to fix, having stored nothing", async () => {
    const r = await POST(new NextRequest("http://localhost/api/snapshots?name=account.json", { method: "POST", body: snapshot, headers: { host: "localhost", "content-type": "application/json" } }));
    expect(r.status).toBe(500);
    expect((await r.json()).error).toBe(`not stored: cannot store the snapshot in ${dir} (ENOTDIR): set LPG_DATA_DIR to a directory you can write`);
  });

  it("answers the list with the same reason", async () => {
    const r = await GET(new NextRequest("http://localhost/api/snapshots", { headers: { host: "localhost" } }));
    expect(r.status).toBe(500);
    expect((await r.json()).error).toBe(`cannot read the snapshot store in ${dir} (ENOTDIR): set LPG_DATA_DIR to a directory you can write`);
  });
});
