/** GET /api/snapshots/diff on a store of its own: scans of two accounts (or partitions) are not compared. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "@/lib/store/file-store";
import { cutShortStore, type CutShortStore } from "@/lib/store/cut-short-store";
import { GET } from "./route";

let store: CutShortStore;
const ids: Record<string, string> = {};
beforeAll(async () => {
  store = await cutShortStore();
  const files = createFileStore({ dir: store.dir });
  const fn = (partition: string, account: string) => ({
    ListFunctions: { Functions: [{ FunctionName: "pay", FunctionArn: `arn:${partition}:lambda:us-east-1:${account}:function:pay` }] },
  });
  const save = async (key: string, capturedAt: string, account: string, partition = "aws") =>
    (ids[key] = (await files.saveSnapshot(parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt, account, partition, regions: { "us-east-1": fn(partition, account) } }))).meta.id);
  await save("a1", "2025-01-01T00:00:00Z", "111111111111");
  await save("a2", "2025-01-02T00:00:00Z", "111111111111");
  await save("b", "2025-01-03T00:00:00Z", "222222222222");
  await save("gov", "2025-01-04T00:00:00Z", "111111111111", "aws-us-gov");
  // A stored scan whose file is now of a later snapshot format than this reader knows (a newer version wrote it).
  await save("v2", "2025-01-05T00:00:00Z", "111111111111");
  await writeFile(join(store.dir, "snapshots", `${ids.v2}.json.gz`), gzipSync(JSON.stringify({ format: "lambda-permissions-graph/snapshot@2", capturedAt: "2025-01-05T00:00:00Z", account: "111111111111", regions: {} })));
});
afterAll(() => store.restore());

const diff = (from: string, to: string) => GET(new NextRequest(`http://localhost/api/snapshots/diff?from=${from}&to=${to}`, { headers: { host: "localhost" } }));

describe("GET /api/snapshots/diff", () => {
  it("compares two scans of one account", async () => {
    const r = await diff(ids.a1!, ids.a2!);
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.diff.functionsRemoved).toEqual([]);
    expect(body.sameSnapshot).toBe(false);
  });

  it("says two accounts' scans are not comparable rather than listing every function as removed and added", async () => {
    const r = await diff(ids.a1!, ids.b!);
    expect(r.status).toBe(409);
    const body = await r.json();
    expect(body.error).toMatch(/^these scans are of different accounts \(111111111111 and 222222222222\)/);
    expect(body.diff).toBeUndefined();
  });

  it("says so for one account id in two partitions", async () => {
    const r = await diff(ids.a1!, ids.gov!);
    expect(r.status).toBe(409);
    expect((await r.json()).error).toMatch(/^these scans are of account 111111111111 in different partitions \(aws and aws-us-gov\)/);
  });

  it("a scan compared with itself changes nothing, and the answer says both sides are that one scan", async () => {
    const r = await diff(ids.a1!, ids.a1!);
    expect(r.status).toBe(200);
    const { diff: d, sameSnapshot, from, to } = await r.json();
    expect(sameSnapshot).toBe(true);
    expect(from.id).toBe(ids.a1);
    expect(to.id).toBe(ids.a1);
    for (const [key, value] of Object.entries(d)) if (Array.isArray(value) && key !== "unreadInBoth") expect(value, key).toEqual([]);
    // The scan's own gap (a function naming no role) is unread in both, never listed as a change.
    expect(d.unreadInBoth).toEqual([{ text: "pay · us-east-1", arn: expect.stringMatching(/:function:pay$/), why: expect.stringContaining("names no execution role") }]);
  });

  it("either side a stored file that no longer reads: 500 naming it and why, never a diff against nothing", async () => {
    for (const [from, to] of [[ids.a1!, store.broken], [store.broken, ids.a1!]] as [string, string][]) {
      const r = await diff(from, to);
      expect(r.status).toBe(500);
      const body = await r.json();
      expect(body.error).toContain(store.broken);
      expect(body.error).toMatch(/not valid JSON/);
      expect(body.diff).toBeUndefined();
    }
  });

  it("either side of a snapshot format this reader does not know: 500 saying the version, never a diff", async () => {
    for (const [from, to] of [[ids.a1!, ids.v2!], [ids.v2!, ids.a1!]] as [string, string][]) {
      const r = await diff(from, to);
      expect(r.status).toBe(500);
      const body = await r.json();
      expect(body.error).toMatch(/snapshot format version "2"/);
      expect(body.diff).toBeUndefined();
    }
  });

  it("an id the store does not hold, on either side: 404 naming it", async () => {
    const other = ids.a1!.replace(/[0-9a-f]{12}$/, "0".repeat(12));
    for (const [from, to] of [[other, ids.a2!], [ids.a1!, other]] as [string, string][]) {
      const r = await diff(from, to);
      expect(r.status).toBe(404);
      expect((await r.json()).error).toBe(`no snapshot ${other}`);
    }
  });

  it("an id that is no snapshot id, or a parameter it does not know: 400", async () => {
    expect((await diff("../../etc/passwd", ids.a2!)).status).toBe(400);
    const r = await GET(new NextRequest(`http://localhost/api/snapshots/diff?from=${ids.a1}&to=${ids.a2}&form=x`, { headers: { host: "localhost" } }));
    expect(r.status).toBe(400);
  });
});
