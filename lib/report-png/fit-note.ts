/**
 * The PNG header's text fitted to the width it has. Pure (the caller says what fits, by measuring on its canvas), so
 * the cut can be tested without a browser.
 */
import { unreadWarning, type ReportHeader } from "./header";

/** `text` whole when it fits, else its longest start that fits with "…" after it. */
export function fitText(text: string, fits: (s: string) => boolean): string {
  if (fits(text)) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(`${text.slice(0, mid)}…`)) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/**
 * The header's note as it fits beside the counts. What may be cut is what follows the "Not read" warning; the warning
 * itself is never cut mid-word: when it does not fit whole, it names the gaps it has room for and counts the rest
 * ("and 37 more"), so its numbers stay exact and it still ends in "(unknown, not fine)". A cut warning let a report
 * of a scan with gaps pass for a clean one.
 */
export function fitNote(header: Pick<ReportHeader, "note" | "gaps">, fits: (s: string) => boolean): string | undefined {
  const { note, gaps = [] } = header;
  if (note === undefined || fits(note)) return note;
  if (gaps.length === 0 || fits(unreadWarning(gaps))) return fitText(note, fits);
  for (let named = gaps.length - 1; named >= 0; named--) {
    const warning = unreadWarning(gaps.slice(0, named), gaps.slice(named).reduce((n, p) => n + p.count, 0));
    if (fits(warning)) return warning;
  }
  // Narrower than "Not read: 1,234 gaps (unknown, not fine)": no report is, but a cut word beats no word.
  return fitText(unreadWarning([], gaps.reduce((n, p) => n + p.count, 0)), fits);
}
