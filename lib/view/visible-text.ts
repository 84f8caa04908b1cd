/**
 * Control and bidirectional formatting characters of a name, a condition value or a message. They come from the
 * snapshot, which may be crafted: U+202E RIGHT-TO-LEFT OVERRIDE makes "\u202eipa-tuokcehc" read "checkout-api" and
 * reverses the text after it, a carriage return or an escape sequence can forge terminal lines. Invisible ones too
 * (zero-width space, word joiner, BOM, soft hyphen): "check\u200bout-api" would pass for "checkout-api"; and the
 * Unicode line and paragraph separators, which some viewers break lines at. The joiners U+200C/U+200D are left: emoji
 * and Persian or Indic text need them, and no AWS name can hold them. Every place that shows such text (the dashboard,
 * the text and Markdown reports, SARIF messages) shows them as escapes, so a look-alike reads differently from the name.
 */
// Also a lone surrogate (half of a pair, which JSON escapes let a file hold): printed, each one became U+FFFD.
export const HIDDEN_CHARACTERS =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `s` with each hidden character shown as an escape (`\n`, `\u202e`); unchanged when it holds none. A block shown
 * over several lines (a remediation, a document) keeps its line breaks and tabs with `{ lines: true }`.
 */
export function visibleText(s: string, { lines = false } = {}): string {
  return s.replace(HIDDEN_CHARACTERS, (c) => (lines && (c === "\n" || c === "\t") ? c : (NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)));
}
