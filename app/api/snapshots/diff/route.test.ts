/** GET /api/snapshots/diff on a store of its own: scans of two accounts (or partitions) are not compared. */
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
});
afterAll(() => store.restore());

const diff = (from: string, to: string) => GET(new NextRequest(`http://localhost/api/snapshots/diff?from=${from}&to=${to}`, { headers: { host: "localhost" } }));

describe("GET /api/snapshots/diff", () => {
  it("compares two scans of one account", async () => {
    const r = await diff(ids.a1!, ids.a2!);
    expect(r.status).toBe(200);
    expect((await r.json()).diff.functionsRemoved).toEqual([]);
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

  it("a scan compared with itself changes nothing", async () => {
    const r = await diff(ids.a1!, ids.a1!);
    expect(r.status).toBe(200);
    const { diff: d } = await r.json();
    for (const [key, value] of Object.entries(d)) if (Array.isArray(value) && key !== "unreadInBoth") expect(value, key).toEqual([]);
    // The scan's own gap (a function naming no role) is unread in both, never listed as a change.
    expect(d.unreadInBoth).toEqual([{ text: "pay · us-east-1", why: expect.stringContaining("names no execution role") }]);
  });
});
