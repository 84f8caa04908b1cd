/** Shared by the /api/graph routes: validate the snapshot param and load its analysed report. */
import { NextResponse, type NextRequest } from "next/server";
import type { AnalysisReport } from "@/lib/analysis/types";
import { reportForApi } from "@/lib/http/report-for-api";
import { SnapshotParamSchema } from "@/lib/view/params";
import { invalidQuery, queryIssues } from "@/lib/http/invalid-query";

export async function loadReportForRoute(
  request: NextRequest,
): Promise<{ report: AnalysisReport; headers: Record<string, string> } | NextResponse> {
  const parsed = SnapshotParamSchema.safeParse(request.nextUrl.searchParams.get("snapshot") || undefined);
  if (!parsed.success) return invalidQuery(queryIssues(parsed.error, "snapshot"));
  const loaded = await reportForApi(parsed.data);
  if (loaded instanceof NextResponse) return loaded;
  return { report: loaded.report, headers: { "X-Snapshot-Id": loaded.meta.id, "Cache-Control": "private, max-age=0, must-revalidate" } };
}
