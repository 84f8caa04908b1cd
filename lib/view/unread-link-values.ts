/**
 * Graph filter values of a link that the page cannot read. The URL parsers (url-state.ts) drop them without a word:
 * `sev=urgent` draws every severity and `findings=yes` every function, so a teammate's link (an older version's value,
 * a typo, a hand-edited URL) would show another view than it asked for and pass for it. The page names them instead.
 * So are a malformed viewport, which would open fitted rather than framed as sent, and a param given twice with
 * different values (a hand-edited link, two pasted together), of which the page reads only the first.
 * Region and service values the snapshot lacks are still applied and shown by the filters (filter-choice.ts); a focus
 * or node not in the snapshot by the missing-node notice.
 */
import { SEVERITIES } from "@/lib/analysis/types";
import { MAX_LINK_VALUE } from "./graph-link";
import { parseViewport } from "./share-link";
import { graphUrlState, graphViewUrlState } from "./url-state";
import { shortVisibleText } from "./visible-text";

/** A link is written by anyone: its values are shown with hidden characters as escapes, and not too long. */
const quoted = (v: string): string => `“${shortVisibleText(v)}”`;

/** The note's names of params it does not name by their key. */
const NOTE_NAME: Partial<Record<string, string>> = { sev: "severity", svc: "service", vp: "viewport", q: "search" };

/** The link's params the graph page reads: its view's, and the snapshots it shows and compares (lib/view/params.ts). */
const LINK_KEYS = [...Object.keys(graphUrlState), "snapshot", "compare"];

/** Each unreadable value as the note names it: `severity “urgent” (not one of critical, high, …)`. */
export function unreadLinkValues(params: Pick<URLSearchParams, "get" | "getAll">): string[] {
  const out: string[] = [];
  const n = (x: number) => x.toLocaleString("en-US");
  // Named by length alone: a value of 8,001 characters quoted, even shortened, would fill the note.
  const overLong = new Set([...Object.keys(graphViewUrlState), "vp"].filter((key) => (params.get(key)?.length ?? 0) > MAX_LINK_VALUE));
  for (const key of overLong) out.push(`${NOTE_NAME[key] ?? key} of ${n(params.get(key)?.length ?? 0)} characters (longer than the ${n(MAX_LINK_VALUE)} a link's value may have)`);
  // The page reads the first of a repeated param (URLSearchParams.get), so this does too.
  const sev = overLong.has("sev") ? null : params.get("sev");
  if (sev) {
    for (const item of sev.split(",").filter(Boolean)) {
      if (graphViewUrlState.sev.parse(item)?.length !== 1) out.push(`severity ${quoted(item)} (not one of ${SEVERITIES.join(", ")})`);
    }
  }
  // nuqs reads any value but "true" (in any case) as false.
  const findings = overLong.has("findings") ? null : params.get("findings");
  if (findings !== null && !["true", "false"].includes(findings.toLowerCase())) out.push(`findings ${quoted(findings)} (not true or false)`);
  const limit = overLong.has("limit") ? null : params.get("limit");
  if (limit !== null && graphViewUrlState.limit.parse(limit) === null) out.push(`limit ${quoted(limit)} (not a whole number)`);
  // A malformed viewport is dropped for the fitted view: the link's framing is lost, which the sender meant to share.
  const vp = overLong.has("vp") ? null : params.get("vp");
  if (vp !== null && parseViewport(vp) === null) out.push(`viewport ${quoted(vp)} (not x,y,zoom within the canvas's range)`);
  // A repeated param (a link edited by hand, or two links pasted together): the page reads the first, the rest not.
  for (const key of LINK_KEYS) {
    const all = params.getAll(key);
    if (new Set(all).size > 1) out.push(`${NOTE_NAME[key] ?? key} given ${n(all.length)} times (only the first is read)`);
  }
  return out;
}
