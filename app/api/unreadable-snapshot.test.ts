/** The API routes on a stored snapshot that no longer reads: a 500 that says why, as the pages do, and 404 for none. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { NextRequest } from "next/server";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "@/lib/store/file-store";

const saved = { dir: process.env.LPG_DATA_DIR, file: process.env.LPG_SNAPSHOT_FILE };
let dir: string;
let readable: string;
let broken: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lpg-api-unreadable-"));
  const store = createFileStore({ dir });
  const snapshot = (capturedAt: string) =>
    parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt, account: "123456789012", regions: {} });
  readable = (await store.saveSnapshot(snapshot("2026-01-01T00:00:00Z"))).id;
  broken = (await store.saveSnapshot(snapshot("2026-02-01T00:00:00Z"))).id;
  // Cut short on disk, as a full disk or a hand edit leaves it.
  await writeFile(join(dir, "snapshots", `${broken}.json.gz`), gzipSync('{"format":"lambda-permissions-graph/snapshot@1","capturedAt":"2026-02'));
  process.env.LPG_DATA_DIR = dir;
  delete process.env.LPG_SNAPSHOT_FILE;
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("lambda-permissions-graph.app-store")];
});
afterAll(async () => {
  for (const [key, value] of [["LPG_DATA_DIR", saved.dir], ["LPG_SNAPSHOT_FILE", saved.file]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await rm(dir, { recursive: true, force: true });
});

const routes = {
  "/api/report": () => import("./report/route"),
  "/api/graph": () => import("./graph/route"),
};

describe.each(Object.entries(routes))("GET %s", (path, load) => {
  const get = async (snapshot: string) => {
    const { GET } = await load();
    return GET(new NextRequest(`http://localhost${path}?snapshot=${snapshot}`, { headers: { host: "localhost" } }));
  };

  it("on a snapshot that no longer reads: 500 naming it and the reader's reason", async () => {
    const r = await get(broken);
    expect(r.status).toBe(500);
    const body = (await r.json()) as { error: string };
    expect(body.error).toContain(broken);
    expect(body.error).toMatch(/not valid JSON/);
  });

  it("on an id the store does not hold: 404", async () => {
    // Same shape as a stored id (a different hash), so the query is valid and only the store can refuse it.
    const other = readable.replace(/[0-9a-f]{12}$/, (hash) => (hash === "0".repeat(12) ? "1" : "0").repeat(12));
    expect((await get(other)).status).toBe(404);
  });

  it("on a readable snapshot beside it: 200", async () => {
    expect((await get(readable)).status).toBe(200);
  });
});
