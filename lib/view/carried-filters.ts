/**
 * The filters that follow the user between the overview and the graph tabs: severity, finding rule, who may invoke
 * and the "Can do" question (`reach`, `on`), which both pages read and match alike (url-state.ts
 * `functionFilterParsers`, function-filter.ts). A reader
 * who narrowed the table to "functions the public can invoke with high findings" found the whole account on the
 * graph tab, and the other way round. The table's search, sort and page, and the graph's service, region, focus and
 * viewport, mean nothing on the other page and stay behind.
 */
import { createLoader, createParser, createSerializer } from "nuqs/server";
import { MAX_LINK_URL } from "./graph-link";
import { reachActionProblem } from "./reach-question";
import { functionFilterParsers } from "./url-state";

/** A `reach` either page asks (one the page names as unread is no question the other could answer). */
const askedReach = createParser({ parse: (v) => (reachActionProblem(v) ? null : v), serialize: (v: string) => v });

const carried = {
  sev: functionFilterParsers.sev.withDefault([]),
  rule: functionFilterParsers.rule.withDefault([]),
  who: functionFilterParsers.who.withDefault([]),
  reach: askedReach.withDefault(""),
  on: functionFilterParsers.on.withDefault(""),
};
const loadCarried = createLoader(carried);
const serializeCarried = createSerializer(carried);

/**
 * `base` (`/` or `/graph`, with its `?snapshot=` when pinned) with the filters `search` holds that the other page
 * reads too: only values either page reads (a `sev=urgent` the page named as unread is not carried into a view that
 * would apply nothing for it). `base` alone when the link would pass MAX_LINK_URL, as the graph's links do.
 */
export function carriedHref(base: string, search: URLSearchParams): string {
  const values = loadCarried(search);
  // A resource without its action asks nothing.
  const href = serializeCarried(base, values.reach ? values : { ...values, on: "" });
  return href.length <= MAX_LINK_URL ? href : base;
}
