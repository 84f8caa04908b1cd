/**
 * The graph on a 1280×800 laptop, as a security engineer uses it every day: a function picked from the overview
 * (focused, with its details panel beside the graph), read without zooming in, nothing drawn over its nodes.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./test";
import { boxesOf, overlapping } from "./geometry";
import { openGraph, viewZoom } from "./helpers";
import { FOCUS_MIN_ZOOM, FOCUS_ZOOM } from "../components/graph/focus-view";

const LAPTOP = { width: 1280, height: 800 };

/** The graph page's query that selects and focuses the function of this name, as the overview's links do. */
async function focusQuery(request: APIRequestContext, name: string): Promise<string> {
  const [fn] = (await (await request.get(`/api/graph/search?q=${name}`)).json()).results;
  const id = encodeURIComponent(fn.id);
  return `?node=${id}&focus=${id}`;
}

/** Nodes under the minimap, none when it is not drawn. */
async function nodesUnderMinimap(page: Page): Promise<string[]> {
  return overlapping(await boxesOf(page, '[data-testid="rf__minimap"]'), await boxesOf(page, ".react-flow__node"));
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize(LAPTOP);
});

test("a focused function beside its details panel opens at a readable zoom, no node cut off at the canvas's edge", async ({ page, request }) => {
  // It opened at 0.4 (names 5.6 px high): the open legend's column and the panel left the graph a third of the width.
  // Its four columns then opened at 0.58; the resources' column is now a pan away (focus-view.ts).
  await openGraph(page, await focusQuery(request, "orders-processor"), false);
  await expect(page.getByTestId("details-panel")).toBeVisible();
  expect(await viewZoom(page), "opening zoom").toBeGreaterThanOrEqual(FOCUS_ZOOM);
  const name = page.locator('[data-testid="graph-node"][data-name="orders-processor"] [elementtiming]');
  const px = await name.evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * (el.getBoundingClientRect().height / (el as HTMLElement).offsetHeight));
  expect(px, "the function's name, in screen px").toBeGreaterThanOrEqual(9);
  const canvas = (await page.getByTestId("graph-canvas").boundingBox())!;
  for (const box of await boxesOf(page, ".react-flow__node")) {
    expect(box.right, `${box.name} is in view`).toBeLessThanOrEqual(canvas.x + canvas.width);
  }
  // Short of room, the legend starts collapsed; it still opens on demand.
  const toggle = page.getByTestId("graph-legend").getByRole("button", { name: "Legend" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
});

test("a focused function opens at a readable zoom with it and its direct neighbours in view, however many resources or invokers", async ({ page, request }) => {
  // inventory-stream-consumer reaches nine resources, ledger-api has four invokers, ci-artifact-deployer none and seven
  // resources: beside the panel, their neighbourhoods opened at 0.58.
  for (const name of ["inventory-stream-consumer", "ledger-api", "ci-artifact-deployer"]) {
    const query = await focusQuery(request, name);
    await openGraph(page, query, false);
    const canvas = (await page.getByTestId("graph-canvas").boundingBox())!;
    const panel = (await page.getByTestId("details-panel").boundingBox())!;
    expect(panel.x, "the panel is beside the canvas").toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);
    expect(await viewZoom(page), `${name}: opening zoom`).toBeGreaterThanOrEqual(FOCUS_ZOOM);
    const { visible } = await (await request.get(`/api/graph${query}`)).json();
    const fn = visible.focus.id as string;
    const near = new Set<string>([fn]);
    for (const e of visible.edges as { source: string; target: string }[]) {
      if (e.source === fn) near.add(e.target);
      if (e.target === fn) near.add(e.source);
    }
    expect(near.size, `${name} has neighbours`).toBeGreaterThan(1);
    for (const id of near) {
      // Only nodes in view are in the document (onlyRenderVisibleElements): counted, not awaited.
      const node = page.getByTestId(`rf__node-${id}`);
      expect(await node.count(), `${name}: ${id} is drawn`).toBe(1);
      const box = await node.boundingBox();
      expect(box!.x, `${name}: ${id}`).toBeGreaterThanOrEqual(canvas.x);
      expect(box!.y, `${name}: ${id}`).toBeGreaterThanOrEqual(canvas.y);
      expect(box!.x + box!.width, `${name}: ${id}, clear of the panel`).toBeLessThanOrEqual(Math.min(canvas.x + canvas.width, panel.x));
      expect(box!.y + box!.height, `${name}: ${id}`).toBeLessThanOrEqual(canvas.y + canvas.height);
    }
  }
});

test("on a 1440 px screen a focused function's four columns open whole beside the panel, none cut at its edge", async ({ page, request }) => {
  // deploy-hook's invokers, role and log groups ran 60 px under the details panel at FOCUS_ZOOM.
  await page.setViewportSize({ width: 1440, height: 900 });
  await openGraph(page, await focusQuery(request, "deploy-hook"), false);
  const zoom = await viewZoom(page);
  expect(zoom, "opening zoom").toBeGreaterThanOrEqual(FOCUS_MIN_ZOOM);
  expect(zoom, "opening zoom").toBeLessThanOrEqual(FOCUS_ZOOM);
  const canvas = (await page.getByTestId("graph-canvas").boundingBox())!;
  const panel = (await page.getByTestId("details-panel").boundingBox())!;
  const boxes = await boxesOf(page, ".react-flow__node");
  expect(boxes.some((b) => b.name.includes("log-group")), "the log group is drawn").toBe(true);
  for (const box of boxes) {
    expect(box.left, `${box.name} is in view`).toBeGreaterThanOrEqual(canvas.x);
    expect(box.right, `${box.name} is clear of the panel`).toBeLessThanOrEqual(Math.min(canvas.x + canvas.width, panel.x));
  }
});

test("the minimap covers no node of the opening view; where it would, it starts hidden and a control shows it", async ({ page, request }) => {
  // The minimap's corner holds nodes in some views of the demo (the medium functions' view): there it starts hidden.
  for (const query of ["", "?sev=medium", await focusQuery(request, "orders-processor")]) {
    await openGraph(page, query, false);
    expect(await nodesUnderMinimap(page), `nodes under the minimap (graph${query})`).toEqual([]);
  }
  const toggle = page.getByRole("button", { name: "Mini map" });
  await openGraph(page, "?sev=medium", false);
  await expect(page.getByTestId("rf__minimap")).toHaveCount(0);
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(page.getByTestId("rf__minimap")).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  // Where the opening view leaves its corner free (the neighbourhood above), it is drawn.
  await page.setViewportSize({ width: 1440, height: 900 });
  await openGraph(page, "", false);
  await expect(page.getByTestId("rf__minimap")).toBeVisible();
  expect(await nodesUnderMinimap(page)).toEqual([]);
});
