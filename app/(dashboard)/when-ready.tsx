/**
 * Dashboard pages stream a "Loading and analysing…" state only while the snapshot is really being analysed.
 * A report already in memory renders in the first HTML, with no Suspense boundary: React reveals a streamed
 * boundary no sooner than 300 ms after the first paint, which would hold the graph back on every visit
 * (bench/browser.ts measured it).
 */
import { Suspense, type ReactNode } from "react";
import { ReportLoading } from "@/components/report-loading";
import { AnalysisProgressPoll } from "@/components/analysis-progress";
import { listingReadsSnapshot, reportIsReady, snapshotMeta, startAnalysis } from "@/lib/store/app-store";
import { parseSnapshotParam, type SearchParams } from "@/lib/view/params";
import { isStopRefusal } from "@/lib/store/writes-in-flight";
import { resolveForRequest } from "./load";

type Props = { searchParams: Promise<SearchParams>; children: ReactNode };

export async function WhenReportReady(props: Props) {
  // A served file not read yet: which snapshot "latest" is, and whether it is analysed, is known only once the whole
  // file is parsed (seconds at 10,000 functions). The page paints its waiting state first, never a blank window.
  if (listingReadsSnapshot()) {
    return (
      <Suspense fallback={<ReportLoading />}>
        <ReportOrWaiting {...props} />
      </Suspense>
    );
  }
  return ReportOrWaiting(props);
}

async function ReportOrWaiting({ searchParams, children }: Props) {
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
  // The account and its size, known from the store before any analysis, and the step the analysis this request
  // starts (or joins) has reached: the first HTML says it, not "Reading the snapshot" for a snapshot already read.
  const [meta, progress] = await Promise.all([snapshotMeta(resolved), startAnalysis(resolved)]);
  return (
    <>
      <Suspense fallback={<ReportLoading waiting={meta ? { meta, progress } : undefined} />}>{children}</Suspense>
      {meta ? <AnalysisProgressPoll snapshotId={meta.id} /> : null}
    </>
  );
}
