"use client";
/**
 * The graph page's interactive root. All view state (selected node, focus, filters, open search) lives in the
 * URL through nuqs, so reload, back/forward and shared links restore it. Filtering is client-side and pure
 * (lib/view/visible-graph.ts); layout runs in a worker (use-elk-layout.ts).
 */
import "@xyflow/react/dist/style.css";
import { ReactFlowProvider } from "@xyflow/react";
import { useQueryStates } from "nuqs";
import { useCallback, useEffect, useMemo } from "react";
import type { GraphModel, GraphNodeView } from "@/lib/view/graph-model";
import { graphUrlState } from "@/lib/view/url-state";
import { formatViewport, parseViewport } from "@/lib/view/share-link";
import { indexGraph, selectVisibleGraph } from "@/lib/view/visible-graph";
import { DetailsPanel } from "@/components/details/details-panel";
import { FilterBar, type FilterValues } from "./filter-bar";
import { GraphCanvas } from "./graph-canvas";
import { MissingNodeNotice } from "./missing-node-notice";
import { ExportPngButton } from "./export/export-png-button";
import { SearchDialog } from "./search-dialog";

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** `snapshotId`: the concrete id being shown, which "Copy link" pins; `changed`: nodes to outline (compare). */
export function GraphExplorer({ model, snapshotId, changed }: { model: GraphModel; snapshotId: string; changed?: string[] }) {
  const changedIds = useMemo(() => (changed ? new Set(changed) : undefined), [changed]);
  const [state, setState] = useQueryStates(graphUrlState, { history: "push" });
  const index = useMemo(() => indexGraph(model), [model]);
  const visible = useMemo(
    () =>
      selectVisibleGraph(index, {
        severities: state.sev,
        services: state.svc,
        regions: state.region,
        onlyFindings: state.findings,
        focus: state.focus,
        limit: state.limit,
      }),
    [index, state.sev, state.svc, state.region, state.findings, state.focus, state.limit],
  );
  const selected = state.node
    ? (index.byId.get(state.node) ?? visible.nodes.find((n) => n.id === state.node) ?? null)
    : null;

  const activate = useCallback(
    (node: GraphNodeView) => {
      void setState(node.kind === "function" ? { node: node.id, focus: node.id } : { node: node.id });
    },
    [setState],
  );
  const clearSelection = useCallback(() => void setState({ node: null }), [setState]);
  const missing = [...new Set([state.focus, state.node])].filter((id): id is string => !!id && !index.byId.has(id));
  const onViewportEnd = useCallback(
    (v: { x: number; y: number; zoom: number }) => void setState({ vp: formatViewport(v) }, { history: "replace" }),
    [setState],
  );
  const openSearch = useCallback(() => void setState({ q: "" }), [setState]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === "/" && !e.metaKey && !e.ctrlKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        openSearch();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [openSearch]);

  const filterValues: FilterValues = {
    sev: state.sev,
    svc: state.svc,
    region: state.region,
    findings: state.findings,
    limit: state.limit,
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <FilterBar
        values={filterValues}
        services={model.services}
        regions={model.regions}
        visible={visible}
        focus={visible.focus}
        onChange={(patch) => void setState(patch)}
        onClearFocus={() => void setState({ focus: null })}
        onOpenSearch={openSearch}
      />
      <MissingNodeNotice missing={missing} onClear={() => void setState({ focus: null, node: null })} />
      {!visible.focus && (visible.matching > visible.shown || visible.aggregated) ? (
        <p className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-950" data-testid="aggregation-note">
          {visible.matching > visible.shown
            ? `Showing the ${visible.shown} riskiest of ${visible.matching} matching functions`
            : `Showing all ${visible.shown} matching functions`}
          {visible.aggregated ? ", resources grouped by service" : ""}. Click a function to see its neighbourhood, press{" "}
          <kbd className="font-mono">/</kbd> to jump to any node, or narrow the filters.
        </p>
      ) : null}
      <div className="flex min-h-0 flex-1">
        <ReactFlowProvider>
          <GraphCanvas
            visible={visible}
            changedIds={changedIds}
            selectedId={state.node}
            onActivate={activate}
            onClearSelection={clearSelection}
            initialViewport={parseViewport(state.vp)}
            onViewportEnd={onViewportEnd}
            snapshotId={snapshotId}
            toolbar={<ExportPngButton model={model} visible={visible} filters={filterValues} />}
          />
        </ReactFlowProvider>
        {selected ? (
          <DetailsPanel
            key={selected.id}
            node={selected}
            index={index}
            focused={state.focus === selected.id}
            onClose={clearSelection}
            onFocus={() => void setState({ focus: selected.id })}
            onSelect={(id) => void setState({ node: id })}
          />
        ) : null}
      </div>
      {state.q !== null ? (
        <SearchDialog
          nodes={model.nodes}
          query={state.q}
          onQueryChange={(q) => void setState({ q }, { history: "replace" })}
          onPick={(n) => void setState({ node: n.id, focus: n.id, q: null })}
          onClose={() => void setState({ q: null })}
        />
      ) : null}
    </div>
  );
}
