/**
 * GET /api/graph?snapshot=<id|latest>&node=&focus=&sev=&svc=&region=&findings=&limit=: the drawn part of the
 * graph and the selected node's details for that view state (the graph page's URL keys), as JSON.
 */
import { NextResponse, type NextRequest } from "next/server";
import { graphIndexOf, cachedGraphView } from "@/lib/view/graph-view";
import { graphViewUrlState, loadGraphViewState } from "@/lib/view/url-state";
import { loadReportForRoute } from "./load";
import { guardApi } from "@/lib/auth/guard";

export async function GET(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  const loaded = await loadReportForRoute(request, Object.keys(graphViewUrlState));
  if (loaded instanceof NextResponse) return loaded;
  const state = loadGraphViewState(request.nextUrl.searchParams);
  return NextResponse.json(cachedGraphView(graphIndexOf(loaded.report), state), { headers: loaded.headers });
}
