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
import { printable } from "@/lib/view/long-words";

const STORE = Symbol.for("lambda-permissions-graph.app-store");
const saved = process.env.LPG_SNAPSHOT_FILE;
const dir = mkdtempSync(path.join(tmpdir(), "lpg-search-"));
const PATH = `/${"platform-team/".repeat(16)}`;
let ordersRole = "";
/** A crafted queue name of a megabyte, with text in its middle the cut name no longer shows. */
const HUGE_QUEUE = `arn:aws:sqs:${REGION}:123456789012:orders-${"y".repeat(500_000)}-middle-${"y".repeat(500_000)}`;

beforeAll(() => {
  const b = builder();
  ordersRole = b.role({ name: "orders", path: PATH });
  const orders = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: ordersRole });
  b.esm({ functionArn: orders, sourceArn: HUGE_QUEUE });
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

describe("GET /api/graph/search: results", () => {
  it("match a crafted megabyte name whole but carry it cut: the answer is kilobytes, not the name", async () => {
    const r = await search("-middle-");
    expect(r.status).toBe(200);
    const text = await r.text();
    const results = (JSON.parse(text) as { results: { label: string; ref?: string; id: string }[] }).results;
    expect(results).toHaveLength(1);
    expect(results[0]!.label).toBe(printable(results[0]!.label));
    expect(results[0]!.label).toMatch(/^orders-y+…\(\d+ characters\)…y+$/);
    expect(results[0]!.ref).toBe(printable(HUGE_QUEUE));
    expect(text.length).toBeLessThan(10_000);
  });
});
