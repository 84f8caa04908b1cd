/**
 * Dashboard pages stream a "Loading and analysing…" state only while the snapshot is really being analysed.
 * A report already in memory renders in the first HTML, with no Suspense boundary: React reveals a streamed
 * boundary no sooner than 300 ms after the first paint, which would hold the graph back on every visit
 * (bench/browser.ts measured it).
 */
import { Suspense, type ReactNode } from "react";
import { ReportLoading } from "@/components/report-loading";
import { analysisProgress, reportIsReady, snapshotMeta } from "@/lib/store/app-store";
import { parseSnapshotParam, type SearchParams } from "@/lib/view/params";
import { isStopRefusal } from "@/lib/store/writes-in-flight";
import { resolveForRequest } from "./load";

export async function WhenReportReady({ searchParams, children }: { searchParams: Promise<SearchParams>; children: ReactNode }) {
  const param = parseSnapshotParam(await searchParams);
  // An invalid id, an empty store or one the stopping server kept from importing the demo renders its message at once;
  // a ready report renders in place.
  const resolved = param.ok
    ? await resolveForRequest(param.id).catch((e: unknown) => {
        if (isStopRefusal(e)) return null;
        throw e;
      })
    : null;
  if (resolved === null || (await reportIsReady(resolved))) return children;
  // The account and its size, known from the store before any analysis, and the step reached when this request came.
  const [meta, progress] = await Promise.all([snapshotMeta(resolved), analysisProgress(resolved)]);
  return <Suspense fallback={<ReportLoading waiting={meta ? { meta, progress } : undefined} />}>{children}</Suspense>;
}
