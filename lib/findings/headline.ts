/**
 * Finding titles are headlines: the badge tooltip, a row of the findings list, the first sentence of a SARIF
 * message, one line of `analyze --format text`. A title that lists everything stops being read, so lists in titles
 * are fitted to TITLE_MAX and the rest counted; the detail and evidence carry every item a title leaves out.
 */

/** Longest title a rule aims for; names longer than IAM's usual (64-character role names) may still exceed it. */
export const TITLE_MAX = 120;

/** "a, b and 3 more": as many leading items as fit in `room` characters (always at least one), the rest counted. */
export function fitList(items: readonly string[], room: number): string {
  // n non-empty items take at least 3n - 2 characters: start there, not at a list of thousands.
  for (let shown = Math.min(items.length, Math.floor((room + 2) / 3)); shown > 1; shown--) {
    const text = listOf(items, shown);
    if (text.length <= room) return text;
  }
  return listOf(items, Math.min(1, items.length));
}

function listOf(items: readonly string[], shown: number): string {
  const head = items.slice(0, shown).join(", ");
  return shown < items.length ? `${head} and ${items.length - shown} more` : head;
}

/** `prefix + list + suffix` with the list fitted to what is left of TITLE_MAX. */
export function titleWithList(prefix: string, items: readonly string[], suffix = ""): string {
  return `${prefix}${fitList(items, TITLE_MAX - prefix.length - suffix.length)}${suffix}`;
}

/**
 * "dynamodb:GetRecords, GetShardIterator, sqs:SendMessage": the service prefix written once per run of actions of
 * the same service, so a title can name every missing action where the full names would not fit.
 */
export function compactActions(actions: readonly string[]): string[] {
  let service: string | undefined;
  return actions.map((action) => {
    const colon = action.indexOf(":");
    if (colon < 0) {
      service = undefined;
      return action;
    }
    const own = action.slice(0, colon).toLowerCase();
    const short = own === service ? action.slice(colon + 1) : action;
    service = own;
    return short;
  });
}

/**
 * Actions for a title, within `room`: all of them in full when they fit, else all of them with the service written
 * once, else as many of those as fit and a count.
 */
export function fitActions(actions: readonly string[], room: number): string {
  const full = actions.join(", ");
  if (full.length <= room) return full;
  const compact = compactActions(actions);
  return compact.join(", ").length <= room ? compact.join(", ") : fitList(compact, room);
}

/** A sentence's first word, from a phrase written to stand mid-sentence ("any AWS account" → "Any AWS account"). */
export function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Cuts free text (AWS's own messages) at a word boundary to fit `room`, marking the cut with an ellipsis. */
export function clip(text: string, room: number): string {
  if (text.length <= room) return text;
  const cut = text.slice(0, room - 1);
  const space = /\s/.test(text.charAt(room - 1)) ? cut.length : cut.lastIndexOf(" ");
  return `${(space > room / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
