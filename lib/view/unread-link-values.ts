/**
 * Values of a link that the page cannot read. The URL parsers (url-state.ts) drop them without a word: on the graph
 * `sev=urgent` draws every severity and `findings=yes` every function; on the overview `sort=owner` sorts by severity
 * and `page=x` shows the first page. So a teammate's link (an older version's value, a typo, a hand-edited URL) would
 * show another view than it asked for and pass for it. The page names them instead.
 * So are a malformed viewport, which would open fitted rather than framed as sent, and a param given twice with
 * different values (a hand-edited link, two pasted together), of which the page reads only the first.
 * Region and service values the snapshot lacks are still applied and shown by the filters (filter-choice.ts); a focus
 * or node not in the snapshot by the missing-node notice.
 */
import { SEVERITIES } from "@/lib/analysis/types";
import { MAX_LINK_VALUE } from "./graph-link";
import { parseViewport } from "./share-link";
import { graphUrlState, graphViewUrlState, overviewUrlState, SORT_KEYS } from "./url-state";
import { shortVisibleText } from "./visible-text";
import { INVOKER_KINDS } from "./invoker-kinds";
import { reachActionProblem } from "./reach-question";

/** A link is written by anyone: its values are shown with hidden characters as escapes, and not too long. */
const quoted = (v: string): string => `“${shortVisibleText(v)}”`;
const n = (x: number) => x.toLocaleString("en-US");

/** The note's names of params it does not name by their key. */
const NOTE_NAME: Partial<Record<string, string>> = { sev: "severity", svc: "service", vp: "viewport", q: "search", who: "invoked by", reach: "can reach" };

/** Why a param's value is not read as sent, or null when it is; `pages` is how many the overview's table has. */
type Check = (value: string, pages: number) => string[];

/** One check per param, whichever page reads it: `sev` means the same on the graph and the overview. */
const CHECKS: Partial<Record<string, Check>> = {
  sev: (v) =>
    v
      .split(",")
      .filter((item) => item && graphViewUrlState.sev.parse(item)?.length !== 1)
      .map((item) => `severity ${quoted(item)} (not one of ${SEVERITIES.join(", ")})`),
  who: (v) =>
    v
      .split(",")
      .filter((item) => item && overviewUrlState.who.parse(item)?.length !== 1)
      .map((item) => `invoked by ${quoted(item)} (not one of ${INVOKER_KINDS.join(", ")})`),
  // nuqs reads any value but "true" (in any case) as false.
  findings: (v) => (["true", "false"].includes(v.toLowerCase()) ? [] : [`findings ${quoted(v)} (not true or false)`]),
  limit: (v) => (graphViewUrlState.limit.parse(v) === null ? [`limit ${quoted(v)} (not a whole number)`] : []),
  reach: (v) => {
    const problem = reachActionProblem(v);
    return problem ? [`can reach ${quoted(v)} (${problem}; every function is shown)`] : [];
  },
  // A malformed viewport is dropped for the fitted view: the link's framing is lost, which the sender meant to share.
  vp: (v) => (parseViewport(v) === null ? [`viewport ${quoted(v)} (not x,y,zoom within the canvas's range)`] : []),
  sort: (v) => (overviewUrlState.sort.parse(v) === null ? [`sort ${quoted(v)} (not one of ${SORT_KEYS.join(", ")}; sorted by severity)`] : []),
  dir: (v) => (overviewUrlState.dir.parse(v) === null ? [`dir ${quoted(v)} (not asc or desc; ascending)`] : []),
  // The table shows the nearest page there is (paging.ts pageOf): said, so a link kept from a longer list is not
  // taken for its last page's rows being the ones it pointed at.
  page: (v, pages) => {
    const page = overviewUrlState.page.parse(v);
    if (page === null) return [`page ${quoted(v)} (not a whole number; page 1 is shown)`];
    if (page < 1) return [`page ${quoted(v)} (pages start at 1; page 1 is shown)`];
    if (page > pages) return [`page ${quoted(v)} (there ${pages === 1 ? "is 1 page" : `are ${n(pages)} pages`}; page ${n(pages)} is shown)`];
    return [];
  },
};

/** Which params a page reads, and which of them it reads nothing from when longer than MAX_LINK_VALUE. */
export interface LinkReader {
  keys: readonly string[];
  bounded: readonly string[];
}

/** The graph page: its view's params, and the snapshots it shows and compares (lib/view/params.ts). */
export const GRAPH_LINK: LinkReader = {
  keys: [...Object.keys(graphUrlState), "snapshot", "compare"],
  bounded: [...Object.keys(graphViewUrlState), "vp"],
};

/**
 * A PNG export of a graph link (lib/report-png/graph-query.ts): the graph's params but the viewport and search, which
 * the image does not use (it draws the view fitted, with no search box), so a link whose framing the page could not
 * read still exports.
 */
export const REPORT_LINK: LinkReader = { keys: GRAPH_LINK.keys.filter((k) => k !== "vp" && k !== "q"), bounded: GRAPH_LINK.bounded };

/** The overview page (`/`): its table's params and the snapshot it shows. */
export const OVERVIEW_LINK: LinkReader = { keys: [...Object.keys(overviewUrlState), "snapshot"], bounded: [] };

/**
 * Each unreadable value as the note names it: `severity “urgent” (not one of critical, high, …)`. `pages`, the
 * overview table's page count, judges a `page` past the last one.
 */
export function unreadLinkValues(params: Pick<URLSearchParams, "get" | "getAll">, reader: LinkReader = GRAPH_LINK, pages = 1): string[] {
  const out: string[] = [];
  // Named by length alone: a value of 8,001 characters quoted, even shortened, would fill the note.
  const overLong = new Set(reader.bounded.filter((key) => (params.get(key)?.length ?? 0) > MAX_LINK_VALUE));
  for (const key of overLong) out.push(`${NOTE_NAME[key] ?? key} of ${n(params.get(key)?.length ?? 0)} characters (longer than the ${n(MAX_LINK_VALUE)} a link's value may have)`);
  for (const key of reader.keys) {
    // The page reads the first of a repeated param (URLSearchParams.get), so this does too.
    const value = overLong.has(key) ? null : params.get(key);
    const check = CHECKS[key];
    // An empty value is the param left out to every parser but the boolean's.
    if (value !== null && check && (value !== "" || key === "findings")) out.push(...check(value, pages));
  }
  // A repeated param (a link edited by hand, or two links pasted together): the page reads the first, the rest not.
  for (const key of reader.keys) {
    const all = params.getAll(key);
    if (new Set(all).size > 1) out.push(`${NOTE_NAME[key] ?? key} given ${n(all.length)} times (only the first is read)`);
  }
  return out;
}
