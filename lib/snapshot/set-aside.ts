/**
 * What reading a snapshot set aside (salvage.ts): each malformed answer or list entry removed and recorded as
 * MalformedResponse, so its subject shows as unknown. The reader returns these (read.ts `readSnapshot`) because the
 * recorded errors alone cannot tell them from a MalformedResponse the scanner itself recorded, and the uploader and
 * the CLI say what was set aside as soon as the file is read, not when someone notices unknowns in the graph.
 * Type-only imports: the upload form (a client component) words the notice with `setAsideSentence`.
 */

/** One answer or entry set aside: where it was in the file, the id it names when readable, and what was wrong. */
export interface SetAsideEntry {
  field: string;
  target?: string;
  message: string;
}

/** The first entries (an upload's answer stays small however broken the file) and how many there were in all. */
export interface SetAsideSummary {
  count: number;
  entries: SetAsideEntry[];
}

/** How many entries an upload's answer lists; the rest are counted. */
export const SET_ASIDE_LISTED = 20;

export function summarizeSetAside(entries: readonly SetAsideEntry[], listed = SET_ASIDE_LISTED): SetAsideSummary {
  return { count: entries.length, entries: entries.slice(0, listed) };
}

/** `field (target)`, the way the notice and the CLI's warnings name an entry. */
export function setAsideName({ field, target }: SetAsideEntry): string {
  return target ? `${field} (${target})` : field;
}

/**
 * One sentence for the upload notice: how many were set aside and that they show as unknown, naming the first `named`
 * and counting the rest ("and N more"), so a file with thousands of odd entries still gets a short notice.
 */
export function setAsideSentence({ count, entries }: SetAsideSummary, named = 3): string {
  const shown = entries.slice(0, named).map(setAsideName);
  const more = count - shown.length;
  const what = count === 1 ? "1 malformed entry was set aside" : `${count} malformed entries were set aside`;
  const it = count === 1 ? "what it concerned shows" : "what they concerned shows";
  return `${what}; ${it} as unknown: ${shown.join(", ")}${more > 0 ? `, and ${more} more` : ""}.`;
}
