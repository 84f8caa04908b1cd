/** One scan on both sides of a comparison, named once by id and once as "latest": the page and the API say so. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { NextRequest } from "next/server";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "@/lib/store/file-store";
import { cutShortStore, type CutShortStore } from "@/lib/store/cut-short-store";

// The header reads the session (an async server component); these tests are about the page body.
vi.mock("@/components/app-header", () => ({ AppHeader: () => null, MAIN_ID: "content" }));

let store: CutShortStore;
let older = "";
let newest = "";
beforeAll(async () => {
  // Captured after the store's own two, so the newer of them is "latest".
  store = await cutShortStore();
  const files = createFileStore({ dir: store.dir });
  const save = async (capturedAt: string) => {
    const Functions = [{ FunctionName: "pay", FunctionArn: "arn:aws:lambda:us-east-1:111111111111:function:pay" }];
    return (await files.saveSnapshot(parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt, account: "111111111111", regions: { "us-east-1": { ListFunctions: { Functions } } } }))).meta.id;
  };
  older = await save("2026-03-01T00:00:00Z");
  newest = await save("2026-03-02T00:00:00Z");
});
afterAll(() => store.restore());

const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("comparing the newest scan, by its id, with latest", () => {
  it("the compare page says both sides are the same scan, not an empty diff", async () => {
    const { default: ComparePage } = await import("./snapshots/compare/page");
    const html = renderToStaticMarkup(await ComparePage({ searchParams: Promise.resolve({ from: newest, to: "latest" }) }));
    expect(text(html)).toContain(`Both sides are the same scan (2026-03-02 00:00 UTC, ${newest}): there is nothing to compare. Pick two different scans above.`);
    expect(html).not.toContain(`data-testid="diff-view"`);
  });

  it("GET /api/snapshots/diff answers its empty diff flagged sameSnapshot; two scans are not", async () => {
    const { GET } = await import("@/app/api/snapshots/diff/route");
    const diff = async (from: string, to: string) =>
      (await GET(new NextRequest(`http://localhost/api/snapshots/diff?from=${from}&to=${to}`, { headers: { host: "localhost" } }))).json();
    const same = await diff("latest", newest);
    expect(same).toMatchObject({ sameSnapshot: true, from: { id: newest }, to: { id: newest } });
    expect((await diff(older, "latest")).sameSnapshot).toBe(false);
  });
});
