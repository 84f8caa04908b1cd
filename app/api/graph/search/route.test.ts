/**
 * GET /api/graph/search reads `q` in full: a role ARN under a long path is longer than 200 characters, and cut there it
 * matches every role under that path. Beyond the longest ARN IAM takes it is refused with the other routes' 400.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { builder, REGION } from "@/lib/findings/test-support";

const STORE = Symbol.for("lambda-permissions-graph.app-store");
const saved = process.env.LPG_SNAPSHOT_FILE;
const dir = mkdtempSync(path.join(tmpdir(), "lpg-search-"));
const PATH = `/${"platform-team/".repeat(16)}`;
let ordersRole = "";

beforeAll(() => {
  const b = builder();
  ordersRole = b.role({ name: "orders", path: PATH });
  b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: ordersRole });
  b.fn({ region: REGION, name: "billing", runtime: "nodejs22.x", role: b.role({ name: "billing", path: PATH }) });
  const file = path.join(dir, "snapshot.json");
  writeFileSync(file, JSON.stringify(b.build()));
  process.env.LPG_SNAPSHOT_FILE = file;
  delete (globalThis as Record<symbol, unknown>)[STORE];
});
afterAll(() => {
  if (saved === undefined) delete process.env.LPG_SNAPSHOT_FILE;
  else process.env.LPG_SNAPSHOT_FILE = saved;
  delete (globalThis as Record<symbol, unknown>)[STORE];
  rmSync(dir, { recursive: true, force: true });
});

const search = async (q: string) =>
  (await import("./route")).GET(new NextRequest(`http://localhost/api/graph/search?q=${encodeURIComponent(q)}`, { headers: { host: "localhost" } }));

describe("GET /api/graph/search: q", () => {
  it("is searched in full: a role ARN longer than 200 characters finds that role alone", async () => {
    expect(ordersRole.length).toBeGreaterThan(200);
    const r = await search(ordersRole);
    expect(r.status).toBe(200);
    const refs = ((await r.json()).results as { ref?: string }[]).map((n) => n.ref);
    expect(refs).toEqual([ordersRole]);
  });

  it("longer than 2048 characters is refused with a 400 saying so", async () => {
    expect((await search("x".repeat(2048))).status).toBe(200);
    const r = await search("x".repeat(2049));
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: "invalid query", issues: ["q: q is at most 2048 characters"] });
  });
});
