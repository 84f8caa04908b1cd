/**
 * POST /api/can: one what-if question ("can this function/role/IAM user do ACTION on RESOURCE?") answered by
 * lib/analysis/what-if.ts `ask`, the evaluation the CLI's `can` and the findings use.
 * Body: {snapshot?: id | "latest", principal, action, resource, context?: {key: string | string[]}, contextComplete?}.
 * A body not declared as JSON is a 415 (lib/http/json-body.ts); bad input (JSON, fields, unknown principal) is a 400 with one clear message; a missing snapshot is a 404, a stored
 * one that no longer reads a 500 with the reader's reason.
 */
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ask, QuestionError, QuestionSchema, questionIssue } from "@/lib/analysis/what-if";
import { SnapshotReadError } from "@/lib/snapshot/read";
import { loadAccountModel } from "@/lib/store/account-models";
import { unlessStoreStopping } from "@/lib/http/store-stopping";
import { SnapshotParamSchema } from "@/lib/view/params";
import { guardApi } from "@/lib/auth/guard";
import { unlessJsonBody } from "@/lib/http/json-body";

const MAX_BODY_BYTES = 64 * 1024;

const BodySchema = QuestionSchema.extend({
  snapshot: SnapshotParamSchema,
  context: z
    .record(z.string().min(1).max(256), z.union([z.string().max(4096), z.array(z.string().max(4096)).max(256)], { error: "a context value is a string or an array of strings" }))
    .refine((c) => Object.keys(c).length <= 64, "at most 64 context keys")
    .default({}),
}).strict();

function badRequest(error: string, status = 400) {
  return NextResponse.json({ error }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * The body as text, or null once it passes `limit` bytes: a chunked body announces no length, and request.text()
 * would hold all of it (up to the proxy's upload-sized limit, ~51 MB) before the size could be checked.
 */
async function readBody(request: NextRequest, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function POST(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  const notJson = unlessJsonBody(request);
  if (notJson) return notJson;
  // Refuse a declared oversized body before reading it; readBody stops an undeclared (chunked) one at the limit.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return badRequest(`request body is larger than ${MAX_BODY_BYTES / 1024} KiB`, 413);
  const text = await readBody(request, MAX_BODY_BYTES);
  if (text === null) return badRequest(`request body is larger than ${MAX_BODY_BYTES / 1024} KiB`, 413);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return badRequest("request body is not valid JSON");
  }
  const parsed = BodySchema.safeParse(raw);
  if (!parsed.success) {
    return badRequest(questionIssue(parsed.error, "body").text);
  }
  const { snapshot, ...question } = parsed.data;
  let loaded;
  try {
    loaded = await unlessStoreStopping(loadAccountModel(snapshot));
  } catch (e: unknown) {
    // The server's own stored file no longer reads: a 500 with the reader's reason, as every other route gives.
    if (e instanceof SnapshotReadError) return badRequest(`snapshot ${snapshot} could not be read: ${e.message}`, 500);
    throw e;
  }
  if (loaded instanceof NextResponse) return loaded;
  if (!loaded) return badRequest(`no snapshot ${snapshot}`, 404);
  try {
    const answer = ask(loaded.model, question);
    return NextResponse.json({ snapshotId: loaded.snapshotId, ...answer }, { headers: { "Cache-Control": "no-store" } });
  } catch (e: unknown) {
    if (e instanceof QuestionError) return badRequest(e.message);
    throw e;
  }
}
