/**
 * GET /api/graph/list?snapshot=<id|latest>&node=ID&list=findings|invokers|reaches|grants|aliases|ways|reachedBy|neighbours&page=N:
 * page N (from 1) of one of a node's long lists (lib/view/graph-view.ts listPage): its findings, worst first, or a
 * function's invokers, what it can reach, the grants that reach nothing or its aliases; an invoker's or event
 * source's ways in, a role's reach, the roles reaching a resource; the nodes any node connects to, a group's members. A node's details carry the first page of each only;
 * the details panel asks here for the others. A group node's members are those of one view: its keys (focus=, sev=,
 * svc=, region=, findings=, limit=, as GET /api/graph takes them) say which.
 */
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { DETAILS_LISTS, graphIndexOf, listPage } from "@/lib/view/graph-view";
import { askedGraphView } from "@/lib/view/asked-graph-view";
import { graphViewUrlState, loadGraphViewState } from "@/lib/view/url-state";
import { invalidQuery, queryIssues } from "@/lib/http/invalid-query";
import { loadReportForRoute } from "../load";
import { guardApi } from "@/lib/auth/guard";

const QuerySchema = z.object({
  node: z.string().min(1).max(100_000),
  list: z.enum(DETAILS_LISTS),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

export async function GET(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  const loaded = await loadReportForRoute(request, [...new Set(["node", "list", "page", ...Object.keys(graphViewUrlState)])]);
  if (loaded instanceof NextResponse) return loaded;
  const params = request.nextUrl.searchParams;
  const query = QuerySchema.safeParse({ node: params.get("node") ?? undefined, list: params.get("list") ?? undefined, page: params.get("page") ?? undefined });
  if (!query.success) return invalidQuery(queryIssues(query.error), loaded.headers);
  const idx = graphIndexOf(loaded.report);
  // A group is drawn, not modelled: the view it is drawn in (its `node` the group) holds it.
  const node =
    idx.byId.get(query.data.node) ??
    (query.data.node.startsWith("group:") ? (await askedGraphView(loaded.report, loaded.snapshotId, loadGraphViewState(params))).visible.nodes.find((n) => n.id === query.data.node && n.groupOf) : undefined);
  if (!node) return NextResponse.json({ error: "no such node in this snapshot" }, { status: 404, headers: loaded.headers });
  const page = listPage(idx, node, query.data.list, query.data.page);
  if (!page) {
    const why = idx.model.functions[node.id] ? "" : ": it is no function";
    return NextResponse.json({ error: `this node has no ${query.data.list} list${why}` }, { status: 404, headers: loaded.headers });
  }
  return NextResponse.json(page, { headers: loaded.headers });
}
