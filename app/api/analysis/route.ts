/**
 * GET /api/analysis?snapshot=<id|latest>: whether the snapshot's report is ready and, while it is being analysed,
 * the step reached (`{ ready, progress: { done, total, step } | { ahead } | null }`; `{ ahead }` while it waits for
 * that many analyses of other snapshots to finish), for the waiting page's progress bar. Asks only: it never starts
 * an analysis.
 */
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { guardApi } from "@/lib/auth/guard";
import { SnapshotParamSchema } from "@/lib/view/params";
import { invalidQuery } from "@/lib/http/invalid-query";
import { parseQuery } from "@/lib/http/query-record";
import { analysisProgress, reportIsReady } from "@/lib/store/app-store";

const QuerySchema = z.object({ snapshot: SnapshotParamSchema }).strict();

export async function GET(request: NextRequest) {
  const denied = await guardApi(request);
  if (denied) return denied;
  const parsed = parseQuery(QuerySchema, request.nextUrl.searchParams);
  if (!parsed.ok) return invalidQuery(parsed.issues);
  const { snapshot } = parsed.data;
  const [ready, progress] = await Promise.all([reportIsReady(snapshot), analysisProgress(snapshot)]);
  return NextResponse.json({ ready, progress }, { headers: { "Cache-Control": "no-store" } });
}
