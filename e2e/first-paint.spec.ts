/**
 * The graph's first paint (the server's HTML, before any script) puts each node where the scripts then leave it, at
 * the window sizes people use: the server used to assume a 1440 px window, and in a 1024 px one the whole graph slid
 * about 200 px once the scripts measured the canvas.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./test";
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
  { what: "the account's view", viewport: { width: 1280, height: 800 }, fn: null },
  { what: "a function beside its details panel", viewport: { width: 1280, height: 800 }, fn: "orders-processor" },
  { what: "the account's view", viewport: { width: 1440, height: 900 }, fn: null },
  { what: "the account's view", viewport: { width: 1920, height: 1080 }, fn: null },
];

test.describe("the graph's first paint lands where the scripts settle it", () => {
  for (const { what, viewport, fn } of cases) {
    test(`${what} in a ${viewport.width}×${viewport.height} window`, async ({ page, browser, request }) => {
      const query = fn ? await focusQuery(request, fn) : "";
      const path = `/graph${query}`;
      // The server draws a view it has laid out, which it does in the background after the view's first visit.
      await expect.poll(async () => (await (await request.get(path)).text()).includes("react-flow__node "), { timeout: 30_000 }).toBe(true);
      // A visitor comes to the graph from another page of the dashboard, here the overview.
      await page.setViewportSize(viewport);
      await page.goto("/");
      const before = await firstPaint(browser, viewport, path, await page.context().cookies());
      await openGraph(page, query, false);
      const after = await nodeBoxes(page);
      const shared = [...before.keys()].filter((id) => after.has(id));
      expect(shared.length, "nodes on screen in both").toBeGreaterThan(0);
      const shift = Math.max(
        ...shared.map((id) => {
          const [a, b] = [before.get(id)!, after.get(id)!];
          return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y), Math.abs(a.width - b.width), Math.abs(a.height - b.height));
        }),
      );
      test.info().annotations.push({ type: "shift", description: `${viewport.width}×${viewport.height} ${what}: ${shift.toFixed(1)} px` });
      console.log(`first-paint shift ${viewport.width}×${viewport.height} ${what}: ${shift.toFixed(1)} px over ${shared.length} nodes`);
      expect(shift, "how far a node moves once the scripts run, in px").toBeLessThanOrEqual(2);
    });
  }
});
