/** Where things are drawn on the page, for specs that check that one thing does not cover another. */
import type { Page } from "@playwright/test";

/** A box in page pixels (a DOMRect's sides), with a name to report it by. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  name: string;
}

/** Whether two boxes share some area (touching edges do not count). */
export function meets(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * The drawn boxes (width > 0) of the elements matching `selector`, named by `data-name` of a graph node inside them,
 * else by the text of the `nameSelector` element in their parent (an edge label's background and its text), else by
 * their own text.
 */
export function boxesOf(page: Page, selector: string, nameSelector?: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll(
    (els, nameSelector) =>
      els
        .map((el) => {
          const r = el.getBoundingClientRect();
          const name =
            el.querySelector('[data-testid="graph-node"]')?.getAttribute("data-name") ??
            (nameSelector ? el.parentElement?.querySelector(nameSelector)?.textContent : null) ??
            el.textContent ??
            "";
          return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, name };
        })
        .filter((b) => b.right > b.left),
    nameSelector,
  );
}

/** The pairs "a / b" of boxes from `as` and `bs` that meet (each pair once when both lists are the same). */
export function overlapping(as: Box[], bs: Box[] = as): string[] {
  const same = as === bs;
  return as.flatMap((a, i) => bs.filter((b, j) => (!same || j > i) && meets(a, b)).map((b) => `${a.name} / ${b.name}`));
}

/** Whether `inner` lies wholly within `outer` (a pixel's rounding allowed). */
export function inside(inner: Box, outer: Box): boolean {
  return inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
}

/**
 * The part of the graph canvas a user sees: inside the window (the page may scroll) and clear of the details panel,
 * the largest rectangle left beside, above or below it where the panel meets the canvas; null where the panel
 * covers it all.
 */
export function uncoveredCanvas(page: Page): Promise<Box | null> {
  return page.evaluate(() => {
    const rect = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
    const canvas = rect('[data-testid="graph-canvas"]');
    if (!canvas) return null;
    const seen = {
      left: Math.max(canvas.left, 0),
      top: Math.max(canvas.top, 0),
      right: Math.min(canvas.right, window.innerWidth),
      bottom: Math.min(canvas.bottom, window.innerHeight),
      name: "uncovered canvas",
    };
    const panel = rect('[data-testid="details-panel"], [data-testid="details-failed"]');
    const meets = panel && panel.left < seen.right && seen.left < panel.right && panel.top < seen.bottom && seen.top < panel.bottom;
    const parts = !meets
      ? [seen]
      : [
          { ...seen, bottom: Math.min(seen.bottom, panel.top) },
          { ...seen, top: Math.max(seen.top, panel.bottom) },
          { ...seen, right: Math.min(seen.right, panel.left) },
          { ...seen, left: Math.max(seen.left, panel.right) },
        ];
    const area = (b: typeof seen) => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);
    const best = parts.sort((a, b) => area(b) - area(a))[0]!;
    return area(best) > 0 ? best : null;
  });
}
