/** The compare page and the graph's banner, given scans of two accounts: they say so, rather than a diff of everything. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "@/lib/store/file-store";
import { cutShortStore, type CutShortStore } from "@/lib/store/cut-short-store";

// The header reads the session (an async server component); these tests are about the page body.
vi.mock("@/components/app-header", () => ({ AppHeader: () => null, MAIN_ID: "content" }));

let store: CutShortStore;
let ours = "";
let theirs = "";
beforeAll(async () => {
  store = await cutShortStore();
  const files = createFileStore({ dir: store.dir });
  const save = async (capturedAt: string, account: string) => {
    const Functions = [{ FunctionName: "pay", FunctionArn: `arn:aws:lambda:us-east-1:${account}:function:pay` }];
    return (await files.saveSnapshot(parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt, account, regions: { "us-east-1": { ListFunctions: { Functions } } } }))).meta.id;
  };
  ours = await save("2025-01-01T00:00:00Z", "111111111111");
  theirs = await save("2025-01-02T00:00:00Z", "222222222222");
});
afterAll(() => store.restore());

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;|&apos;/g, "'");

describe("comparing scans of two accounts", () => {
  it("the compare page says they are not compared, and lists no function as removed or added", async () => {
    const { default: ComparePage } = await import("./snapshots/compare/page");
    const html = renderToStaticMarkup(await ComparePage({ searchParams: Promise.resolve({ from: ours, to: theirs }) }));
    expect(text(html)).toContain("these scans are of different accounts (111111111111 and 222222222222)");
    expect(html).not.toContain(`data-testid="diff-view"`);
    expect(text(html)).not.toMatch(/Functions (removed|added)/);
  });

  it("the graph's banner says so and outlines nothing", async () => {
    const { loadComparison } = await import("@/components/snapshots/compare-banner");
    const { loadForPage } = await import("./load");
    const current = await loadForPage(Promise.resolve({ snapshot: theirs }));
    if (current.kind !== "ok") throw new Error(current.kind);
    const comparison = await loadComparison({ compare: ours }, current.loaded);
    expect(comparison).toMatchObject({ kind: "unrelated", id: ours });
    const { CompareBanner } = await import("@/components/snapshots/compare-banner");
    const out = text(renderToStaticMarkup(createElement(CompareBanner, { comparison: comparison! })));
    expect(out).toContain("these scans are of different accounts (111111111111 and 222222222222)");
    expect(out).toContain("nothing is outlined");
  });
});
