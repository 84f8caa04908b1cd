/** Loading a page's snapshot: a stored file that no longer reads is an answer the page shows, not a crash. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cutShortStore, type CutShortStore } from "@/lib/store/cut-short-store";

let store: CutShortStore;
let older: string;
let newest: string;
beforeAll(async () => {
  store = await cutShortStore({ "us-east-1": { ListFunctions: { Functions: [{ FunctionName: "a", FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:a" }] } } });
  ({ readable: older, broken: newest } = store);
});
afterAll(() => store.restore());

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
