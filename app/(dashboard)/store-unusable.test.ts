/** The snapshots and compare pages on a data directory the server cannot use: what to fix, not the error page. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { useUnusableStore } from "@/test/unusable-store";

// The header reads the session (an async server component); these tests are about the page body.
vi.mock("@/components/app-header", () => ({ AppHeader: () => null, MAIN_ID: "content" }));
// Outside a request, connection() has no request to wait for.
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), connection: async () => undefined }));

const dir = useUnusableStore("lpg-store-unusable-");

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;|&apos;/g, "'");
const reason = "cannot read the snapshot store in the data directory (ENOTDIR): set LPG_DATA_DIR to a directory the server can write; the server's log names the one it tried";
// The page tells the signed-in user what to set; the directory's path goes to the server's log only.
let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  expect(log).toHaveBeenCalledWith(expect.stringContaining(`cannot read the snapshot store in ${dir()} (ENOTDIR)`));
  vi.restoreAllMocks();
});

describe("a store directory the server cannot use", () => {
  it("the snapshots page says why, under its own title", async () => {
    const { default: SnapshotsPage } = await import("./snapshots/page");
    const html = renderToStaticMarkup(await SnapshotsPage({ searchParams: Promise.resolve({}) }));
    expect(html).toMatch(/<h1[^>]*>Snapshots<\/h1>/);
    expect(text(html)).toContain(reason);
    expect(html).not.toContain(dir());
  });

  it("the compare page says why", async () => {
    const { default: ComparePage } = await import("./snapshots/compare/page");
    const html = renderToStaticMarkup(await ComparePage({ searchParams: Promise.resolve({}) }));
    expect(html).toMatch(/<h1[^>]*>Compare scans<\/h1>/);
    expect(text(html)).toContain(reason);
    expect(html).not.toContain(dir());
  });
});
