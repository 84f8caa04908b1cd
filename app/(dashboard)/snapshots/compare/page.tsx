import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { AppHeader, MAIN_ID } from "@/components/app-header";
import { formatCaptureTime } from "@/lib/view/capture-time";
import { NOTHING_TO_COMPARE } from "@/lib/view/same-scan";
import { EmptyState } from "@/components/empty-state";
import { CompareForm } from "@/components/snapshots/compare-form";
import { CompareLinkButton } from "@/components/snapshots/compare-link-button";
import { DiffView } from "@/components/snapshots/diff-view";
import { CompareFilter } from "@/components/snapshots/compare-filter";
import { filterDiff } from "@/lib/diff/filter-diff";
import { loadCompareState } from "@/lib/view/url-state";
import { newlyPublic, publicBeforeUnknown } from "@/lib/diff/diff-reports";
import { StoreUnusable } from "@/components/snapshots/store-unusable";
import { getAppStore } from "@/lib/store/app-store";
import { listSnapshotsOrWhy } from "@/lib/store/store-error";
import { loadDiff } from "@/lib/store/load-diff";
import { firstParam, SnapshotParamSchema, type SearchParams } from "@/lib/view/params";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Compare scans · Lambda Permissions Graph" };

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Here, not only in the layout: a client-side navigation renders the page without it (app/pages-access.test.ts).
  await requirePageUser();
  const sp = await searchParams;
  const listed = await listSnapshotsOrWhy(getAppStore().store);
  if (!listed.ok) {
    return (
      <ComparePageFrame>
        <StoreUnusable error={listed.error} />
      </ComparePageFrame>
    );
  }
  const { snapshots } = listed;
  // A side not chosen (the address typed or bookmarked bare) is what the form preselects, the two newest scans (the
  // list is newest first): "latest" for both compared the newest scan with itself, under a form showing two others.
  const from = SnapshotParamSchema.safeParse(firstParam(sp.from) || snapshots[1]?.id);
  const to = SnapshotParamSchema.safeParse(firstParam(sp.to) || snapshots[0]?.id);
  const body = async () => {
    if (!from.success || !to.success) {
      return (
        <EmptyState title="Invalid snapshot id" level={2}>
          <p>Both “from” and “to” must be “latest” or a snapshot id from the list.</p>
        </EmptyState>
      );
    }
    const loaded = await loadDiff(from.data, to.data);
    if (loaded.kind === "missing") {
      return (
        <EmptyState title="Snapshot not found" level={2}>
          <p>
            No stored snapshot has the id <code className="font-mono">{loaded.id}</code>. <Link className="underline" href="/snapshots">Pick from the list</Link>.
          </p>
        </EmptyState>
      );
    }
    if (loaded.kind === "unreadable") {
      return (
        <EmptyState title="Snapshot could not be read" level={2}>
          <p data-testid="snapshot-unreadable">
            A stored snapshot ({loaded.id === "latest" ? "the latest" : <code className="break-all font-mono">{loaded.id}</code>}) no longer reads as a snapshot: {loaded.reason}.{" "}
            <Link className="underline" href="/snapshots">Pick another from the list</Link>.
          </p>
        </EmptyState>
      );
    }
    if (loaded.kind === "unrelated") {
      return (
        <EmptyState title="These scans cannot be compared" level={2}>
          <p data-testid="compare-unrelated">
            From {formatCaptureTime(loaded.from.meta.capturedAt)} (<span className="font-mono">{loaded.from.meta.account}</span>) to{" "}
            {formatCaptureTime(loaded.to.meta.capturedAt)} (<span className="font-mono">{loaded.to.meta.account}</span>): {loaded.reason}.{" "}
            {snapshots.length < 2 ? "Upload or scan another snapshot of one of them first." : "Pick two scans of one account above."}
          </p>
        </EmptyState>
      );
    }
    if (loaded.sameSnapshot) {
      // Not an empty diff: "no changes" would read as two scans that agree.
      return (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700 shadow-sm" data-testid="compare-same">
          Both sides are the same scan ({formatCaptureTime(loaded.to.meta.capturedAt)}, <span className="break-all font-mono">{loaded.to.meta.id}</span>):{" "}
          {NOTHING_TO_COMPARE}.{" "}
          {snapshots.length < 2 ? "Upload or scan a second snapshot first." : "Pick two different scans above."}
        </p>
      );
    }
    // The lists for the functions the filter names; the graph link still outlines every change.
    const shown = filterDiff(loaded.diff, loadCompareState(sp).q);
    const graphQuery = `snapshot=${encodeURIComponent(loaded.to.meta.id)}&compare=${encodeURIComponent(loaded.from.meta.id)}`;
    // Picked the wrong way round, every change reads backwards (a grant made public lists as lost, its finding as
    // fixed), and nothing on the lists says so: the diff is still drawn as asked, under a warning and the way to swap.
    const reversed = Date.parse(loaded.from.meta.capturedAt) > Date.parse(loaded.to.meta.capturedAt);
    return (
      <>
        {reversed ? (
          <p role="note" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="compare-reversed">
            The older scan was captured after the newer one, so every change shows reversed: what was gained shows as lost, new findings as fixed.{" "}
            <Link
              className="font-medium underline"
              href={`/snapshots/compare?from=${encodeURIComponent(loaded.to.meta.id)}&to=${encodeURIComponent(loaded.from.meta.id)}`}
            >
              Swap them
            </Link>
            .
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm text-slate-700" data-testid="compare-facts">
            From {formatCaptureTime(loaded.from.meta.capturedAt)} ({loaded.from.meta.account}) to {formatCaptureTime(loaded.to.meta.capturedAt)} (
            {loaded.to.meta.account})
          </p>
          <CompareLinkButton fromId={loaded.from.meta.id} toId={loaded.to.meta.id} />
        </div>
        <CompareFilter matched={shown.matched} total={shown.total} />
        <DiffView
          diff={shown.diff}
          newlyPublic={newlyPublic(shown.diff, loaded.to.report)}
          publicBeforeUnknown={publicBeforeUnknown(shown.diff, loaded.to.report)}
          graphQuery={graphQuery}
        />
      </>
    );
  };
  return (
    <ComparePageFrame>
      <CompareForm snapshots={snapshots} from={from.success ? from.data : undefined} to={to.success ? to.data : undefined} />
      {await body()}
    </ComparePageFrame>
  );
}

function ComparePageFrame({ children }: { children: ReactNode }) {
  return (
    <>
      <AppHeader current="snapshots" />
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-7xl space-y-6 px-6 py-6 focus:outline-none">
        <h1 className="text-xl font-semibold text-slate-900">Compare scans</h1>
        {children}
      </main>
    </>
  );
}
