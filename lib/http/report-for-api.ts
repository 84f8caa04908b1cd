/**
 * How every API route loads a snapshot's report: the report, or the response that says why not — 404 for an id the
 * store does not hold, 500 with the reader's reason for a stored file that no longer reads (cut short or edited on
 * disk), rather than a bare 500 with no word of what is wrong; 503 when the server, stopping, could not import the
 * demo into an empty store (store-stopping.ts). One shape, as the pages' `reportOutcome`.
 */
import { NextResponse } from "next/server";
import { reportOutcome } from "@/lib/store/app-store";
import type { LoadedReport } from "@/lib/store/report-cache";
import { unlessStoreStopping } from "./store-stopping";

export async function reportForApi(id: string, headers?: Record<string, string>): Promise<LoadedReport | NextResponse> {
  const outcome = await unlessStoreStopping(reportOutcome(id), headers);
  if (outcome instanceof NextResponse) return outcome;
  const init = headers ? { headers } : {};
  if (outcome.kind === "missing") return NextResponse.json({ error: `no snapshot ${id}` }, { status: 404, ...init });
  if (outcome.kind === "unreadable") return NextResponse.json({ error: `snapshot ${id} could not be read: ${outcome.reason}` }, { status: 500, ...init });
  return outcome.loaded;
}
