/**
 * Server-side PNG reports: a headless Chromium (playwright-core) opens the graph page in print mode and runs
 * the page's own exporter (`window.lpgRenderReport`, components/graph/export/), so the image is the one the
 * "Export PNG" button makes for the same URL. One browser per process, launched on first use and reused;
 * a fresh context per report; at most two renders at a time (the machine has two cores), and four waiting; a render
 * still going after REPORT_RENDER_TIMEOUT_MS, or whose request was aborted, is stopped (its context closed).
 */
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, ChromiumStartError, findChromium } from "./chromium";
import { createRenderSlots, fewerNodesAdvice, REPORT_RENDER_LIMITS } from "./render-slots";

export class ReportRenderError extends Error {
  override name = "ReportRenderError";
}

/**
 * The page's renderer process died mid-render. Playwright says only "page.evaluate: Target crashed", which read as a
 * bug of this tool; the usual cause is a view too big for the page's memory, which the user can change.
 */
export class ReportPageCrashError extends ReportRenderError {
  override name = "ReportPageCrashError";
  constructor(cause: unknown) {
    super("the browser page drawing the report crashed (most often it ran out of memory on a view of many nodes)", { cause });
  }

  advice(narrow: string): string {
    return fewerNodesAdvice(this.message, narrow);
  }
}

const browserKey = Symbol.for("lambda-permissions-graph.report-browser");
type GlobalWithBrowser = typeof globalThis & { [browserKey]?: Promise<Browser> };

function sharedBrowser(): Promise<Browser> {
  const g = globalThis as GlobalWithBrowser;
  const existing = g[browserKey];
  if (existing) return existing;
  const executablePath = findChromium();
  const started = chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true }).catch((e: unknown) => {
    throw new ChromiumStartError(executablePath, e);
  });
  const launched = started.then((b) => {
    b.on("disconnected", () => {
      if (g[browserKey] === launched) delete g[browserKey];
    });
    return b;
  });
  launched.catch(() => delete g[browserKey]);
  g[browserKey] = launched;
  return launched;
}

/** Close the shared browser (CLI exit, tests). */
export async function closeReportBrowser(): Promise<void> {
  const g = globalThis as GlobalWithBrowser;
  const b = g[browserKey];
  delete g[browserKey];
  if (b) await (await b).close().catch(() => undefined);
}

// Beyond the waiting few a request is refused at once (503), not held for minutes; a render is stopped at its bound (504).
const withSlot = createRenderSlots(REPORT_RENDER_LIMITS);

export interface RenderOptions {
  /** Where the dashboard listens, e.g. http://127.0.0.1:3000 (never taken from the request's Host header). */
  origin: string;
  /** `/graph?…&print=1` (graph-query.ts printPath). */
  path: string;
  /** Forwarded so the page loads with the caller's session when sign-in is on. */
  cookie?: string;
  /** The request's: once it is aborted (the client went away) the render is stopped and its slot freed. */
  signal?: AbortSignal;
}

/**
 * The PNG of `path`, within REPORT_RENDER_TIMEOUT_MS of getting a slot, else ReportTimeoutError; ReportAbortedError
 * once `signal` aborts. Either way its browser context is closed, which ends the page's layout and drawing with it.
 * ReportPageCrashError when the page's renderer dies, ReportRenderError when the page shows no graph or no PNG.
 */
export async function renderReportPng({ origin, path, cookie, signal }: RenderOptions): Promise<Buffer> {
  return withSlot(async (stop) => {
    const browser = await sharedBrowser();
    const context = await browser.newContext({
      viewport: { width: 1600, height: 1000 },
      extraHTTPHeaders: cookie ? { cookie } : undefined,
    });
    const close = () => void context.close().catch(() => undefined);
    stop.addEventListener("abort", close, { once: true });
    // Playwright fires the page's "crash" before it fails the step in progress, which then says so in the report's terms.
    let crashed = false;
    try {
      // Stopped while the browser started: nothing of it is left running.
      if (stop.aborted) throw stop.reason;
      const page = await context.newPage();
      page.once("crash", () => (crashed = true));
      // The slot's bound is the render's: no single step may outlast it (page.evaluate has no timeout of its own).
      page.setDefaultTimeout(REPORT_RENDER_LIMITS.renderMs);
      const response = await page.goto(new URL(path, origin).toString(), { waitUntil: "load" });
      if (!response || !response.ok()) throw new ReportRenderError(`the graph page answered ${response?.status() ?? "nothing"}`);
      await page.waitForFunction(() => typeof window.lpgRenderReport === "function" || !document.querySelector('[data-testid="graph-canvas"]'));
      if (!(await page.evaluate(() => typeof window.lpgRenderReport === "function"))) {
        // The page's heading says why (a snapshot that no longer reads, the sign-in page): alone, it read as the failure's name.
        const title = (await page.locator("main h1").first().textContent().catch(() => null))?.trim();
        throw new ReportRenderError(title ? `the graph page shows no graph: "${title}"` : "the graph page shows no graph");
      }
      // The exporter's own failure ("the graph image could not be decoded") is said as the page says it: Playwright
      // would pass it on with the page's stack trace in its message, which the CLI printed on its error line.
      const drawn = await page.evaluate(() =>
        window.lpgRenderReport!().then(
          (dataUrl) => ({ dataUrl }),
          (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }),
        ),
      );
      if ("error" in drawn) throw new ReportRenderError(`the page could not draw the report: ${drawn.error}`);
      const m = /^data:image\/png;base64,(.+)$/.exec(drawn.dataUrl);
      if (!m?.[1]) throw new ReportRenderError("the page did not return a PNG");
      return Buffer.from(m[1], "base64");
    } catch (e: unknown) {
      throw crashed ? new ReportPageCrashError(e) : e;
    } finally {
      stop.removeEventListener("abort", close);
      await context.close().catch(() => undefined);
    }
  }, signal);
}

/** The dashboard's own address for the headless browser: LPG_RENDER_ORIGIN, else loopback on the server's port. */
export function renderOrigin(env: Record<string, string | undefined> = process.env): string {
  if (env.LPG_RENDER_ORIGIN) return env.LPG_RENDER_ORIGIN.replace(/\/$/, "");
  return `http://127.0.0.1:${env.PORT ?? "3000"}`;
}
