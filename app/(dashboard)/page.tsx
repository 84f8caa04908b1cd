import type { Metadata } from "next";
import { AppHeader, formatCaptureTime, MAIN_ID } from "@/components/app-header";
import { AcceptedFindingsNote } from "@/components/overview/accepted-findings";
import { DataGapsNote } from "@/components/overview/data-gaps";
import { ReportDownloads } from "@/components/overview/report-downloads";
import { FunctionsTable } from "@/components/overview/functions-table";
import { SeveritySummary } from "@/components/overview/severity-summary";
import { acceptedView } from "@/lib/view/accepted-findings";
import { dataGaps } from "@/lib/view/data-gaps";
import { overviewOf, tablePage } from "@/lib/view/overview";
import { loadOverviewState } from "@/lib/view/url-state";
import { reachActionNote, reachAskedWithDenied } from "@/lib/view/reach-filter";
import { exactAskerOf } from "@/lib/view/reach-exact";
import { organizationLine } from "@/lib/view/organization-line";
import { urlSearchParamsOf, type SearchParams } from "@/lib/view/params";
import { OVERVIEW_LINK, unreadLinkValues } from "@/lib/view/unread-link-values";
import { UnreadLinkNotice } from "@/components/unread-link-notice";
import { loadForPage } from "./load";
import { WhenReportReady } from "./when-ready";
import { NoReport } from "./no-report";
import { BackFocus } from "@/components/back-focus";
import { requirePageUser } from "@/lib/auth/guard";

/** The root layout's title is the product alone, which did not say which view a tab or a history entry holds. */
export const metadata: Metadata = { title: "Overview · Lambda Permissions Graph" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Here, not only in the layout: a client-side navigation renders the page without it (app/pages-access.test.ts).
  await requirePageUser();
  return (
    <WhenReportReady searchParams={searchParams}>
      <OverviewBody searchParams={searchParams} />
    </WhenReportReady>
  );
}

async function OverviewBody({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const load = await loadForPage(searchParams);
  if (load.kind !== "ok") return <NoReport load={load} current="overview" />;
  const overview = overviewOf(load.loaded.report);
  // The table's rows for the URL's search, filters and sort, at most a page of them: the browser never receives the
  // whole account (docs/large-accounts.md).
  const link = urlSearchParamsOf(await searchParams);
  const state = loadOverviewState(link);
  const asked = await reachAskedWithDenied(load.loaded.report, state, () => exactAskerOf(load.loaded.meta.id));
  const table = tablePage(overview.rows, { ...state, reach: asked?.answers, denied: asked?.denied, reachAskedAs: asked?.askedAs });
  const reachNote = asked ? reachActionNote(state.reach) : undefined;
  // Named after paging: a page past the last is said with the page shown instead.
  const unread = unreadLinkValues(link, OVERVIEW_LINK, table.pages);
  const gaps = dataGaps(load.loaded.report);
  const organization = organizationLine(load.loaded.report.organization);
  const accepted = acceptedView(load.loaded.accepted, load.loaded.report);
  return (
    <>
      <AppHeader
        current="overview"
        account={overview.account}
        capturedAt={overview.capturedAt}
        regions={overview.regions}
        snapshotId={load.snapshotId}
      />
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-7xl space-y-6 px-6 py-6 focus:outline-none">
        <BackFocus />
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Account {overview.account}</h1>
          <p className="mt-1 text-sm text-slate-600" data-testid="overview-facts">
            Captured {formatCaptureTime(overview.capturedAt)} · {overview.regions.length} region
            {overview.regions.length === 1 ? "" : "s"} ({overview.regions.join(", ") || "none"})
          </p>
          {organization ? (
            <p className="mt-1 text-sm text-slate-600" data-testid="overview-organization">
              {organization}
            </p>
          ) : null}
          <ReportDownloads snapshotId={load.loaded.meta.id} functionCount={overview.functionCount} />
          {gaps ? <DataGapsNote gaps={gaps} /> : null}
          {accepted ? <AcceptedFindingsNote view={accepted} /> : null}
        </div>
        <UnreadLinkNotice unread={unread} view="overview" />
        <SeveritySummary counts={overview.counts} functionCount={overview.functionCount} snapshotQuery={load.snapshotQuery} />
        <FunctionsTable page={table} snapshotQuery={load.snapshotQuery} regions={overview.regions} rules={overview.rules} accountInvokers={overview.accountInvokers} regionalAccountInvokers={overview.regionalAccountInvokers} accountInvokerUsers={overview.accountInvokerUsers} usersNotRead={overview.usersNotRead} reachNote={reachNote} />
      </main>
    </>
  );
}
