/**
 * html-to-image copies each element's computed style into an SVG foreignObject, where Chromium does not apply the
 * line clamp (`-webkit-line-clamp`): a clamped two-line name comes out cut mid-line, without "…", and reads as a
 * different, shorter name. So before the copy each clamped or truncated text that overflows is shortened to what
 * fits, ending in "…", and put back afterwards. Only the text node's value changes (the node React holds stays the
 * same), and the element's `title` keeps the whole text.
 */

/** The part of a DOM element this needs: fakes of it stand in for the browser in unit tests. */
export interface ClampElement {
  readonly childNodes: ArrayLike<{ nodeType: number; nodeValue: string | null }>;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly classList: { contains(token: string): boolean };
}

const TEXT_NODE = 3;
const ELLIPSIS = "…";
/** Sub-pixel layout: a box reporting 1 px more than it holds still fits. */
const SLACK = 1;

function fits(el: ClampElement): boolean {
  return el.classList.contains("truncate") ? el.scrollWidth <= el.clientWidth + SLACK : el.scrollHeight <= el.clientHeight + SLACK;
}

/** Shortens every overflowing `.line-clamp-2` / `.truncate` text among `elements`; returns what puts them back. */
export function clampTextForExport(elements: Iterable<ClampElement>): () => void {
  const restores: (() => void)[] = [];
  for (const el of elements) {
    const text = el.childNodes.length === 1 ? el.childNodes[0] : undefined;
    if (!text || text.nodeType !== TEXT_NODE || fits(el)) continue;
    const full = text.nodeValue ?? "";
    const cut = (n: number) => full.slice(0, n).trimEnd() + ELLIPSIS;
    // The longest prefix that fits with its ellipsis (binary search: each probe is one layout).
    let lo = 0;
    let hi = full.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      text.nodeValue = cut(mid);
      if (fits(el)) lo = mid;
      else hi = mid - 1;
    }
    text.nodeValue = cut(lo);
    restores.push(() => {
      text.nodeValue = full;
    });
  }
  return () => {
    for (const restore of restores) restore();
  };
}

/** The elements of the graph whose text CSS clamps or truncates. */
export const CLAMPED_TEXT = ".line-clamp-2, .truncate";
