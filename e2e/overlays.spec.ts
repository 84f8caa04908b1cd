/**
 * The panels over the graph canvas, the legend and the minimap, as a user sees them: the first paint (the server's
 * HTML, before any script) already shows the legend as the scripts will leave it, so nothing jumps once they run.
 */
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, test } from "./test";
import { functionNodes, openGraph } from "./helpers";

/** The graph page's query that selects and focuses the function of this name, as the overview's links do. */
async function focusQuery(request: APIRequestContext, name: string): Promise<string> {
  const [fn] = (await (await request.get(`/api/graph/search?q=${name}`)).json()).results;
  const id = encodeURIComponent(fn.id);
  return `?node=${id}&focus=${id}`;
}

/** Whether the legend's body is drawn, and the legend's height: what the eye sees of its state. */
async function legendAsDrawn(page: Page): Promise<{ open: boolean; height: number }> {
  const legend = page.getByTestId("graph-legend");
  await expect(legend).toBeVisible();
  return { open: await legend.locator("[data-legend-body]").isVisible(), height: Math.round((await legend.boundingBox())!.height) };
}

/** The legend in the server's HTML as a window of this size paints it, without (before) any script. */
async function firstPaint(browser: Browser, viewport: { width: number; height: number }, path: string) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(path);
    return await legendAsDrawn(page);
  } finally {
    await context.close();
  }
}

test.describe("the legend's first paint", () => {
  const cases = [
    { what: "the account's view in a 1024 px window", viewport: { width: 1024, height: 768 }, query: async () => "" },
    { what: "a function beside its details panel on a 1280×800 laptop", viewport: { width: 1280, height: 800 }, query: (r: APIRequestContext) => focusQuery(r, "orders-processor") },
    { what: "the account's view in a 1440 px window", viewport: { width: 1440, height: 900 }, query: async () => "" },
  ];
  for (const { what, viewport, query } of cases) {
    test(`${what}: the server's HTML draws the legend as the scripts leave it`, async ({ page, browser, request }) => {
      const path = `/graph${await query(request)}`;
      // Both ways the server draws it: before it has laid the view out (its columns estimate the width), and after.
      for (const laidOut of [false, true]) {
        if (laidOut) await expect.poll(async () => (await (await request.get(path)).text()).includes("react-flow__node "), { timeout: 30_000 }).toBe(true);
        const before = await firstPaint(browser, viewport, path);
        await page.setViewportSize(viewport);
        await openGraph(page, path.slice("/graph".length), false);
        const after = await legendAsDrawn(page);
        expect(before, `first paint vs hydrated (${laidOut ? "laid out by the server" : "not laid out yet"})`).toEqual(after);
        await expect(page.getByTestId("graph-legend").getByRole("button", { name: "Legend" })).toHaveAttribute("aria-expanded", String(after.open));
      }
    });
  }
});

test.describe("the graph's first paint", () => {
  /** The view's transform as the server's HTML draws it (no scripts), with these cookies, once it has laid out `path`. */
  async function servedTransform(browser: Browser, request: APIRequestContext, path: string, cookies: Parameters<import("@playwright/test").BrowserContext["addCookies"]>[0] = []) {
    await expect.poll(async () => (await (await request.get(path)).text()).includes("react-flow__node "), { timeout: 30_000 }).toBe(true);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, javaScriptEnabled: false });
    try {
      await context.addCookies(cookies);
      const page = await context.newPage();
      await page.goto(path);
      return await page.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);
    } finally {
      await context.close();
    }
  }
  const hydratedTransform = (page: Page) => page.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);
  const parse = (transform: string) => {
    const [x, y, zoom] = (/translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([-\d.]+)\)/.exec(transform) ?? []).slice(1).map(Number);
    return { x: x!, y: y!, zoom: zoom! };
  };

  test("a function beside its details panel in a 1440 px window: the scripts take over the server's view at its zoom and left edge", async ({ page, browser, request }) => {
    // The server placed it for a canvas as wide as the window, under the panel, and the scripts moved it out.
    const path = `/graph${await focusQuery(request, "orders-processor")}`;
    const served = parse(await servedTransform(browser, request, path));
    await openGraph(page, path.slice("/graph".length), false);
    const hydrated = parse(await hydratedTransform(page));
    expect(hydrated.zoom, "zoom").toBeCloseTo(served.zoom, 4);
    expect(hydrated.x, "left").toBeCloseTo(served.x, 1);
    // The server assumes one canvas height, a row (the aggregation note) shorter than this view's, which it centres.
    expect(Math.abs(hydrated.y - served.y), "top").toBeLessThanOrEqual(20);
  });

  test("with the legend closed by the user, the server places the view as the scripts do, in the legend's column", async ({ page, browser, request }) => {
    await openGraph(page, "", false);
    await page.getByTestId("graph-legend").getByRole("button", { name: "Legend" }).click();
    await page.reload();
    await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "ready", { timeout: 20_000 });
    await expect(page.getByTestId("graph-legend").getByRole("button", { name: "Legend" })).toHaveAttribute("aria-expanded", "false");
    const served = await servedTransform(browser, request, "/graph", await page.context().cookies());
    expect(await hydratedTransform(page)).toBe(served);
  });
});

/** Whether the legend is open and the minimap drawn, once the current view is placed. */
async function overlays(page: Page): Promise<{ legend: boolean; minimap: boolean }> {
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "ready", { timeout: 20_000 });
  const expanded = await page.getByTestId("graph-legend").getByRole("button", { name: "Legend" }).getAttribute("aria-expanded");
  return { legend: expanded === "true", minimap: (await page.getByTestId("rf__minimap").count()) > 0 };
}

test.describe("the legend and the minimap between views", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test("untouched, a panel the canvas closed for one view stays closed in the next ones, back and forward too", async ({ page, request }) => {
    // On a 1280×800 laptop the medium functions' view has room for the legend (not for the minimap); a function
    // beside its details panel has none for the legend, and room for the minimap. Each view used to open or close
    // them anew. A page load is a new visit, which decides from its first view.
    await openGraph(page, await focusQuery(request, "orders-processor"), false);
    expect(await overlays(page), "a function's view, first").toEqual({ legend: false, minimap: true });
    await openGraph(page, "?sev=medium", false);
    const visit = [await overlays(page)];
    await page.keyboard.press("/");
    await page.getByTestId("search-input").fill("orders-processor");
    await expect(page.getByTestId("search-result").first()).toHaveAttribute("data-name", "orders-processor");
    // Each view is drawn (one function, or many) before its panels are read: they are placed with it.
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-panel")).toBeVisible();
    await expect.poll(() => functionNodes(page).count()).toBe(1);
    visit.push(await overlays(page));
    await page.goBack();
    await expect(page.getByTestId("details-panel")).toHaveCount(0);
    await expect.poll(() => functionNodes(page).count()).toBeGreaterThan(1);
    visit.push(await overlays(page));
    await page.goForward();
    await expect(page.getByTestId("details-panel")).toBeVisible();
    await expect.poll(() => functionNodes(page).count()).toBe(1);
    visit.push(await overlays(page));
    expect(visit, "the medium functions' view, a function's, that view again, the function's again").toEqual([
      { legend: true, minimap: false },
      { legend: false, minimap: false },
      { legend: false, minimap: false },
      { legend: false, minimap: false },
    ]);
  });

  test("a toggle is the user's choice: it holds in every later view and page of the session, from the first paint", async ({ page, browser, request }) => {
    const fn = await focusQuery(request, "orders-processor");
    await openGraph(page, fn, false);
    expect(await overlays(page)).toEqual({ legend: false, minimap: true });
    await page.getByTestId("graph-legend").getByRole("button", { name: "Legend" }).click();
    await page.getByRole("button", { name: "Mini map" }).click();
    const chosen = { legend: true, minimap: false };
    expect(await overlays(page)).toEqual(chosen);
    // Another view, where the canvas would have closed the legend: the choice holds.
    await page.getByTestId("clear-focus").click();
    await expect.poll(() => functionNodes(page).count()).toBeGreaterThan(1);
    expect(await overlays(page), "the account's view").toEqual(chosen);
    // Another page load, of a view the canvas would open otherwise: so does the first paint, before any script.
    await page.goto(`/graph${fn}`);
    expect(await overlays(page), "the function's view, loaded again").toEqual(chosen);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    await context.addCookies(await page.context().cookies());
    const served = await context.newPage();
    await served.goto(`/graph${fn}`);
    await expect(served.getByTestId("graph-legend").locator("[data-legend-body]")).toBeVisible();
    await expect(served.getByTestId("graph-legend").getByRole("button", { name: "Legend" })).toHaveAttribute("aria-expanded", "true");
    await context.close();
  });
});
