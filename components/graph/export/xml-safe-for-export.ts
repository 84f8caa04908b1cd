/**
 * html-to-image copies the graph into an SVG (XML) and that into a data URL with encodeURIComponent. A crafted name
 * can hold what neither takes: half of a surrogate pair (JSON escapes let a snapshot carry it), on which
 * encodeURIComponent throws ("URI malformed"), and control characters (ESC, BEL, NUL), which XML 1.0 does not allow,
 * so the image failed to load. React Flow writes node ids, raw, into data-id attributes, so the PNG report of such a
 * graph failed. Before the copy each such character of an attribute or text becomes U+FFFD, and is put back after;
 * what the graph shows of names is already escaped (lib/view/visible-text.ts), so the picture does not change.
 */

/** The part of a DOM element this needs: fakes of it stand in for the browser in unit tests. */
export interface ExportElement {
  readonly attributes: ArrayLike<{ value: string }>;
  readonly childNodes: ArrayLike<{ nodeType: number; nodeValue: string | null }>;
}

const TEXT_NODE = 3;
/** Characters XML 1.0 cannot hold (it allows tab, LF and CR of the C0 controls), and lone surrogates. */
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const xmlSafe = (s: string) => s.replace(NOT_IN_XML, "\ufffd");

/** Makes every attribute and text of `elements` text XML and URI encoding take; returns what puts them back. */
export function xmlSafeForExport(elements: Iterable<ExportElement>): () => void {
  const restores: (() => void)[] = [];
  const fix = <T>(holder: T, get: (h: T) => string, set: (h: T, v: string) => void) => {
    const value = get(holder);
    const fixed = xmlSafe(value);
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
