/**
 * POST /api/scan starts a background scan of the server's AWS account, or joins the one running (202 either
 * way, `joined` says which). GET /api/scan returns the current or last job's state.
 *
 * Progress is polled (GET every ~½ s) rather than streamed with server-sent events: a job outlives any one
 * request, polling needs no long-lived connection through proxies or sign-in middleware, a reloaded tab simply
 * resumes, and the state is a few hundred bytes, so the cost is negligible for a scan that runs seconds to minutes.
 *
 * POST requires a JSON content type: browsers cannot send that cross-site without a CORS preflight, which this
 * route never grants, so another site cannot start scans from a user's browser.
 *
 * A dashboard serving one file read-only (`serve FILE`) refuses POST with 409; a server that began to stop (serve's
 * Ctrl-C or SIGTERM) refuses it with 503, before reading the account.
 */
import { unlessJsonBody } from "@/lib/http/json-body";
import { NextResponse, type NextRequest } from "next/server";
import { connection } from "next/server";
import { checkRateLimit } from "@/lib/http/rate-limit-hook";
import { scanStatus, startScan } from "@/lib/scan/scan-job";
import { guardApi } from "@/lib/auth/guard";
import { readOnlyMessage, servingOneFile } from "@/lib/store/read-only";
import { isStopRefusal } from "@/lib/store/writes-in-flight";
import { SCAN_STOPPING_ANSWER } from "@/lib/store/interrupted";

const noStore = { "Cache-Control": "no-store" };

export async function GET(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  await connection();
  return NextResponse.json({ job: scanStatus() }, { headers: noStore });
}

export async function POST(request: NextRequest) {
  // Access first: an anonymous or foreign-host request learns nothing else about the route.
  const limited = await checkRateLimit("scan", request);
  if (limited) return limited;
  // Refused before starting: the whole account would be read, only for the save to fail at the end.
  if (servingOneFile()) return NextResponse.json({ error: readOnlyMessage("scan") }, { status: 409, headers: noStore });
  await connection();
  const notJson = unlessJsonBody(request);
  if (notJson) return notJson;
  let started;
  try {
    started = startScan();
  } catch (e: unknown) {
    if (!isStopRefusal(e)) throw e;
    return NextResponse.json({ error: SCAN_STOPPING_ANSWER }, { status: 503, headers: noStore });
  }
  const { job, joined } = started;
  return NextResponse.json({ job, joined }, { status: 202, headers: noStore });
}
