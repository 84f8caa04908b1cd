/** GET /api/graph/search?snapshot=<id|latest>&q=TEXT: up to 30 nodes of the whole graph matching TEXT (name or ARN). */
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { graphIndexOf } from "@/lib/view/graph-view";
import { searchNodes, searchResultOf } from "@/lib/view/node-search";
import { MAX_SEARCH_TEXT } from "@/lib/view/search-limit";
import { invalidQuery, queryIssues } from "@/lib/http/invalid-query";
import { loadReportForRoute } from "../load";
import { guardApi } from "@/lib/auth/guard";

const SearchText = z.string().max(MAX_SEARCH_TEXT, `q is at most ${MAX_SEARCH_TEXT} characters`).default("");

export async function GET(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  const q = SearchText.safeParse(request.nextUrl.searchParams.get("q") ?? undefined);
  if (!q.success) return invalidQuery(queryIssues(q.error, "q"));
  const loaded = await loadReportForRoute(request, ["q"]);
  if (loaded instanceof NextResponse) return loaded;
  const results = searchNodes(graphIndexOf(loaded.report).model.nodes, q.data).map(searchResultOf);
  return NextResponse.json({ results }, { headers: loaded.headers });
}
