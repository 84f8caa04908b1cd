import type { Metadata } from "next";
import { AppHeader } from "@/components/app-header";
import { GraphExplorer } from "@/components/graph/graph-explorer";
import { buildGraphModel } from "@/lib/view/graph-model";
import { firstParam, type SearchParams } from "@/lib/view/params";
import { CompareBanner, loadComparison } from "@/components/snapshots/compare-banner";
import { loadForPage } from "../load";
import { NoReport } from "../no-report";

export const metadata: Metadata = { title: "Graph · Lambda Permissions Graph" };

export default async function GraphPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const load = await loadForPage(searchParams);
  if (load.kind !== "ok") return <NoReport load={load} current="graph" />;
  const model = buildGraphModel(load.loaded.report);
  const sp = await searchParams;
  const comparison = await loadComparison(sp, load.loaded);
  if (firstParam(sp.print) === "1") {
    // Print mode (PNG reports): only the canvas; the exporter adds header and legend to the image.
    return (
      <main className="flex h-screen flex-col" data-print="1">
        <h1 className="sr-only">Permissions graph of account {model.account}</h1>
        <GraphExplorer model={model} snapshotId={load.loaded.meta.id} changed={comparison?.kind === "ok" ? comparison.changed : undefined} />
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
      <main className="flex min-h-0 flex-1 flex-col">
        <h1 className="sr-only">Permissions graph of account {model.account}</h1>
        {comparison ? <CompareBanner comparison={comparison} /> : null}
        <GraphExplorer model={model} snapshotId={load.loaded.meta.id} changed={comparison?.kind === "ok" ? comparison.changed : undefined} />
      </main>
    </div>
  );
}
