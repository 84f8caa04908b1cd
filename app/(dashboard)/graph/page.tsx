import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { AppHeader, MAIN_ID } from "@/components/app-header";
import { GraphExplorer } from "@/components/graph/graph-explorer";
import { layoutInputOf } from "@/lib/view/elk-graph";
import { graphFacets, graphIndexOf } from "@/lib/view/graph-view";
import { askedGraphView } from "@/lib/view/asked-graph-view";
import { knownServerLayout } from "@/lib/view/server-layout";
import { firstParam, type SearchParams } from "@/lib/view/params";
import { loadGraphViewState, serializeGraphViewState } from "@/lib/view/url-state";
import { OVERLAY_COOKIE, parseOverlayChoice } from "@/lib/view/overlay-choice";
import { requestWindowSize, WINDOW_COOKIE } from "@/lib/view/window-size";
import { CompareBanner, loadComparison } from "@/components/snapshots/compare-banner";
import { loadForPage } from "../load";
import { WhenReportReady } from "../when-ready";
import { NoReport } from "../no-report";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Graph · Lambda Permissions Graph" };

export default async function GraphPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Here, not only in the layout: a client-side navigation renders the page without it (app/pages-access.test.ts).
  await requirePageUser();
  return (
    <WhenReportReady searchParams={searchParams}>
      <GraphBody searchParams={searchParams} />
    </WhenReportReady>
  );
}

async function GraphBody({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const load = await loadForPage(searchParams);
  if (load.kind !== "ok") return <NoReport load={load} current="graph" />;
  // Only the drawn part of the graph goes to the browser; later views come from /api/graph.
  const index = graphIndexOf(load.loaded.report);
  const sp = await searchParams;
  const state = loadGraphViewState(sp);
  const view = await askedGraphView(load.loaded.report, load.loaded.meta.id, state);
  // A view laid out before comes with its positions, so the browser paints without loading ELK first.
  const layout = knownServerLayout(layoutInputOf(view.visible));
  const initial = { key: serializeGraphViewState(state), view, layout };
  const comparison = await loadComparison(sp, load.loaded);
  const changed = comparison?.kind === "ok" ? comparison.changed : undefined;
  const model = { ...graphFacets(index, load.loaded.meta.id), ...(comparison?.kind === "ok" ? { compareId: comparison.from.id } : {}) };
  const comparedAt = comparison?.kind === "ok" ? comparison.from.capturedAt : undefined;
  const jar = await cookies();
  const overlays = parseOverlayChoice(jar.get(OVERLAY_COOKIE)?.value);
  const windowSize = requestWindowSize(jar.get(WINDOW_COOKIE)?.value, await headers()) ?? undefined;
  if (firstParam(sp.print) === "1") {
    // Print mode (PNG reports): only the canvas; the exporter adds header and legend to the image.
    return (
      <main className="flex h-screen flex-col" data-print="1">
        <h1 className="sr-only">Permissions graph of account {model.account}</h1>
        <GraphExplorer facets={model} initial={initial} changed={changed} comparedAt={comparedAt} />
      </main>
    );
  }
  return (
    <div className="flex h-screen flex-col">
      <AppHeader
        current="graph"
        account={model.account}
        capturedAt={model.capturedAt}
        regions={model.regions}
        snapshotId={load.snapshotId}
      />
      <main id={MAIN_ID} tabIndex={-1} className="flex min-h-0 flex-1 flex-col focus:outline-none">
        <h1 className="sr-only">Permissions graph of account {model.account}</h1>
        {comparison ? <CompareBanner comparison={comparison} /> : null}
        <GraphExplorer facets={model} initial={initial} changed={changed} comparedAt={comparedAt} overlays={overlays} windowSize={windowSize} />
      </main>
    </div>
  );
}
