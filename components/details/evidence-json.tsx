/**
 * A policy statement (or mapping/configuration object) as formatted JSON, with the `highlight` strings marked.
 * Rendered as text nodes and <mark> only: policy text is user-controlled.
 */
import { Fragment } from "react";
import { visibleText } from "@/lib/view/visible-text";
import { shortenLongText } from "@/lib/view/long-words";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Split `text` into plain and highlighted runs. Highlights are matched as they appear inside JSON strings. */
export function highlightRuns(text: string, highlight: readonly string[]): { text: string; mark: boolean }[] {
  const needles = [...new Set(highlight.filter((h) => h.length > 0).map((h) => JSON.stringify(h).slice(1, -1)))]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  if (needles.length === 0) return [{ text, mark: false }];
  const re = new RegExp(needles.join("|"), "g");
  const runs: { text: string; mark: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (m[0].length === 0) continue;
    if (at > last) runs.push({ text: text.slice(last, at), mark: false });
    runs.push({ text: m[0], mark: true });
    last = at + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), mark: false });
  return runs;
}

export function formatDocument(document: unknown): string {
  if (typeof document === "string") {
    try {
      return JSON.stringify(JSON.parse(document), null, 2);
    } catch {
      return document;
    }
  }
  return JSON.stringify(document, null, 2) ?? String(document);
}

/** `label` names the document for assistive tech (a region per document, not many alike "Policy document"s). */
export function EvidenceJson({ document, highlight = [], label = "Policy document" }: { document: unknown; highlight?: readonly string[]; label?: string }) {
  // A crafted word past the longest ARN, or a document past any AWS takes, is cut here as everywhere it is shown; the
  // findings JSON export keeps it whole. Escaped after: the highlights are found in the document as written.
  const runs = highlightRuns(shortenLongText(formatDocument(document)), highlight);
  return (
    <pre
      data-testid="evidence-json"
      tabIndex={0}
      role="region"
      aria-label={label}
      className="max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-[12px] leading-5 text-slate-100"
    >
      <code>
        {runs.map((r, i) =>
          r.mark ? (
            <mark key={i} data-testid="evidence-highlight" className="rounded-sm bg-amber-300 px-0.5 text-slate-950">
              {visibleText(r.text, { lines: true })}
            </mark>
          ) : (
            <Fragment key={i}>{visibleText(r.text, { lines: true })}</Fragment>
          ),
        )}
      </code>
    </pre>
  );
}
