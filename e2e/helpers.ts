import { expect, type Page } from "@playwright/test";

/** Open the graph page (optionally with a query) and wait until ELK's layout is drawn. */
export async function openGraph(page: Page, query = "", fit = true): Promise<void> {
  await page.goto(`/graph${query}`);
  await waitForGraph(page, fit);
}

/**
 * Wait for the layout, then fit the whole graph in view: large graphs open at a readable zoom on their top part,
 * and only elements in view are rendered, so tests that count or find nodes fit first. React Flow applies the fit a
 * render after the click and draws the nodes it brings in a render after that: the wait is for its outcome, every
 * node of the view (data-node-count) drawn and inside the canvas, checked each frame.
 */
export async function waitForGraph(page: Page, fit = true): Promise<void> {
  const canvas = page.getByTestId("graph-canvas");
  await expect(canvas).toHaveAttribute("data-layout", "ready", { timeout: 20_000 });
  if (fit) {
    await page.getByTestId("rf__controls").getByRole("button", { name: /fit view/i }).click();
    await page.waitForFunction(
      () => {
        const canvas = document.querySelector<HTMLElement>('[data-testid="graph-canvas"]');
        if (!canvas) return false;
        const box = canvas.getBoundingClientRect();
        const nodes = [...canvas.querySelectorAll(".react-flow__node")].map((n) => n.getBoundingClientRect());
        const inside = (r: DOMRect) => r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
        return nodes.length === Number(canvas.dataset.nodeCount) && nodes.every(inside);
      },
      undefined,
      { polling: "raf", timeout: 10_000 },
    );
  }
}

export function graphNode(page: Page, name: string) {
  return page.locator(`[data-testid="graph-node"][data-name="${name}"]`);
}

/** The React Flow node wrapper (focusable, has the accessible name) around a node of this name. */
export function flowNode(page: Page, name: string) {
  return page.locator(".react-flow__node", { has: graphNode(page, name) });
}

export function functionNodes(page: Page) {
  return page.locator('[data-testid="graph-node"][data-kind="function"]');
}

/** The view's zoom, from its transform ("translate(…) scale(z)"). */
export async function viewZoom(page: Page): Promise<number> {
  const transform = await page.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1]);
}

/** The page's width beyond the window's, in CSS pixels (0: nothing to scroll sideways to, WCAG 1.4.10 reflow). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * The text of every live region (role alert, status or log, or aria-live other than off) that says `text`, the
 * outermost of nested ones: one event said by two regions is heard twice.
 */
export function liveRegionsSaying(page: Page, text: string): Promise<string[]> {
  return page.evaluate(
    ({ text, live }) =>
      [...document.querySelectorAll<HTMLElement>(live)]
        .filter((el) => !el.parentElement?.closest(live) && (el.textContent ?? "").includes(text))
        .map((el) => el.textContent ?? ""),
    { text, live: LIVE_REGION },
  );
}

/**
 * Every live region inside another, by its test id or text: screen readers differ on which of the two says a change
 * (some say it twice, some drop the inner one's politeness), so one region says each event.
 */
export function nestedLiveRegions(page: Page): Promise<string[]> {
  return page.evaluate(
    (live) =>
      [...document.querySelectorAll<HTMLElement>(live)]
        .filter((el) => !!el.parentElement?.closest(live))
        .map((el) => el.getAttribute("data-testid") ?? (el.textContent ?? "").trim().slice(0, 60)),
    LIVE_REGION,
  );
}

const LIVE_REGION = '[role="alert"], [role="status"], [role="log"], [aria-live]:not([aria-live="off"])';
