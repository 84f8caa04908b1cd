/**
 * The graph-page query a PNG report renders (/api/report.png, `cli report`): the same params as /graph, read by
 * the page's own parsers (url-state.ts, params.ts), so any link the page draws the export draws the same way; and
 * rebuilt from the parsed values only, so nothing else reaches the headless browser's URL. Its limits are the page's
 * too (MAX_LINK_VALUE): a value past them the page names in its "not read" note, and the export refuses. A param the
 * graph has no use for (a chat tool's `utm_source`, `vp`, `q`) is ignored, as the page ignores it: refused, a link
 * that opened fine failed to export.
 */
import { SnapshotRefSchema, parseSnapshotParam } from "@/lib/view/params";
import { loadGraphViewState, serializeGraphViewState, type GraphViewState } from "@/lib/view/url-state";
import { REPORT_LINK, unreadLinkValues } from "@/lib/view/unread-link-values";
import { queryIssues } from "@/lib/http/query-issues";

export interface ReportQuery {
  /** A snapshot id or "latest". */
  snapshot: string;
  compare?: string;
  /** The drawn view, exactly as the graph page reads the same URL. */
  view: GraphViewState;
}

export function parseReportQuery(params: URLSearchParams): { ok: true; query: ReportQuery } | { ok: false; issues: string[] } {
  // A key repeated with one value is read as the graph page reads it (URLSearchParams.get); repeated with different
  // values the page notes it (only the first read), so it is refused below like any value the page notes.
  const snapshot = parseSnapshotParam({ snapshot: params.get("snapshot") ?? undefined });
  // `compare=` with no value is no comparison, as on the page; a value that is no scan id is refused, as a scan
  // not stored is (the page says both in its banner, which the image does not have).
  const rawCompare = params.get("compare") || undefined;
  const compare = rawCompare === undefined ? undefined : SnapshotRefSchema.safeParse(rawCompare);
  // Every reason at once, so a caller fixes the URL in one go. Values the page names in its "not read" note are
  // refused with the note's own words: the page draws the unfiltered view under the note, and the image, which has
  // no such note, would pass for the view the link asked for.
  const issues = [
    ...(snapshot.ok ? [] : [`snapshot: ${snapshot.error}`]),
    ...(compare && !compare.success ? queryIssues(compare.error, "compare") : []),
    ...unreadLinkValues(params, REPORT_LINK).map((u) => `cannot read ${u}`),
  ];
  if (issues.length || !snapshot.ok) return { ok: false, issues };
  return { ok: true, query: { snapshot: snapshot.id, ...(compare?.success ? { compare: compare.data } : {}), view: loadGraphViewState(params) } };
}

/** `/graph?…&print=1` for this query: the view written by the page's own serializer. */
export function printPath(q: { snapshot: string; compare?: string; view: Partial<GraphViewState> }): string {
  const out = new URLSearchParams();
  if (q.snapshot !== "latest") out.set("snapshot", q.snapshot);
  for (const [key, value] of new URLSearchParams(serializeGraphViewState(q.view))) out.set(key, value);
  if (q.compare) out.set("compare", q.compare);
  out.set("print", "1");
  return `/graph?${out.toString()}`;
}
