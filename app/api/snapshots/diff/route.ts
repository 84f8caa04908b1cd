/**
 * GET /api/snapshots/diff?from=<id|latest>&to=<id|latest>: what changed from one stored scan to another (lib/diff);
 * 409 for scans of different accounts or partitions (lib/diff/unrelated-scans.ts). One scan on both sides is a 200
 * with `sameSnapshot: true` and its empty diff, not an error: a script diffing "latest" against a baseline gets an
 * answer until a new scan is stored, and the flag tells it, as the compare page says, that nothing was compared.
 */
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { loadDiff } from "@/lib/store/load-diff";
import { diffBody } from "@/lib/store/compare-loaded";
import { SnapshotParamSchema } from "@/lib/view/params";
import { guardApi } from "@/lib/auth/guard";
import { invalidQuery } from "@/lib/http/invalid-query";
import { parseQuery } from "@/lib/http/query-record";
import { unlessStoreStopping } from "@/lib/http/store-stopping";

const QuerySchema = z.object({ from: SnapshotParamSchema, to: SnapshotParamSchema }).strict();

export async function GET(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  const parsed = parseQuery(QuerySchema, request.nextUrl.searchParams);
  if (!parsed.ok) return invalidQuery(parsed.issues);
  const loaded = await unlessStoreStopping(loadDiff(parsed.data.from, parsed.data.to));
  if (loaded instanceof NextResponse) return loaded;
  if (loaded.kind === "missing") return NextResponse.json({ error: `no snapshot ${loaded.id}` }, { status: 404 });
  // The server's own stored file is bad: a server error, with the reader's reason rather than none.
  if (loaded.kind === "unreadable") return NextResponse.json({ error: loaded.reason }, { status: 500 });
  // Not a diff of every function removed and added: the two sides say which accounts they are.
  if (loaded.kind === "unrelated") return NextResponse.json({ error: loaded.reason, from: loaded.from.meta, to: loaded.to.meta }, { status: 409 });
  return NextResponse.json(diffBody(loaded), { headers: { "Cache-Control": "private, max-age=0, must-revalidate" } });
}
