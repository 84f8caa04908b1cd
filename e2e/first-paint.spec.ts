/**
 * The graph's first paint (the server's HTML, before any script) puts each node where the scripts then leave it, at
 * the window sizes people use: the server used to assume a 1440 px window, and in a 1024 px one the whole graph slid
 * about 200 px once the scripts measured the canvas.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { expect, hydrating, test } from "./test";
import { openGraph } from "./helpers";

/** The graph page's query that selects and focuses the function of this name, as the overview's links do. */
async function focusQuery(request: APIRequestContext, name: string): Promise<string> {
  const [fn] = (await (await request.get(`/api/graph/search?q=${name}`)).json()).results;
  const id = encodeURIComponent(fn.id);
  return `?node=${id}&focus=${id}`;
}

type Boxes = Map<string, { x: number; y: number; width: number; height: number }>;

/** Where each node on screen is drawn, by its id. */
async function nodeBoxes(page: Page): Promise<Boxes> {
  const boxes = await page.locator(".react-flow__node").evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute("data-id") ?? "", x: r.x, y: r.y, width: r.width, height: r.height, shown: getComputedStyle(el).visibility !== "hidden" };
    }),
  );
  const inWindow = (b: (typeof boxes)[number]) => b.shown && b.width > 0 && b.x < innerWidthOf(page) && b.y < innerHeightOf(page) && b.x + b.width > 0;
  return new Map(boxes.filter(inWindow).map(({ id, x, y, width, height }) => [id, { x, y, width, height }]));
}
const innerWidthOf = (page: Page) => page.viewportSize()!.width;
const innerHeightOf = (page: Page) => page.viewportSize()!.height;

/**
 * In the page, before its own scripts: in each frame until the canvas is ready, where each node is drawn, by its id.
 * Read as the frame is painted, after every animation-frame callback (the canvas places its view in one): a resize
 * observer's callback runs then, so a probe that changes size each frame has it called once a frame.
 */
function recordFrames() {
  const frames: Record<string, { x: number; y: number }[]> = {};
  (window as unknown as { lpgFrames: typeof frames }).lpgFrames = frames;
  const probe = document.createElement("div");
  probe.style.cssText = "position:fixed;top:0;left:0;height:1px;pointer-events:none";
  const ready = () => document.querySelector('[data-testid="graph-canvas"]')?.getAttribute("data-layout") === "ready";
  new ResizeObserver(() => {
    for (const el of document.querySelectorAll(".react-flow__node")) {
      const r = el.getBoundingClientRect();
      (frames[el.getAttribute("data-id") ?? ""] ??= []).push({ x: r.x, y: r.y });
    }
  }).observe(probe);
  const tick = () => {
    if (!probe.isConnected && document.body) document.body.append(probe);
    probe.style.width = probe.style.width === "1px" ? "2px" : "1px";
    if (!ready()) requestAnimationFrame(tick);
    else probe.remove();
  };
  requestAnimationFrame(tick);
}

/** The server's HTML in a window of this size, without scripts, for a browser that sent these cookies. */
async function firstPaint(browser: Browser, viewport: { width: number; height: number }, path: string, cookies: Awaited<ReturnType<BrowserContext["cookies"]>>) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: false });
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(path);
    return await nodeBoxes(page);
  } finally {
    await context.close();
  }
}

const cases = [
  { what: "the account's view", viewport: { width: 1024, height: 768 }, fn: null },
  { what: "a function beside its details panel", viewport: { width: 1024, height: 768 }, fn: "orders-processor" },
  { what: "the account's view", viewport: { width: 1280, height: 800 }, fn: null },
  { what: "a function beside its details panel", viewport: { width: 1280, height: 800 }, fn: "orders-processor" },
  { what: "the account's view", viewport: { width: 1440, height: 900 }, fn: null },
  { what: "a function beside its details panel", viewport: { width: 1440, height: 900 }, fn: "orders-processor" },
  { what: "the account's view", viewport: { width: 1920, height: 1080 }, fn: null },
];

/**
 * Opens the graph in `page` and says how far its nodes move once the scripts run, against `before` (the server's
 * HTML without scripts), and how far they stray in any frame painted before the view is placed.
 */
async function measureSlide(page: Page, query: string, before: Boxes) {
  await page.addInitScript(recordFrames);
  await openGraph(page, query, false);
  const after = await nodeBoxes(page);
  // With the scripts on: every frame from the first paint until the view is placed, as the eye sees it.
  const frames = await page.evaluate(() => (window as unknown as { lpgFrames: Record<string, { x: number; y: number }[]> }).lpgFrames);
  const painted = Math.max(0, ...[...after.keys()].map((id) => frames[id]?.length ?? 0));
  expect(painted, "frames painted with the nodes before the view was placed").toBeGreaterThan(1);
  const slide = Math.max(
    0,
    ...[...after].map(([id, end]) => Math.max(0, ...(frames[id] ?? []).map((p) => Math.max(Math.abs(p.x - end.x), Math.abs(p.y - end.y))))),
  );
  const shared = [...before.keys()].filter((id) => after.has(id));
  expect(shared.length, "nodes on screen in both").toBeGreaterThan(0);
  const shift = Math.max(
    ...shared.map((id) => {
      const [a, b] = [before.get(id)!, after.get(id)!];
      return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y), Math.abs(a.width - b.width), Math.abs(a.height - b.height));
    }),
  );
  test.info().annotations.push({ type: "shift", description: `${shift.toFixed(1)} px over ${shared.length} nodes; in ${painted} frames before, ${slide.toFixed(1)} px` });
  expect(shift, "how far a node moves once the scripts run, in px").toBeLessThanOrEqual(2);
  expect(slide, "how far a node strays from where it settles in any frame before, in px").toBeLessThanOrEqual(2);
}

/** The server draws a view it has laid out, which it does in the background after the view's first visit. */
async function untilLaidOut(request: APIRequestContext, path: string) {
  await expect.poll(async () => (await (await request.get(path)).text()).includes("react-flow__node "), { timeout: 30_000 }).toBe(true);
}

test.describe("the graph's first paint lands where the scripts settle it", () => {
  for (const { what, viewport, fn } of cases) {
    test(`${what} in a ${viewport.width}×${viewport.height} window`, async ({ page, browser, request }) => {
      const query = fn ? await focusQuery(request, fn) : "";
      const path = `/graph${query}`;
      await untilLaidOut(request, path);
      // A visitor comes to the graph from another page of the dashboard, here the overview.
      await page.setViewportSize(viewport);
      await page.goto("/");
      const before = await firstPaint(browser, viewport, path, await page.context().cookies());
      await measureSlide(page, query, before);
    });
  }
});

/**
 * A browser's very first page of the dashboard is the graph: no window cookie yet. Chromium tells the server the
 * window's size in client hints (it asks again with them when the server's first answer says they are critical).
 */
test.describe("the graph as a browser's first page lands where the scripts settle it", () => {
  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    test(`in a ${viewport.width}×${viewport.height} window`, async ({ browser, request }) => {
      await untilLaidOut(request, "/graph");
      const before = await firstPaint(browser, viewport, "/graph", []);
      const context = await browser.newContext({ viewport });
      try {
        const page = hydrating(await context.newPage());
        await measureSlide(page, "", before);
      } finally {
        await context.close();
      }
    });
  }

  test("the page asks for the hints and is kept by no cache, since it is drawn for one window", async ({ request }) => {
    const headers = (await request.get("/graph")).headers();
    expect(headers["accept-ch"]).toBe("Sec-CH-Viewport-Width, Sec-CH-Viewport-Height");
    expect(headers["critical-ch"]).toBe("Sec-CH-Viewport-Width, Sec-CH-Viewport-Height");
    expect(headers["cache-control"]).toContain("no-store");
  });
});
