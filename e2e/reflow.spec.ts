/**
 * A laptop screen at 200 % zoom (1280×800 CSS pixels become 640×400) or a narrow window: every control stays on
 * screen without scrolling sideways (WCAG 1.4.10 reflow), and nothing drawn over the graph hides another control.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./test";
import { flowNode, openGraph, sidewaysOverflow } from "./helpers";

const ZOOMED = { width: 640, height: 400 };

test("at 200 % zoom the header wraps: Scan now and the mode badge are on screen", async ({ page }) => {
  await page.setViewportSize(ZOOMED);
  for (const path of ["/", "/graph", "/snapshots"]) {
    await page.goto(path);
    await expect(page.getByRole("button", { name: "Scan now" }), `${path}: Scan now`).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId("auth-mode"), `${path}: mode badge`).toBeInViewport({ ratio: 1 });
  }
});

// 320 px: WCAG 1.4.10's own width (1280 px at 400 %); 390 px: a phone.
for (const size of [ZOOMED, { width: 390, height: 800 }, { width: 320, height: 640 }]) {
  test(`in a ${size.width} px window the snapshots page does not scroll sideways: each stored scan's links are on screen`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto("/snapshots");
    const row = page.getByTestId("snapshot-row").first();
    await expect(row.getByRole("link", { name: "Graph" })).toBeVisible();
    expect(await sidewaysOverflow(page)).toBe(0);
    const link = (await row.getByRole("link", { name: "Graph" }).boundingBox())!;
    const card = (await page.getByTestId("snapshot-list").locator("xpath=ancestor::section[1]").boundingBox())!;
    expect(link.x + link.width, "the Graph link inside its card").toBeLessThanOrEqual(Math.min(card.x + card.width, size.width));
  });
}

test("in a 320 px window the graph page does not scroll sideways: every severity chip and the keyboard help are on screen", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openGraph(page, "", false);
  // The five chips ran past the screen's right edge in one row.
  for (const sev of ["critical", "high", "medium", "low", "info"]) {
    await expect(page.getByTestId(`filter-sev-${sev}`), sev).toBeInViewport({ ratio: 1 });
  }
  expect(await sidewaysOverflow(page)).toBe(0);
  // Aligned to the Keyboard button, near the left in so narrow a window, the list opened mostly off the screen.
  await page.getByRole("button", { name: "Keyboard shortcuts" }).focus();
  await page.keyboard.press("Enter");
  const help = page.getByTestId("keyboard-help");
  await expect(help).toBeVisible();
  // Below the filters, which wrap to several rows: scrolling down is reflow's allowance, sideways is not.
  await help.scrollIntoViewIfNeeded();
  await expect(help).toBeInViewport({ ratio: 1 });
  expect(await sidewaysOverflow(page)).toBe(0);
});

test("in a 320 px window a focused graph's Can do answer wraps beside the question's chip instead of scrolling sideways", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const fn = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:daily-sales-report");
  await openGraph(page, `?reach=s3:PutObject&on=arn:aws:s3:::acme-reports-prod&focus=${fn}`, false);
  const answer = page.getByTestId("reach-focus");
  await expect(answer).toHaveText("Of the function in focus: 1 allowed, 0 conditional, 0 unknown, 0 cannot");
  await answer.scrollIntoViewIfNeeded();
  await expect(answer).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId("clear-reach")).toBeVisible();
  expect(await sidewaysOverflow(page)).toBe(0);
});

test("in a 320 px window the Can do answer's denied functions wrap, their SCP's long name too, instead of scrolling sideways", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/?reach=s3:DeleteBucket");
  const refused = page.getByTestId("reach-refused");
  await refused.locator("summary").click();
  const item = refused.getByTestId("reach-refused-item").first();
  await item.scrollIntoViewIfNeeded();
  await expect(item).toBeInViewport({ ratio: 1 });
  expect(await sidewaysOverflow(page)).toBe(0);
});

test("in a 390 px window the page-not-found box keeps a margin on both sides instead of touching the screen's edges", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/no-such-view");
  const box = (await page.getByRole("main").boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(12);
  expect(box.x + box.width).toBeLessThanOrEqual(390 - 12);
  expect(await sidewaysOverflow(page)).toBe(0);
});

test("at 200 % zoom the function table keeps its columns readable and scrolls sideways in its own box", async ({ page }) => {
  // Squeezed to the window, the finding column was ~40 px wide: a title took a line per word and the page ran to
  // tens of thousands of pixels.
  await page.setViewportSize(ZOOMED);
  await page.goto("/");
  const titles = page.getByTestId("worst-title");
  await expect(titles.first()).toBeVisible();
  const widths = await titles.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
  expect(Math.min(...widths), "narrowest finding title").toBeGreaterThanOrEqual(180);
  expect(await sidewaysOverflow(page), "the page itself does not scroll sideways").toBe(0);
});

/** Names of the controls among `names` that are not the topmost element at their own centre once scrolled to. */
async function coveredControls(page: Page, names: string[]): Promise<string[]> {
  const covered: string[] = [];
  for (const name of names) {
    const control = page.getByRole("button", { name, exact: true });
    await control.scrollIntoViewIfNeeded();
    const onTop = await control.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!hit && el.contains(hit);
    });
    if (!onTop) covered.push(name);
  }
  return covered;
}

test("at 200 % zoom the graph's controls are not under the legend or the minimap, and the details panel is not under the legend", async ({ page }) => {
  await page.setViewportSize(ZOOMED);
  await openGraph(page, "", false);
  const controls = ["Legend", "Keyboard shortcuts", "Copy link", "Export PNG", "Zoom In", "Zoom Out", "Fit View"];
  expect(await coveredControls(page, controls), "controls covered").toEqual([]);

  await page.keyboard.press("/");
  await page.getByTestId("search-input").fill("orders-processor");
  await expect(page.getByTestId("search-result").first()).toHaveAttribute("data-name", "orders-processor");
  await page.keyboard.press("Enter");
  const panel = page.getByTestId("details-panel");
  await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
  const label = panel.locator("dt", { hasText: "Description" });
  const labelOnTop = await label.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.left + 4, r.top + r.height / 2));
  });
  expect(labelOnTop, "the panel's first fact is not under the legend").toBe(true);
  expect(await coveredControls(page, ["Close details"])).toEqual([]);
  expect(await sidewaysOverflow(page)).toBe(0);
});

test("at 200 % zoom the search dialog fits the window: its list scrolls and its footer switch is on screen", async ({ page }) => {
  await page.setViewportSize(ZOOMED);
  await openGraph(page, "?q=o", false);
  const dialog = page.getByTestId("search-dialog");
  await expect(page.getByTestId("search-result").nth(8)).toBeAttached();
  const box = (await dialog.boundingBox())!;
  expect(box.y + box.height, "the dialog's bottom").toBeLessThanOrEqual(ZOOMED.height);
  await expect(page.getByTestId("slash-shortcut")).toBeInViewport();
});

test("at 200 % zoom Enter on a node moves focus into the details panel that covers it; Escape brings it back", async ({ page, request }) => {
  // Below 1024 px the panel lies over the graph: focus left on the node was on something no one could see.
  await page.setViewportSize(ZOOMED);
  const [fn] = (await (await request.get("/api/graph/search?q=orders-processor")).json()).results;
  await openGraph(page, `?focus=${encodeURIComponent(fn.id)}`);
  const node = flowNode(page, "orders-processor");
  await node.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
  await expect(page.getByTestId("details-title")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("details-panel")).toHaveCount(0);
  await expect(node).toBeFocused();
});

test("at 200 % zoom a node picked in the search lands focus on the details panel that covers it, not on the node under it", async ({ page }) => {
  await page.setViewportSize(ZOOMED);
  await openGraph(page, "", false);
  await page.keyboard.press("/");
  await page.getByTestId("search-input").fill("orders-processor");
  await expect(page.getByTestId("search-result").first()).toHaveAttribute("data-name", "orders-processor");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
  // The node is drawn (and would take focus) a few frames after the panel opens over it.
  await expect(flowNode(page, "orders-processor")).toBeAttached();
  await page.waitForTimeout(500);
  await expect(page.getByTestId("details-title")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("details-panel")).toHaveCount(0);
  await expect(flowNode(page, "orders-processor")).toBeFocused();
});

test("at 200 % zoom what the details panel covers is out of Tab's order, and back in once the window widens or the panel closes", async ({ page, request }) => {
  // Shift+Tab from the panel went on to the nodes and zoom buttons under it, which no one could see.
  await page.setViewportSize(ZOOMED);
  const [fn] = (await (await request.get("/api/graph/search?q=orders-processor")).json()).results;
  const id = encodeURIComponent(fn.id);
  // Not fitted: Fit View is under the panel.
  await openGraph(page, `?focus=${id}&node=${id}`, false);
  const canvas = page.getByTestId("graph-canvas");
  const title = page.getByTestId("details-title");
  await expect(title).toHaveText("orders-processor");
  await expect(flowNode(page, "orders-processor")).toBeAttached();
  const inCanvas = () => page.evaluate(() => !!document.activeElement?.closest('[data-testid="graph-canvas"]'));
  await title.focus();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await inCanvas(), `Shift+Tab ${i + 1} from the panel's title stays out of the covered canvas`).toBe(false);
  }
  await expect(canvas).toHaveAttribute("inert");

  // Beside the graph again: its last control is just before the panel.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(canvas).not.toHaveAttribute("inert");
  await title.focus();
  await page.keyboard.press("Shift+Tab");
  expect(await inCanvas(), "Shift+Tab from the panel beside the graph reaches the canvas").toBe(true);

  // Narrowed again with focus in the canvas: the title takes it rather than leaving it on the page or under the panel.
  await page.setViewportSize(ZOOMED);
  await expect(canvas).toHaveAttribute("inert");
  await expect(title).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("details-panel")).toHaveCount(0);
  await expect(canvas).not.toHaveAttribute("inert");
  await expect(flowNode(page, "orders-processor")).toBeFocused();
});

test("in a 640 px window the export's progress message leaves the toolbar where it was, clear of the legend", async ({ page }) => {
  // Said beside the buttons, "Rendering… composing the report" and then "PNG downloaded" (which stays) pushed the
  // toolbar left over the legend.
  await page.setViewportSize({ width: 640, height: 800 });
  await openGraph(page, "", false);
  const keyboard = page.getByRole("button", { name: "Keyboard shortcuts" });
  const before = (await keyboard.boundingBox())!;
  const download = page.waitForEvent("download");
  await page.getByTestId("export-png-button").click();
  await download;
  await expect(page.getByTestId("export-status")).toHaveText("PNG downloaded");
  expect((await keyboard.boundingBox())!.x, "the Keyboard button did not move").toBeCloseTo(before.x, 0);
  const [toolbar, legend] = await Promise.all([page.getByTestId("graph-toolbar").boundingBox(), page.getByTestId("graph-legend").boundingBox()]);
  expect(toolbar!.x, "the toolbar starts right of the legend").toBeGreaterThanOrEqual(legend!.x + legend!.width);
});

test("on a 390 px phone the toolbar over the graph leaves the collapsed legend's title clear, and a tap on it opens the legend", async ({ page }) => {
  // The collapsed legend kept its 240 px and the toolbar lay over its middle: a tap on "Legend" opened the keyboard help.
  await page.setViewportSize({ width: 390, height: 844 });
  await openGraph(page, "", false);
  const legend = page.getByTestId("graph-legend");
  const toggle = legend.getByRole("button", { name: "Legend" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  const [toolbar, box] = await Promise.all([page.getByTestId("graph-toolbar").boundingBox(), legend.boundingBox()]);
  expect(toolbar!.x, "the toolbar starts right of the collapsed legend").toBeGreaterThanOrEqual(box!.x + box!.width);
  await toggle.click({ timeout: 5_000 });
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("button", { name: "Keyboard shortcuts" })).toHaveAttribute("aria-expanded", "false");
});

test("on a 390 px phone the header says when the snapshot was taken, and a fit keeps the invokers clear of the zoom buttons", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // ledger-api's view: four invokers in the left column, the zoom buttons bottom left.
  await openGraph(page, "?focus=fn%3Aarn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aledger-api");
  const captured = page.getByTestId("header-captured");
  await expect(captured).toContainText(/Captured\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(captured).toBeInViewport({ ratio: 1 });
  expect(await sidewaysOverflow(page)).toBe(0);
  const controls = (await page.getByTestId("rf__controls").boundingBox())!;
  const nodes = await page.locator(".react-flow__node").evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
  expect(nodes.length).toBeGreaterThan(4);
  for (const n of nodes) {
    const meets = n.left < controls.x + controls.width && controls.x < n.right && n.top < controls.y + controls.height && controls.y < n.bottom;
    expect(meets, `node at ${Math.round(n.left)},${Math.round(n.top)} under the zoom buttons`).toBe(false);
  }
});
