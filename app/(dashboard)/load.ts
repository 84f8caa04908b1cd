/** Shared page loading: validate the snapshot param, load and analyse through lib/store. */
import { cache } from "react";
import { reportOutcome, resolveSnapshotId } from "@/lib/store/app-store";
import type { LoadedReport } from "@/lib/store/report-cache";
import { parseSnapshotParam, urlSearchParamsOf, type SearchParams } from "@/lib/view/params";
import { isStopRefusal } from "@/lib/store/writes-in-flight";
import { DEMO_NOT_IMPORTED_ANSWER } from "@/lib/store/interrupted";

export type PageLoad =
  | { kind: "ok"; loaded: LoadedReport; snapshotId: string; snapshotQuery: string }
  /** `search`: the page's query string, so "open the latest snapshot" can keep the rest of the view. */
  | { kind: "invalid"; error: string; search: string }
  | { kind: "missing"; snapshotId: string; search: string }
  /** `snapshotId`: the stored one that could not be read ("latest" resolved); `reason`: what is wrong with it. */
  | { kind: "unreadable"; snapshotId: string; requested: string; reason: string; search: string }
  /** The server began to stop before an empty store could import the demo (lib/http/store-stopping.ts). */
  | { kind: "stopping"; reason: string };

/**
 * "latest" resolved once per request (React's cache), so the readiness check (when-ready.tsx) and the page's load
 * list the store once and agree on the snapshot even when a scan lands in between.
 */
export const resolveForRequest = cache((id: string) => resolveSnapshotId(id));

export async function loadForPage(searchParams: Promise<SearchParams>): Promise<PageLoad> {
  const sp = await searchParams;
  const param = parseSnapshotParam(sp);
  if (!param.ok) return { kind: "invalid", error: param.error, search: toSearch(sp) };
  let resolved, outcome;
  try {
    resolved = await resolveForRequest(param.id);
    outcome = resolved === null ? ({ kind: "missing" } as const) : await reportOutcome(resolved);
  } catch (e: unknown) {
    if (!isStopRefusal(e)) throw e;
    return { kind: "stopping", reason: DEMO_NOT_IMPORTED_ANSWER };
  }
  if (outcome.kind === "missing") return { kind: "missing", snapshotId: param.id, search: toSearch(sp) };
  if (outcome.kind === "unreadable") return { kind: "unreadable", snapshotId: resolved ?? param.id, requested: param.id, reason: outcome.reason, search: toSearch(sp) };
  const { loaded } = outcome;
  const snapshotQuery = param.id === "latest" ? "" : `snapshot=${encodeURIComponent(param.id)}&`;
  return { kind: "ok", loaded, snapshotId: param.id, snapshotQuery };
}

function toSearch(sp: SearchParams): string {
  return urlSearchParamsOf(sp).toString();
}
