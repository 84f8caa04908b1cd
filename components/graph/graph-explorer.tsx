"use client";
/**
 * The graph page's interactive root. All view state (selected node, focus, filters, open search) lives in the
 * URL through nuqs, so reload, back/forward and shared links restore it. The server selects what to draw
 * (lib/view/graph-view.ts: first view in the page, later ones from /api/graph via use-graph-view.ts); layout runs
 * in a worker (use-elk-layout.ts).
 */
import "@xyflow/react/dist/style.css";
import { ReactFlowProvider } from "@xyflow/react";
import { useQueryStates } from "nuqs";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { GraphNodeView } from "@/lib/view/graph-model";
import type { GraphFacets } from "@/lib/view/graph-view";
import { graphStatePatch, graphUrlState, serializeGraphViewState } from "@/lib/view/url-state";
import { layoutInputOf, layoutKey } from "@/lib/view/elk-graph";
import { formatViewport, parseViewport } from "@/lib/view/share-link";
import { unreadLinkValues } from "@/lib/view/unread-link-values";
import type { OverlayChoice } from "@/lib/view/overlay-choice";
import type { WindowSize } from "@/lib/view/window-size";
import { DetailsPanel } from "@/components/details/details-panel";
import { DetailsFailed, detailsFailedText } from "@/components/details/details-failed";
import { plural, viewFunctionsText } from "@/lib/view/count-text";
import { printable } from "@/lib/view/long-words";
import { noMatchText } from "@/lib/view/no-match";
import { FilterBar, type FilterValues } from "./filter-bar";
import { GraphCanvas } from "./graph-canvas";
import { serverStoreInit, toFlowEdges, toFlowNodes } from "./flow-elements";
import { focusBoxes } from "./focus-view";
import { failurePlace } from "./failure-place";
import { MissingNodeNotice } from "./missing-node-notice";
import { UnreadLinkNotice } from "@/components/unread-link-notice";
import { ExportPngButton } from "./export/export-png-button";
import { SearchDialog } from "./search-dialog";
import { focusWhenDrawn, type FocusNode } from "./focus-node";
import { slashShortcutEnabled, useSlashShortcut } from "./slash-shortcut";
import { useGraphView, type InitialGraphView } from "./use-graph-view";

/** `findings` null: on their way from the server. The label is said as the panel's title shows it. */
function detailsSaid(label: string, findings: number | null): string {
  const name = printable(label);
  if (findings === null) return `Loading the details of ${name}…`;
  return `Details of ${name}: ${findings === 0 ? "no findings" : plural(findings, "finding")}.`;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/**
 * `facets.snapshotId`: the concrete id being shown, which "Copy link" pins (and `facets.compareId`, compared with); `changed`: nodes to outline (compare);
 * `overlays`: the legend and minimap as the user left them this session (from its cookie); `windowSize`: the
 * browser's window, from its cookie, which the first view is drawn for.
 */
export function GraphExplorer({
  facets,
  initial,
  changed,
  comparedAt,
  overlays,
  windowSize,
}: {
  facets: GraphFacets;
  initial: InitialGraphView;
  changed?: string[];
  /** Compare mode: the compared scan's capture time, which the PNG report's header names. */
  comparedAt?: string;
  overlays?: OverlayChoice;
  windowSize?: WindowSize;
}) {
  const changedIds = useMemo(() => (changed ? new Set(changed) : undefined), [changed]);
  const [state, setUrlState] = useQueryStates(graphUrlState, { history: "push" });
  // Every change goes through graphStatePatch, so each one that redraws the graph also forgets the old viewport.
  const setState: typeof setUrlState = useCallback((patch, options) => setUrlState(typeof patch === "function" ? patch : graphStatePatch(patch), options), [setUrlState]);
  const { view, redrawing, error, retry } = useGraphView(initial, facets.snapshotId, state);
  const search = useSearchParams();
  const unread = useMemo(() => unreadLinkValues(search), [search]);
  const { visible } = view;
  const [slashShortcut] = useSlashShortcut();
  /** "Find a node": always there, so controls that remove themselves hand keyboard focus to it. */
  const searchButton = useRef<HTMLButtonElement>(null);
  /** The canvas's way of focusing a node (graph-canvas.tsx focusNodeRef), which the details panel returns focus by. */
  const focusNodeRef = useRef<FocusNode | null>(null);
  const focusNode: FocusNode = useCallback((id, orElse) => (focusNodeRef.current ?? focusWhenDrawn)(id, orElse), []);
  /** The details panel lies over the canvas (short narrow windows: 200 % zoom): the canvas leaves Tab's order meanwhile. */
  const [panelCovers, setPanelCovers] = useState(false);
  // A click shows the drawn node at once; its findings follow from the server.
  const drawn = state.node && view.selected?.node.id !== state.node ? visible.nodes.find((n) => n.id === state.node) : undefined;
  const selected = drawn ? { node: drawn, fn: null, findings: [], findingTwins: [], findingTotal: 0, neighbours: [], neighbourTotal: 0 } : state.node ? view.selected : null;
  // A failed request is said once: in the panel's place while the picked node has no details (rather than "Loading"
  // for ever), else in the banner over the previous graph.
  const { view: viewError, details: detailsError } = failurePlace(error, state.node, view.selected?.node.id);
  // The first view, laid out by the server, starts in React Flow's store: the page's HTML already holds the drawn
  // graph, so it is on screen before the scripts load (the same props on the client, so hydration matches), placed
  // for the browser's window, beside the details panel when one is open and with the legend as the first paint shows it.
  const [firstFlow] = useState(() => {
    const { visible } = initial.view;
    if (!initial.layout || initial.layout.key !== layoutKey(layoutInputOf(visible))) return null;
    const nodes = toFlowNodes(visible, initial.layout.positions, state.node, changedIds);
    const edges = toFlowEdges(visible, state.node, initial.layout.positions);
    return serverStoreInit(nodes, edges, {
      window: windowSize,
      besidePanel: selected !== null,
      legend: overlays?.legend,
      focus: focusBoxes(nodes, edges, visible.focus?.id),
    });
  });

  const { centredIn: _, ...firstStore } = firstFlow ?? {};

  const activate = useCallback(
    (node: GraphNodeView) => {
      void setState(node.kind === "function" ? { node: node.id, focus: node.id } : { node: node.id });
    },
    [setState],
  );
  const clearSelection = useCallback(() => void setState({ node: null }), [setState]);
  const openSearch = useCallback(() => void setState({ q: "" }), [setState]);
  // Keyboard focus lands on the picked node, as after Enter on a node: the node that opened the search may not be
  // drawn in the new view, and the search button leaves the user far from the panel. Asked of the canvas, as Back
  // asks it: the picked node's view can take seconds to load and lay out, and a node focused before that view is
  // placed is not drawn in it.
  const pick = useCallback(
    (n: GraphNodeView) => {
      void setState({ node: n.id, focus: n.id, q: null });
      focusNode(n.id);
    },
    [setState, focusNode],
  );
  const onViewportEnd = useCallback(
    (v: { x: number; y: number; zoom: number }) => void setState({ vp: formatViewport(v) }, { history: "replace" }),
    [setState],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === "/" && !e.metaKey && !e.ctrlKey && !e.altKey && !isTyping(e.target) && slashShortcutEnabled()) {
        e.preventDefault();
        openSearch();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [openSearch]);

  const { sev, svc, region, rule, who, reach, on, findings, limit } = state;
  const filterValues: FilterValues = useMemo(() => ({ sev, svc, region, rule, who, reach, on, findings, limit }), [sev, svc, region, rule, who, reach, on, findings, limit]);
  // Says which filters emptied the graph: they may have come from a link or from the overview (carried-filters.ts).
  const noMatch = useMemo(
    () => (
      <>
        <p>{noMatchText(filterValues)}</p>
        <p className="mt-2 text-center">
          <button
            type="button"
            data-testid="graph-clear-filters"
            onClick={() => {
              void setState({ sev: null, svc: null, region: null, rule: null, who: null, reach: null, on: null, findings: null });
              // The button goes with the empty view: focus goes on to "Find a node" rather than to the page's top.
              searchButton.current?.focus();
            }}
            className="pointer-events-auto rounded-md border border-slate-300 bg-white px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            Clear filters
          </button>
        </p>
      </>
    ),
    [filterValues, setState],
  );
  // The canvas draws again only for a prop that changed (graph-canvas.tsx): the export button's element, and the
  // viewport it opens on (read once, at its first layout), are made anew only when what they show changes.
  const [initialViewport] = useState(() => parseViewport(state.vp));
  const toolbar = useMemo(
    () => (
      <ExportPngButton
        facts={facets}
        visible={visible}
        counts={view.counts}
        reachAskedAs={view.reachAskedAs}
        filters={filterValues}
        selectedId={state.node}
        changedIds={changedIds}
        comparedAt={comparedAt}
      />
    ),
    [facets, visible, view.counts, view.reachAskedAs, filterValues, state.node, changedIds, comparedAt],
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <FilterBar
        values={filterValues}
        services={facets.services}
        regions={facets.regions}
        rules={facets.rules}
        visible={visible}
        focus={visible.focus}
        onChange={(patch) => void setState(patch)}
        onClearFocus={() => void setState({ focus: null })}
        onOpenSearch={openSearch}
        searchButtonRef={searchButton}
        reachNote={view.reachNote}
      />
      <UnreadLinkNotice unread={unread} />
      <MissingNodeNotice missing={view.missing} onClear={() => void setState({ focus: null, node: null })} focusAfter={() => searchButton.current} />
      {!visible.focus && (visible.matching > visible.shown || visible.aggregated || visible.invokersGrouped) ? (
        <p className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-950" data-testid="aggregation-note">
          {`Showing ${viewFunctionsText(visible.shown, visible.matching)}`}
          {groupedText(visible)}. Click a function to see its neighbourhood,{" "}
          {slashShortcut ? (
            <>
              press <kbd className="font-mono">/</kbd>
            </>
          ) : (
            "use Find a node"
          )}{" "}
          to jump to any node, or narrow the filters.
        </p>
      ) : null}
      {viewError ? (
        // A 401 is the session's end, which the page's one notice says with the way on: here only what it means for the graph.
        <p role={viewError.signedOut ? undefined : "alert"} className="border-b border-red-200 bg-red-50 px-4 py-1.5 text-xs text-red-900" data-testid="graph-error">
          Could not load this view: {viewError.message}. The graph below is the previous view.
        </p>
      ) : null}
      {/* A floor under the canvas: in a short window (200 % zoom) the page scrolls rather than squeeze the graph to a
          strip with its legend, toolbar and minimap on top of one another. A higher one where the details panel
          takes the lower half (a phone, panel-place.ts): the page scrolls rather than squeeze both. */}
      <div className={`relative flex min-h-[22rem] flex-1 panel-below:flex-col ${selected || detailsError ? "panel-below:min-h-[36rem]" : ""}`}>
        <ReactFlowProvider {...firstStore}>
          <GraphCanvas
            firstPaintCentredIn={firstFlow?.centredIn}
            covered={panelCovers}
            focusNodeRef={focusNodeRef}
            visible={visible}
            loading={redrawing}
            knownLayout={initial.layout}
            changedIds={changedIds}
            selectedId={state.node}
            onActivate={activate}
            onClearSelection={clearSelection}
            initialViewport={initialViewport}
            onViewportEnd={onViewportEnd}
            snapshotId={facets.snapshotId}
            compareId={facets.compareId}
            regions={facets.regions}
            noMatch={noMatch}
            overlays={overlays}
            toolbar={toolbar}
          />
        </ReactFlowProvider>
        {detailsError ? (
          <DetailsFailed
            label={drawn?.label}
            message={detailsError.message}
            signedOut={detailsError.signedOut}
            onRetry={retry}
            onClose={clearSelection}
            focusAfterClose={() => searchButton.current}
          />
        ) : selected ? (
          <DetailsPanel
            key={selected.node.id}
            details={selected}
            snapshotId={facets.snapshotId}
            account={facets.account}
            view={serializeGraphViewState({ ...state, node: null }).slice(1)}
            loading={!!drawn}
            offGraph={!selected.inGroup && !visible.nodes.some((n) => n.id === selected.node.id)}
            focused={state.focus === selected.node.id}
            onClose={clearSelection}
            focusAfterClose={() => searchButton.current}
            focusNode={focusNode}
            onFocus={() => void setState({ focus: selected.node.id })}
            onSelect={(id) => void setState({ node: id })}
            onCoverChange={setPanelCovers}
          />
        ) : null}
      </div>
      {/* Always in the document: says what the panel now holds, which opened beside the node that keeps focus. */}
      <p role="status" className="sr-only" data-testid="details-status">
        {detailsError ? detailsFailedText(drawn?.label, detailsError.signedOut ? null : detailsError.message) : selected ? detailsSaid(selected.node.label, drawn ? null : selected.findingTotal) : ""}
      </p>
      {state.q !== null ? (
        <SearchDialog
          snapshotId={facets.snapshotId}
          query={state.q}
          onQueryChange={(q) => void setState({ q }, { history: "replace" })}
          onPick={pick}
          onClose={() => void setState({ q: null })}
        />
      ) : null}
    </div>
  );
}

/** What the view draws as groups, in the aggregation note: ", resources and crowded invokers grouped by service". */
function groupedText(visible: { aggregated: boolean; invokersGrouped?: true }): string {
  const grouped = [visible.aggregated ? "resources" : "", visible.invokersGrouped ? "crowded invokers" : ""].filter(Boolean);
  return grouped.length ? `, ${grouped.join(" and ")} grouped by service` : "";
}
