/**
 * The graph where the details panel cannot sit beside it (below 1024 px): a tablet, a phone, and a 1280×720 laptop at
 * 200 % zoom (640×360 CSS px at a device scale of 2, as WCAG's reflow is tested). A node picked by keyboard or click
 * stays in sight in the canvas the panel leaves, or, where the panel covers the graph, focus goes into the panel; the
 * panel closes by Escape or its Close button, and focus returns to the node, in sight.
 */
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./test";
import { boxesOf, inside, meets, overlapping, uncoveredCanvas, type Box } from "./geometry";
import { openGraph } from "./helpers";

const FOCUS_QUERY = `?focus=${encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:orders-processor")}`;

const SIZES = [
  // Tall: the panel goes below the graph, which keeps the picked node in sight.
  { name: "a 768×1024 tablet", viewport: { width: 768, height: 1024 }, scale: 1, covers: false },
  { name: "a 390×844 phone", viewport: { width: 390, height: 844 }, scale: 1, covers: false },
  // Short: a strip of graph beside the panel would be too small to use; the panel lies over it.
  { name: "1280×720 at 200 % zoom", viewport: { width: 640, height: 360 }, scale: 2, covers: true },
];

/** What is drawn over the canvas: a node under it cannot be clicked. */
const OVER_CANVAS = ["rf__controls", "rf__minimap", "graph-legend", "graph-toolbar"].map((id) => `[data-testid="${id}"]`).join(", ");

/**
 * The lowest node drawn wholly in sight, clear of what is drawn over the canvas, that is not a function (picking
 * another function would focus the view on it and draw a new one): in the lower part of the canvas, which a panel
 * opening below or over the graph takes.
 */
async function lowestNode(page: Page): Promise<Locator> {
  const area = (await uncoveredCanvas(page))!;
  const over = await boxesOf(page, OVER_CANVAS);
  const nodes = await boxesOf(page, ".react-flow__node:not(.react-flow__node-function)");
  const clear = nodes.filter((n) => inside(n, area) && !over.some((o) => meets(n, o))).sort((a, b) => b.bottom - a.bottom);
  expect(clear.length, "a node to pick").toBeGreaterThan(0);
  return page.locator(".react-flow__node", { has: page.locator(`[data-testid="graph-node"][data-name="${clear[0]!.name}"]`) });
}

/** The node's box once the view has stopped moving (a pan that reveals it glides for 200 ms): two readings alike. */
async function settledBox(node: Locator): Promise<Box> {
  let last = "";
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await node.boundingBox());
        const same = now === last;
        last = now;
        return same;
      },
      { message: "the view comes to rest", intervals: [50] },
    )
    .toBe(true);
  const b = (await node.boundingBox())!;
  return { left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height, name: "picked node" };
}

/** The node lies in the part of the canvas a user sees: inside the window, clear of the details panel and of the minimap. */
async function expectInSight(page: Page, node: Locator, when: string): Promise<void> {
  const box = await settledBox(node);
  const area = await uncoveredCanvas(page);
  expect(area, `${when}: some of the canvas is in sight`).not.toBeNull();
  expect(inside(box, area!), `${when}: the node ${JSON.stringify(box)} lies in the canvas in sight ${JSON.stringify(area)}`).toBe(true);
  // The canvas the panel shortens keeps its minimap (bottom right), which covered the node brought up beside it.
  expect(overlapping([box], await boxesOf(page, OVER_CANVAS)), `${when}: drawn over the node`).toEqual([]);
}

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use({ viewport: size.viewport, deviceScaleFactor: size.scale });

    test(`${size.name}: a node picked by keyboard stays in sight or focus goes into the panel over it; Escape closes the panel and returns focus to the node`, async ({ page }) => {
      await openGraph(page, FOCUS_QUERY);
      const node = await lowestNode(page);
      const title = page.getByTestId("details-title");
      await node.focus();
      await page.keyboard.press("Enter");
      await expect(title).toBeVisible();
      if (size.covers) {
        // Focus left on the node would be under the panel, where no one sees it.
        await expect(title).toBeFocused();
        await expect(page.getByRole("button", { name: "Close details" })).toBeInViewport({ ratio: 1 });
        expect(await uncoveredCanvas(page), "the panel covers the graph").toBeNull();
      } else {
        await expect(node).toBeFocused();
        await expectInSight(page, node, "the panel open");
        // The panel comes after the nodes in Tab order: Enter again goes to it, Shift+Tab goes back to the graph.
        await page.keyboard.press("Enter");
        await expect(title).toBeFocused();
        await page.keyboard.press("Shift+Tab");
        expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="graph-canvas"]')), "Shift+Tab from the panel reaches the graph").toBe(true);
        await title.focus();
      }
      await page.keyboard.press("Escape");
      await expect(page.getByTestId("details-panel")).toHaveCount(0);
      await expect(node).toBeFocused();
      await expectInSight(page, node, "the panel closed");
    });

    test(`${size.name}: a node picked by click stays in sight or lies under the panel's Close button's reach; Close returns focus to the node`, async ({ page }) => {
      await openGraph(page, FOCUS_QUERY);
      const node = await lowestNode(page);
      await node.click();
      await expect(page.getByTestId("details-title")).toBeVisible();
      const close = page.getByRole("button", { name: "Close details" });
      await expect(close).toBeInViewport({ ratio: 1 });
      if (size.covers) expect(await uncoveredCanvas(page), "the panel covers the graph").toBeNull();
      else await expectInSight(page, node, "the panel open");
      await close.click();
      await expect(page.getByTestId("details-panel")).toHaveCount(0);
      await expect(node).toBeFocused();
      await expectInSight(page, node, "the panel closed");
    });
  });
}
