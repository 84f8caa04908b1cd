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
