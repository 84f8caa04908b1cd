/** Shared by the /api/graph routes: validate the snapshot param and load its analysed report. */
import { NextResponse, type NextRequest } from "next/server";
import type { AnalysisReport } from "@/lib/analysis/types";
import type { GraphView } from "@/lib/view/graph-view";
import { askedGraphView } from "@/lib/view/asked-graph-view";
import { graphViewUrlState, loadGraphViewState } from "@/lib/view/url-state";
import { reportForApi } from "@/lib/http/report-for-api";
import { SnapshotParamSchema } from "@/lib/view/params";
import { invalidQuery, queryIssues } from "@/lib/http/invalid-query";
import { queryRecord } from "@/lib/http/query-record";

/**
 * `keys` are the parameters the route reads besides `snapshot`. Any other is refused as the other API routes refuse
 * one (their zod schemas are strict): a misspelt filter (`severity=critical`) would otherwise answer the unfiltered
 * graph under a 200, as if nothing matched it. So is one given twice with different values (lib/http/query-record.ts).
 */
export async function loadReportForRoute(
  request: NextRequest,
  keys: readonly string[],
): Promise<{ report: AnalysisReport; snapshotId: string; headers: Record<string, string> } | NextResponse> {
  const allowed = new Set(["snapshot", ...keys]);
  const unknown = [...new Set(request.nextUrl.searchParams.keys())].filter((k) => !allowed.has(k));
  if (unknown.length) return invalidQuery(unknown.map((k) => `query: Unrecognized key: ${JSON.stringify(k)}`));
  const single = queryRecord(request.nextUrl.searchParams);
  if (!single.ok) return invalidQuery(single.issues);
  const parsed = SnapshotParamSchema.safeParse(request.nextUrl.searchParams.get("snapshot") || undefined);
  if (!parsed.success) return invalidQuery(queryIssues(parsed.error, "snapshot"));
  const loaded = await reportForApi(parsed.data);
  if (loaded instanceof NextResponse) return loaded;
  return { report: loaded.report, snapshotId: loaded.meta.id, headers: { "X-Snapshot-Id": loaded.meta.id, "Cache-Control": "private, max-age=0, must-revalidate" } };
}

/**
 * GET /api/graph and /api/graph/details: `part` of the view for the graph page's URL keys, both cut from the one view
 * (cachedGraphView), so a selection's details answer what the whole view would have carried.
 */
export async function answerView(request: NextRequest, part: (view: GraphView) => object): Promise<NextResponse> {
  const loaded = await loadReportForRoute(request, Object.keys(graphViewUrlState));
  if (loaded instanceof NextResponse) return loaded;
  const state = loadGraphViewState(request.nextUrl.searchParams);
  return NextResponse.json(part(await askedGraphView(loaded.report, loaded.snapshotId, state)), { headers: loaded.headers });
}
