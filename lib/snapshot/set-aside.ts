/**
 * What reading a snapshot set aside (salvage.ts): each malformed answer or list entry removed and recorded as
 * MalformedResponse, so its subject shows as unknown. The reader returns these (read.ts `readSnapshot`) because the
 * recorded errors alone cannot tell them from a MalformedResponse the scanner itself recorded, and the uploader and
 * the CLI say what was set aside as soon as the file is read, not when someone notices unknowns in the graph.
 * Imports are type-only or free of Node and zod: the upload form (a client component) words the notice with
 * `setAsideSentence`.
 */
import { shortenLongWords } from "@/lib/view/long-words";

/** One answer or entry set aside: where it was in the file, the id it names when readable, and what was wrong. */
export interface SetAsideEntry {
  field: string;
  target?: string;
  message: string;
}

/**
 * The first entries (an upload's answer stays small however broken the file) and how many there were in all. Each
 * entry's words are cut as the CLI's warnings cut them: a crafted key of a megabyte in a map keyed by function ARN
 * names its entry, and would be sent and shown whole.
 */
export interface SetAsideSummary {
  count: number;
  entries: SetAsideEntry[];
}

/** How many entries an upload's answer lists; the rest are counted. */
export const SET_ASIDE_LISTED = 20;

export function summarizeSetAside(entries: readonly SetAsideEntry[], listed = SET_ASIDE_LISTED): SetAsideSummary {
  return { count: entries.length, entries: entries.slice(0, listed).map(shortEntry) };
}

function shortEntry({ field, target, message }: SetAsideEntry): SetAsideEntry {
  return { field: shortenLongWords(field), ...(target !== undefined ? { target: shortenLongWords(target) } : {}), message: shortenLongWords(message) };
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
