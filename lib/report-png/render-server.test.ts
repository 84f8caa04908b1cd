/**
 * renderReportPng in a real headless Chromium, on a page whose exporter never finishes and which keeps working
 * meanwhile (as a stuck layout does): an aborted request must stop that work, not leave the page running.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { closeReportBrowser, renderReportPng, ReportPageCrashError, ReportRenderError } from "./render-server";
import { ReportAbortedError } from "./render-slots";

// What the page does while its exporter "lays out": asks the server for /tick every 20 ms, for as long as it runs.
const PAGE = `<!doctype html><main><div data-testid="graph-canvas"></div></main><script>
  window.lpgRenderReport = () => new Promise(() => {});
  setInterval(() => fetch("/tick"), 20);
</script>`;
// A page whose exporter fails, as render-report.ts does when the drawn graph cannot be read back.
const FAILING_PAGE = `<!doctype html><main><div data-testid="graph-canvas"></div></main><script>
  window.lpgRenderReport = async () => { throw new Error("the graph image could not be decoded"); };
</script>`;
// What the graph page shows in place of the graph when it has none to draw (app/(dashboard)/no-report.tsx).
const NO_GRAPH_PAGE = `<!doctype html><main><h1>Snapshot could not be read</h1></main>`;
let ticks = 0;
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/tick") ticks += 1;
    res.writeHead(200, { "content-type": "text/html" }).end(req.url === "/tick" ? "" : req.url?.startsWith("/failing") ? FAILING_PAGE : req.url?.startsWith("/no-graph") ? NO_GRAPH_PAGE : PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await closeReportBrowser();
  await new Promise((resolve) => server.close(resolve));
});

describe("renderReportPng", () => {
  it("stops the page's work and gives up its slot when the request is aborted mid-render", async () => {
    const client = new AbortController();
    const render = renderReportPng({ origin, path: "/graph?print=1", signal: client.signal });
    // The page runs: its exporter was called and it keeps working.
    await vi.waitFor(() => expect(ticks).toBeGreaterThan(3), { timeout: 60_000, interval: 50 });
    client.abort();
    await expect(render).rejects.toBeInstanceOf(ReportAbortedError);
    // Its context is closed: the page does no more work (a tick already sent may still arrive).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = ticks;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(ticks).toBe(after);
  });

  it("says the page crashed (most often out of memory), not Playwright's \"Target crashed\", when its renderer dies mid-render", async () => {
    const before = ticks;
    const render = renderReportPng({ origin, path: "/graph?print=1" });
    await vi.waitFor(() => expect(ticks).toBeGreaterThan(before + 3), { timeout: 60_000, interval: 50 });
    // The render's page, in the one browser the module shares (render-server.ts sharedBrowser), killed as an out-of-memory renderer is.
    const browser = await (globalThis as Record<symbol, Promise<Browser> | undefined>)[Symbol.for("lambda-permissions-graph.report-browser")]!;
    const page = browser.contexts().flatMap((c) => c.pages())[0]!;
    void (await page.context().newCDPSession(page)).send("Page.crash").catch(() => undefined);
    const failure = await render.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ReportPageCrashError);
    expect((failure as Error).message).toBe("the browser page drawing the report crashed (most often it ran out of memory on a view of many nodes)");
  });

  it("says the exporter's own failure as the page says it, without the page's stack trace", async () => {
    const failure = await renderReportPng({ origin, path: "/failing?print=1" }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ReportRenderError);
    expect((failure as Error).message).toBe("the page could not draw the report: the graph image could not be decoded");
  });

  it("says the page showed no graph, quoting its heading, rather than the heading alone", async () => {
    const failure = await renderReportPng({ origin, path: "/no-graph?print=1" }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ReportRenderError);
    expect((failure as Error).message).toBe('the graph page shows no graph: "Snapshot could not be read"');
  });
});
