/** GET /api/graph/search?snapshot=<id|latest>&q=TEXT: up to 30 nodes of the whole graph matching TEXT (name or ARN). */
import { NextResponse, type NextRequest } from "next/server";
import { graphIndexOf } from "@/lib/view/graph-view";
import { searchNodes } from "@/lib/view/node-search";
import { loadReportForRoute } from "../load";
import { guardApi } from "@/lib/auth/guard";

export async function GET(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  const loaded = await loadReportForRoute(request, ["q"]);
  if (loaded instanceof NextResponse) return loaded;
  const q = (request.nextUrl.searchParams.get("q") ?? "").slice(0, 200);
  return NextResponse.json({ results: searchNodes(graphIndexOf(loaded.report).model.nodes, q) }, { headers: loaded.headers });
}
