/** GET /api/report?snapshot=<id|latest>: the analysis report (cli.md's `analyze --format json`) as JSON. */
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { guardApi } from "@/lib/auth/guard";
import { reportForApi } from "@/lib/http/report-for-api";
import { SnapshotParamSchema } from "@/lib/view/params";
import { invalidQuery, queryIssues } from "@/lib/http/invalid-query";

const QuerySchema = z.object({ snapshot: SnapshotParamSchema }).strict();

export async function GET(request: NextRequest) {
  const denied = await guardApi(request, { rateLimit: { name: "report", limit: 60, windowMs: 60_000 } });
  if (denied) return denied;
  const parsed = QuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return invalidQuery(queryIssues(parsed.error));
  const loaded = await reportForApi(parsed.data.snapshot);
  if (loaded instanceof NextResponse) return loaded;
  return NextResponse.json(loaded.report, {
    headers: { "X-Snapshot-Id": loaded.meta.id, "Cache-Control": "private, max-age=0, must-revalidate" },
  });
}
