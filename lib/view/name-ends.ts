/**
 * Names cut to fit keep both ends: the functions, roles and ARNs of one account often share their start
 * (`orders-…`, `arn:aws:sns:us-east-1:…`) and differ at the end (`…-processor`, `…:order-events`), which a cut at the end
 * lost.
 */

const ELLIPSIS = "…";

/** A cut at `i` that does not split a surrogate pair (an emoji in a tag-derived name): moved one unit towards `toward`. */
function safeCut(text: string, i: number, toward: -1 | 1): number {
  const code = text.charCodeAt(i);
  return i > 0 && i < text.length && code >= 0xdc00 && code <= 0xdfff ? i + toward : i;
}

/**
 * `text` in at most `max` UTF-16 units: whole when it fits, else its start and its end with "…" between, the end
 * given two thirds of the room, as it tells names apart. From 5 units each end keeps at least one character, an emoji's two units too; below 3 there is
 * no room for both ends around the ellipsis, and the start is kept.
 */
export function middleEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 3) return text.slice(0, safeCut(text, Math.max(0, max - 1), -1)) + ELLIPSIS;
  const room = max - 1;
  const kept = Math.max(1, Math.floor(room / 3));
  // An emoji first would leave no start at all: it is kept whole, and the end gives up the unit.
  const head = safeCut(text, kept, -1) || safeCut(text, kept, 1);
  const tail = safeCut(text, text.length - (room - head), 1);
  return text.slice(0, head) + ELLIPSIS + text.slice(tail);
}

/** At most how long the end a one-line node name always shows is: about 100 px of its 180, leaving the start the rest. */
export const NAME_TAIL = 14;
/**
 * Names up to this long fit a node's line whole (20 of DejaVu Sans's widest lowercase letters at 14 px are 170 px):
 * they are not split.
 */
export const FITS_WHOLE = 20;

/** Where a name is split: how long it may be whole, at most how long its tail is, and what parts it is made of. */
export interface NameRoom {
  fitsWhole: number;
  tail: number;
  separator: RegExp;
}

/**
 * A name on one line, its head and tail side by side: separators are hyphens and underscores in function names,
 * slashes and colons in ARNs.
 */
export const ONE_LINE: NameRoom = { fitsWhole: FITS_WHOLE, tail: NAME_TAIL, separator: /[-_./:]/ };
/**
 * A name on two lines (a resource's, a group's), the head on the first and the tail the whole second: resource names
 * read "logs: log-group:/aws/lambda/…", group names "account · 1,000 invokers", so a space separates parts too. The
 * browser's own wrap broke after "logs:" and clamped the rest at its end, where the function's name is.
 */
export const TWO_LINES: NameRoom = { fitsWhole: FITS_WHOLE, tail: FITS_WHOLE, separator: /[-_./:\s]/ };

/**
 * A name split where the node draws it in two pieces: the head, cut by CSS with "…" to what fits, and the tail, kept
 * whole after it (`orders-payment-reco…-processor`) or under it. The tail is as many whole last parts (each with its
 * separator) as fit in `room.tail` units; the last `room.tail` units when those parts are under half of it
 * (`…checkout-api:*`, not `…-api:*`) or the last part alone is longer.
 */
export function nameEnds(name: string, room: NameRoom = ONE_LINE): { head: string; tail: string } {
  if (name.length <= room.fitsWhole) return { head: name, tail: "" };
  let at = name.length - room.tail;
  for (let i = at; i < name.length - 1; i++) {
    if (room.separator.test(name[i]!)) {
      if (name.length - i >= room.tail / 2) at = i;
      break;
    }
  }
  at = safeCut(name, at, 1);
  return { head: name.slice(0, at), tail: name.slice(at) };
}
