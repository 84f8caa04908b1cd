/**
 * The panels over the graph canvas, the legend and the minimap, as a user sees them: the first paint (the server's
 * HTML, before any script) already shows the legend as the scripts will leave it, so nothing jumps once they run.
 */
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, test } from "./test";
import { openGraph } from "./helpers";

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
