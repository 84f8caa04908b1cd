/**
 * GET /api/actions?q=sqs:Rec&limit=20: IAM actions from the catalog (lib/catalog/actions.ts) whose names start
 * with q, case-insensitively, shortest first, for the what-if box's completion. At most 50 results.
 */
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { completeActions } from "@/lib/catalog/actions";
import { guardApi } from "@/lib/auth/guard";
import { invalidQuery } from "@/lib/http/invalid-query";
import { parseQuery } from "@/lib/http/query-record";

const QuerySchema = z
  .object({
    q: z.string().trim().max(128, "q is at most 128 characters").default(""),
    limit: z.coerce.number().int("limit must be a whole number").min(1).max(50, "limit is at most 50").default(20),
  })
  .strict();

export async function GET(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  const parsed = parseQuery(QuerySchema, request.nextUrl.searchParams);
  if (!parsed.ok) return invalidQuery(parsed.issues);
  const { q, limit } = parsed.data;
  // An empty prefix would list the whole catalog: ask for at least a service prefix's first letter.
  const actions = q === "" ? [] : completeActions(q, limit);
  return NextResponse.json({ actions }, { headers: { "Cache-Control": "public, max-age=3600" } });
}
