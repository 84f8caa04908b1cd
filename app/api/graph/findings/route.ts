/**
 * GET /api/graph/findings?snapshot=<id|latest>&node=ID&page=N: page N (from 1) of a node's findings, worst first
 * (lib/view/graph-view.ts findingsPage). A node's details carry the first page only; the details panel asks here for
 * the others.
 */
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { findingsPage, graphIndexOf } from "@/lib/view/graph-view";
import { invalidQuery, queryIssues } from "@/lib/http/invalid-query";
import { loadReportForRoute } from "../load";
import { guardApi } from "@/lib/auth/guard";

const QuerySchema = z.object({
  node: z.string().min(1).max(100_000),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

export async function GET(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  const loaded = await loadReportForRoute(request, ["node", "page"]);
  if (loaded instanceof NextResponse) return loaded;
  const params = request.nextUrl.searchParams;
  const query = QuerySchema.safeParse({ node: params.get("node") ?? undefined, page: params.get("page") ?? undefined });
  if (!query.success) return invalidQuery(queryIssues(query.error), loaded.headers);
  const idx = graphIndexOf(loaded.report);
  const node = idx.byId.get(query.data.node);
  if (!node) return NextResponse.json({ error: "no such node in this snapshot" }, { status: 404, headers: loaded.headers });
  return NextResponse.json(findingsPage(idx, node, query.data.page), { headers: loaded.headers });
}
