/** GET /api/graph and /api/graph/search refuse a parameter they do not read, as every other API route does. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { demoSnapshotPath } from "@/lib/snapshot/demo";

const STORE = Symbol.for("lambda-permissions-graph.app-store");
const saved = process.env.LPG_SNAPSHOT_FILE;
beforeAll(() => {
  process.env.LPG_SNAPSHOT_FILE = demoSnapshotPath();
  delete (globalThis as Record<symbol, unknown>)[STORE];
});
afterAll(() => {
  if (saved === undefined) delete process.env.LPG_SNAPSHOT_FILE;
  else process.env.LPG_SNAPSHOT_FILE = saved;
  delete (globalThis as Record<symbol, unknown>)[STORE];
});

const request = (path: string) => new NextRequest(`http://localhost${path}`, { headers: { host: "localhost" } });
const graph = async (query: string) => (await import("./route")).GET(request(`/api/graph${query}`));
const search = async (query: string) => (await import("./search/route")).GET(request(`/api/graph/search${query}`));

describe("GET /api/graph", () => {
  it("answers the view for every key the graph page's URL holds", async () => {
    const r = await graph("?snapshot=latest&node=x&focus=x&sev=high&svc=sqs&region=us-east-1&findings=true&limit=10");
    expect(r.status).toBe(200);
    expect((await r.json()).missing).toEqual(["x"]);
  });

  it("refuses a key it does not read (a misspelt filter would answer the whole graph)", async () => {
    const r = await graph("?severity=critical&sev=high");
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: "invalid query", issues: ['query: Unrecognized key: "severity"'] });
  });
});

describe("GET /api/graph/search", () => {
  it("answers q and snapshot, and refuses any other key", async () => {
    expect((await search("?snapshot=latest&q=orders-processor")).status).toBe(200);
    const r = await search("?query=orders-processor");
    expect(r.status).toBe(400);
    expect((await r.json()).issues).toEqual(['query: Unrecognized key: "query"']);
  });
});
