/**
 * html-to-image writes the copied graph into an SVG data URL with encodeURIComponent, which throws ("URI malformed")
 * on half of a surrogate pair. A crafted name can hold one (JSON escapes let a snapshot carry it), and React Flow
 * writes node ids into data-id attributes, so the PNG report of such a graph failed. Before the copy each such
 * attribute or text is made well-formed (the lone half becomes U+FFFD, as the browser shows it), and put back after.
 */

/** The part of a DOM element this needs: fakes of it stand in for the browser in unit tests. */
export interface ExportElement {
  readonly attributes: ArrayLike<{ value: string }>;
  readonly childNodes: ArrayLike<{ nodeType: number; nodeValue: string | null }>;
}

const TEXT_NODE = 3;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, "\ufffd");

/** Makes every attribute and text of `elements` well-formed UTF-16; returns what puts them back. */
export function wellFormedForExport(elements: Iterable<ExportElement>): () => void {
  const restores: (() => void)[] = [];
  const fix = <T>(holder: T, get: (h: T) => string, set: (h: T, v: string) => void) => {
    const value = get(holder);
    const fixed = wellFormed(value);
    if (fixed === value) return;
    set(holder, fixed);
    restores.push(() => set(holder, value));
  };
  for (const el of elements) {
    for (const attr of Array.from(el.attributes)) fix(attr, (a) => a.value, (a, v) => (a.value = v));
    for (const node of Array.from(el.childNodes)) {
      if (node.nodeType === TEXT_NODE) fix(node, (n) => n.nodeValue ?? "", (n, v) => (n.nodeValue = v));
    }
  }
  return () => {
    for (const restore of restores.reverse()) restore();
  };
}
