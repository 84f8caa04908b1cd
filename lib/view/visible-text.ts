/**
 * Control and bidirectional formatting characters of a name, a condition value or a message. They come from the
 * snapshot, which may be crafted: U+202E RIGHT-TO-LEFT OVERRIDE makes "\u202eipa-tuokcehc" read "checkout-api" and
 * reverses the text after it, a carriage return or an escape sequence can forge terminal lines. Invisible ones too
 * (zero-width space, word joiner, BOM, soft hyphen): "check\u200bout-api" would pass for "checkout-api"; and the
 * Unicode line and paragraph separators, which some viewers break lines at. The joiners U+200C/U+200D are left: emoji
 * and Persian or Indic text need them, and no AWS name can hold them. Every place that shows such text (the dashboard,
 * the text and Markdown reports, SARIF messages) shows them as escapes, so a look-alike reads differently from the name.
 */
/** Half of a surrogate pair alone, which JSON escapes let a file hold: printed or sent as UTF-8, it becomes U+FFFD. */
const LONE_SURROGATE = String.raw`[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]`;

export const HIDDEN_CHARACTERS = new RegExp(
  String.raw`[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|${LONE_SURROGATE}`,
  "g",
);

/**
 * Text a browser does not read back as written from server-rendered HTML: it reads CR as LF and NUL as U+FFFD, and a
 * lone surrogate is sent as U+FFFD. An id holding one, written in an attribute, names nothing once the page is parsed.
 */
export const REWRITTEN_BY_HTML = new RegExp(String.raw`[\r\u0000]|${LONE_SURROGATE}`);

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `s` with each hidden character shown as an escape (`\n`, `\u202e`); unchanged when it holds none. A block shown
 * over several lines (a remediation, a document) keeps its line breaks and tabs with `{ lines: true }`.
 */
export function visibleText(s: string, { lines = false } = {}): string {
  return s.replace(HIDDEN_CHARACTERS, (c) => (lines && (c === "\n" || c === "\t") ? c : (NAMED[c] ?? unicodeEscape(c))));
}

/** One UTF-16 code unit as `\uXXXX`, the escape JavaScript and JSON both read back as that character. */
export function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * Names on one line that is cut to a width (a PNG report's header, a note) stay this short: a name of thousands of
 * characters pushed what follows it off the line. The end is kept: names and ARNs of one account often share their
 * start and differ at the end.
 */
const SHORT_HEAD = 40;
const SHORT_TAIL = 20;

/** `s` as visibleText shows it, shortened in the middle past SHORT_HEAD + SHORT_TAIL + 1 characters. */
export function shortVisibleText(s: string): string {
  const shown = visibleText(s);
  return shown.length > SHORT_HEAD + SHORT_TAIL + 1 ? `${shown.slice(0, SHORT_HEAD)}…${shown.slice(-SHORT_TAIL)}` : shown;
}
