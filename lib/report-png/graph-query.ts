/**
 * The graph-page query a PNG report renders (/api/report.png, `cli report`): the same params as /graph, read by
 * the page's own parsers (url-state.ts, params.ts), so any link the page draws the export draws the same way; and
 * rebuilt from the parsed values only, so nothing else reaches the headless browser's URL.
 */
import { z } from "zod";
import { SnapshotRefSchema, parseSnapshotParam } from "@/lib/view/params";
import { loadGraphViewState, serializeGraphViewState, type GraphViewState } from "@/lib/view/url-state";
import { unreadLinkValues } from "@/lib/view/unread-link-values";
import { queryIssues } from "@/lib/http/query-issues";

const text = (max: number) => z.string().max(max).optional();

/**
 * Which keys a report takes, and how long each may be: a bound on the work one request can ask for, not a reading
 * of the values (the page's parsers read them below). An unknown key is refused rather than dropped, so a typo
 * (`severity=high`) is not answered with a PNG of every severity.
 */
const ReportKeys = z
  .object({
    snapshot: text(100),
    compare: text(100),
    focus: text(2048),
    node: text(2048),
    sev: text(2000),
    svc: text(2000),
    region: text(2000),
    findings: text(20),
    limit: text(20),
    // Every shared graph URL carries the viewport, and may carry an open search; a report fits the whole view
    // and has no search box, so both are accepted and dropped (never passed on to the browser's URL).
    vp: text(100),
    q: text(2048),
  })
  .strict();

export interface ReportQuery {
  /** A snapshot id or "latest". */
  snapshot: string;
  compare?: string;
  /** The drawn view, exactly as the graph page reads the same URL. */
  view: GraphViewState;
}

export function parseReportQuery(params: URLSearchParams): { ok: true; query: ReportQuery } | { ok: false; issues: string[] } {
  // A repeated key keeps its first value, as the graph page reads it (URLSearchParams.get; Object.fromEntries keeps
  // the last, and the PNG then drew another focus or filter than the same URL shows in the browser).
  const first = new Map<string, string>();
  for (const [key, value] of params) if (!first.has(key)) first.set(key, value);
  const keys = ReportKeys.safeParse(Object.fromEntries(first));
  const snapshot = parseSnapshotParam({ snapshot: first.get("snapshot") });
  // `compare=` with no value is no comparison, as on the page; a value that is no scan id is refused, as a scan
  // not stored is (the page says both in its banner, which the image does not have).
  const rawCompare = first.get("compare") || undefined;
  const compare = rawCompare === undefined ? undefined : SnapshotRefSchema.safeParse(rawCompare);
  // Every reason at once, so a caller fixes the URL in one go. Values the page names in its "not read" note are
  // refused with the note's own words: the page draws the unfiltered view under the note, and the image, which has
  // no such note, would pass for the view the link asked for.
  const issues = [
    ...(keys.success ? [] : queryIssues(keys.error)),
    ...(snapshot.ok ? [] : [`snapshot: ${snapshot.error}`]),
    ...(compare && !compare.success ? queryIssues(compare.error, "compare") : []),
    ...unreadLinkValues(params).map((u) => `cannot read ${u}`),
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
