/**
 * The dashboard's pages on an empty store first read once the server began to stop: its first read imports
 * the bundled demo, a write the stop refuses. The page says the server is stopping, not the error view (nor "No
 * snapshot yet", which the next start would belie). The stop is the process's (on globalThis) and for good: these
 * tests have a file, and a process, of their own.
 */
import { describe, expect, it, vi } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { stopBeforeFirstRead } from "@/test/stopped-empty-store";

// The header reads the session (an async server component); these tests are about the page body.
vi.mock("@/components/app-header", () => ({ AppHeader: () => null, MAIN_ID: "content" }));
// Outside a request, connection() has no request to wait for.
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), connection: async () => undefined }));

const dir = mkdtempSync(path.join(tmpdir(), "lpg-page-first-read-stopping-"));
stopBeforeFirstRead(dir);

const SAID = "server is stopping, the empty snapshot store could not import the demo snapshot: ask again once the server is back";

describe("a page on an empty store first read as the server stops", () => {
  it("renders at once, and says the server is stopping", async () => {
    const { WhenReportReady } = await import("./when-ready");
    expect(await WhenReportReady({ searchParams: Promise.resolve({}), children: "the page" })).toBe("the page");
    const { loadForPage } = await import("./load");
    const load = await loadForPage(Promise.resolve({}));
    expect(load).toEqual({ kind: "stopping", reason: SAID });
    if (load.kind === "ok") throw new Error("loaded");
    const { NoReport } = await import("./no-report");
    const html = renderToStaticMarkup(createElement(NoReport, { load, current: "overview" }));
    expect(html).toContain("Server stopping");
    expect(html).toContain(SAID);
  });

  it("the snapshots page says it too, under its own title", async () => {
    const { default: SnapshotsPage } = await import("./snapshots/page");
    const html = renderToStaticMarkup(await SnapshotsPage({ searchParams: Promise.resolve({}) }));
    expect(html).toMatch(/<h1[^>]*>Snapshots<\/h1>/);
    expect(html).toContain(SAID);
  });
});
