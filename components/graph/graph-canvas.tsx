"use client";
/**
 * The React Flow canvas: lays out the visible graph (ELK in a worker), draws custom nodes per kind, labelled
 * edges, minimap, controls and legend. Only visible elements render. Keeps the previous drawing while a new
 * layout is computed.
 */
import {
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type NodeMouseHandler,
  type EdgeTypes,
  type NodeTypes,
  type Viewport,
} from "@xyflow/react";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";
import type { GraphNodeView } from "@/lib/view/graph-model";
import type { VisibleGraph } from "@/lib/view/visible-graph";
import { columnLayout, layoutInputOf, layoutKey, type KnownLayout } from "@/lib/view/elk-graph";
import { SEVERITY_HEX } from "@/components/severity-style";
import { noFunctionsText } from "@/lib/view/no-functions";
import { plural } from "@/lib/view/count-text";
import type { FlowEdge, FlowNode } from "./flow-types";
import { boundsOf, CANVAS_ZOOM, firstPaintCentringCss, fitViewOptions, legendFits, legendRoom, openingViewport, toFlowEdges, toFlowNodes } from "./flow-elements";
import { MINIMAP_BOX, minimapCovers } from "./overlay-room";
import { focusBoxes } from "./focus-view";
import { useOverlayToggle } from "./overlay-toggle";
import { KeyboardHelp } from "./keyboard-help";
import { useNodeKeys } from "./use-node-keys";
import { focusIsFree, focusWhenDrawn, nodeIdOf, type FocusNode } from "./focus-node";
import { useFocusRingZoom } from "./focus-ring-zoom";
import { sameViewport } from "@/lib/view/share-link";
import type { OverlayChoice } from "@/lib/view/overlay-choice";
import { Legend } from "./legend";
import { ShareLinkButton } from "./share-link-button";
import { SkipNodesLink } from "./skip-nodes-link";
import { useElkLayout, type LayoutResult } from "./use-elk-layout";
import { EventSourceNode } from "./nodes/event-source-node";
import { FunctionNode } from "./nodes/function-node";
import { PrincipalNode } from "./nodes/principal-node";
import { ResourceNode } from "./nodes/resource-node";
import { RoleNode } from "./nodes/role-node";
import { LabelledEdge } from "./labelled-edge";

const nodeTypes = {
  function: FunctionNode,
  role: RoleNode,
  principal: PrincipalNode,
  resource: ResourceNode,
  "event-source": EventSourceNode,
} satisfies NodeTypes;

const edgeTypes = { labelled: LabelledEdge } satisfies EdgeTypes;

const ARIA_LABEL_CONFIG = {
  "node.a11yDescription.default": "Press Enter to show this node's details, and again to go to them. Arrow keys move to the next node that way.",
};

export const KIND_MINIMAP: Record<GraphNodeView["kind"], string> = {
  principal: "#c4b5fd",
  "event-source": "#99f6e4",
  function: "#bae6fd",
  role: "#cbd5e1",
  resource: "#a7f3d0",
};

function minimapColor(node: FlowNode): string {
  const view = node.data.view;
  return view.badge ? SEVERITY_HEX[view.badge.severity] : KIND_MINIMAP[view.kind];
}

/** A pan that brings a picked node in glides, unless the system asks for reduced motion (then it jumps). */
function panDuration(): number {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : 200;
}

interface Shown {
  visible: VisibleGraph;
  layout: LayoutResult;
}

export interface GraphCanvasProps {
  visible: VisibleGraph;
  /** A new view is being fetched: the drawing is about to change. */
  loading?: boolean;
  /** Positions the server computed for the first view. */
  knownLayout?: KnownLayout | null;
  selectedId: string | null;
  /** Nodes changed since a compared scan (`compare=` in the URL): outlined. */
  changedIds?: ReadonlySet<string>;
  onActivate: (node: GraphNodeView) => void;
  onClearSelection: () => void;
  /** From a shared link: used instead of fitting for the first layout drawn. */
  initialViewport?: Viewport | null;
  /** After the user pans or zooms (not after programmatic fits), so the URL keeps the viewport. */
  onViewportEnd?: (viewport: Viewport) => void;
  snapshotId: string;
  /** The concrete id of the scan compared with (`compare=`), which Copy link pins like snapshotId. */
  compareId?: string;
  /** The snapshot's regions, named when it has no functions at all. */
  regions?: string[];
  /** What an empty view of a snapshot that has functions says instead (which filters emptied it, and a way out). */
  noMatch?: ReactNode;
  /** Buttons drawn over the canvas (inside the React Flow provider), e.g. Export PNG. */
  toolbar?: ReactNode;
  /** The user's own choice of open legend and minimap this browser session (lib/view/overlay-choice.ts). */
  overlays?: OverlayChoice;
  /** The canvas height the server centred its first view in, if it did (flow-elements.ts serverStoreInit). */
  firstPaintCentredIn?: number;
  /**
   * The details panel lies over the canvas: its nodes and buttons, hidden, leave Tab's order and the accessibility
   * tree (Shift+Tab from the panel went on to controls no one could see).
   */
  covered?: boolean;
  /**
   * Set by the canvas to its way of giving a node keyboard focus: once the view the page shows is drawn and placed,
   * panned to bring the node in.
   */
  focusNodeRef?: RefObject<FocusNode | null>;
}

/**
 * Drawn again only when a prop changes (the page keeps them stable): a commit hands React Flow every node and edge,
 * and on a view of hundreds of them that was most of a click's cost, once for the selection and once more when its
 * details arrived, which change nothing drawn here.
 */
export const GraphCanvas = memo(function GraphCanvas({
  visible,
  loading = false,
  knownLayout,
  selectedId,
  changedIds,
  onActivate,
  onClearSelection,
  initialViewport,
  onViewportEnd,
  snapshotId,
  compareId,
  regions = [],
  noMatch,
  toolbar,
  overlays = {},
  firstPaintCentredIn,
  covered = false,
  focusNodeRef,
}: GraphCanvasProps) {
  const input = useMemo(() => layoutInputOf(visible), [visible]);
  const key = useMemo(() => layoutKey(input), [input]);
  const { layout, pending } = useElkLayout(input, key, knownLayout);
  const [shown, setShown] = useState<Shown | null>(() => (layout && layout.key === key ? { visible, layout } : null));
  useEffect(() => {
    if (layout && layout.key === key) setShown((s) => (s?.visible === visible && s.layout === layout ? s : { visible, layout }));
  }, [layout, key, visible]);

  const nodes = useMemo<FlowNode[]>(
    () => (shown ? toFlowNodes(shown.visible, shown.layout.positions, selectedId, changedIds) : []),
    [shown, selectedId, changedIds],
  );
  const edges = useMemo<FlowEdge[]>(() => (shown ? toFlowEdges(shown.visible, selectedId, shown.layout.positions) : []), [shown, selectedId]);

  const rf = useReactFlow();
  const store = useStoreApi<FlowNode, FlowEdge>();
  // A store started with the server's first view (flow-elements.ts serverStoreInit) also queues a fit for when the
  // nodes are set, which would undo the viewport placed below; dropped before React Flow's own effects run. Its zoom
  // limits were pinned to that view's zoom, and <ReactFlow maxZoom> cannot undo that: React Flow skips a maxZoom
  // equal to its default (2), which left Zoom In disabled at the opening zoom. The view itself does not move.
  useLayoutEffect(() => {
    store.setState({ fitViewQueued: false, fitViewOptions: undefined });
    const { setMinZoom, setMaxZoom } = store.getState();
    setMinZoom(CANVAS_ZOOM.min);
    setMaxZoom(CANVAS_ZOOM.max);
  }, [store]);
  // The minimap is a navigation aid for a page that responds: drawn once hydrated, it stays out of the server
  // HTML's first paint (a second SVG of every node).
  const [interactive, setInteractive] = useState(false);
  useEffect(() => setInteractive(true), []);
  const containerRef = useRef<HTMLDivElement>(null);
  // Open where the first view leaves it a readable zoom beside it (overlay-room.ts), unless the user chose.
  const legend = useOverlayToggle("legend", overlays.legend);
  // The canvas width from which the first paint shows the legend open: for the view the server draws, or, not laid
  // out yet, for its columns as the fallback layout places them (ELK's may come out a little wider).
  const [firstPaintRoom] = useState(() =>
    Math.ceil(legendRoom(boundsOf(toFlowNodes(visible, shown?.layout.positions ?? columnLayout(input), null)).width)),
  );
  // Before the browser paints the hydrated page: the legend takes the state the first paint's CSS gave it.
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (el) legend.settle(el.getBoundingClientRect().width >= firstPaintRoom);
    // Once, on mount: settle only touches refs and setters.
  }, []);
  // Shown unless it would cover nodes of the opening view (a node under it is one the view was placed to show).
  const minimap = useOverlayToggle("minimap", overlays.minimap);
  const shownKey = shown?.layout.key;
  // "ready" (data-layout) only once this layout is painted and fitted in the browser, never in server HTML.
  const [paintedKey, setPaintedKey] = useState<string | null>(null);
  const pendingInitialViewport = useRef(initialViewport ?? null);
  /** Where the current pan or zoom gesture started. */
  const moveStart = useRef<Viewport | null>(null);
  useEffect(() => {
    if (!shownKey) return;
    const frame = requestAnimationFrame(() => {
      const restore = pendingInitialViewport.current;
      pendingInitialViewport.current = null;
      const el = containerRef.current;
      const nodes = rf.getNodes();
      const bounds = rf.getNodesBounds(nodes);
      if (el && bounds.width > 0) {
        const [width, height] = [el.clientWidth, el.clientHeight];
        const legendOpen = legend.suggest(legendFits(bounds, width));
        const focus = focusBoxes(nodes, rf.getEdges(), shown?.visible.focus?.id);
        const viewport = restore ?? openingViewport(bounds, width, height, legendOpen, focus);
        minimap.suggest(!minimapCovers(nodes, viewport, width, height));
        void rf.setViewport(viewport);
      } else if (restore) void rf.setViewport(restore);
      else void rf.fitView(fitViewOptions(legend.openRef.current !== false));
      // In the DOM directly, in the same frame as the view: a state update would reach it a frame later, and for that
      // frame the first paint's centring would move the new view (firstPaintCentringCss).
      if (el) el.dataset.placed = "true";
      performance.mark("lpg:graph-painted");
      setPaintedKey(shownKey);
    });
    return () => cancelAnimationFrame(frame);
    // Once per layout: legend and minimap are new objects each render, but their suggest only touches refs and setters.
  }, [shownKey, rf]);

  const busy = loading || pending || !shown;
  // A view the page waited for (elkjs takes seconds on a big account) is said done once, in the status region, when it
  // is drawn; the server's laid-out first view was never waited for, so nothing is said of it.
  // Hydration's own moment of busy, before anything was painted, is no wait; and the view is done once the current
  // input's layout is painted (a loaded view first redraws the old layout, then lays out the new).
  const [waited, setWaited] = useState(false);
  if (busy && paintedKey !== null && !waited) setWaited(true);
  const drawn = !busy && paintedKey === key;
  const status = busy ? (loading ? "Loading view…" : "Laying out graph…") : waited && drawn ? `Graph laid out: ${plural(nodes.length, "node")} drawn.` : "";
  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback((_, node) => onActivate(node.data.view), [onActivate]);
  const onMoveStart = useCallback((_: unknown, viewport: Viewport) => (moveStart.current = viewport), []);
  const onMoveEnd = useCallback(
    (event: MouseEvent | TouchEvent | null, viewport: Viewport) => {
      // event is null for programmatic moves (fit, restore). A click on a node or the pane is a pan gesture that
      // moved nothing; its end arrives after the click's own URL change (a focus, which drops vp) and must not
      // write the old viewport back.
      if (event && !sameViewport(moveStart.current, viewport)) onViewportEnd?.(viewport);
    },
    [onViewportEnd],
  );
  useFocusRingZoom(containerRef);
  // Every commit of the canvas counted in the DOM (data-commits), by an effect, so counting draws none: e2e and the
  // bench read it to see that a click redraws the canvas for its selection only, not again when the details arrive.
  const commits = useRef(0);
  useEffect(() => {
    if (containerRef.current) containerRef.current.dataset.commits = String(++commits.current);
  });
  const nodeKeys = useNodeKeys({ nodes, selectedId, onActivate, onClearSelection, canvasRef: containerRef, legendOpenRef: legend.openRef, minimapOpenRef: minimap.openRef });
  // A node picked (click, Enter) opens the details panel, which from Tailwind's lg sits beside the canvas and narrows
  // it by its width (details-panel.tsx): a node near the right edge ended under where the panel now is, cut at the
  // canvas's edge, and React Flow, drawing only the nodes in view, dropped it and the keyboard focus on it. Brought in
  // before the narrower canvas is painted (the panel is in the page by now); a glide (not with reduced motion) starts
  // where the node is out of view, so focus that was on it is put back once it is drawn again. Not for the selection
  // the page opened with: its view is placed for the panel already, or is a shared link's own viewport.
  const opening = useRef(true);
  useLayoutEffect(() => {
    if (opening.current) return void (opening.current = false);
    if (!selectedId) return;
    const hadFocus = nodeIdOf(document.activeElement) === selectedId;
    void nodeKeys.reveal(selectedId, panDuration()).then(() => {
      if (hadFocus && (!document.activeElement || document.activeElement === document.body)) focusWhenDrawn(selectedId);
    });
    // On a new selection only; nodeKeys is a new object each render, with this render's nodes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);
  // Focus asked for waits until the view is drawn and placed: Back closes the details panel and brings back the
  // previous view in one step, and a node picked in the search brings its neighbourhood, and that view's placement
  // (the opening view, not the one the user had fitted or panned to) would leave the node out of the drawn ones,
  // where focus had nowhere to go. Given only while focus is free; a user who has moved on meanwhile (a big view
  // takes seconds to load and lay out) keeps their place.
  const focusAsked = useRef<Parameters<FocusNode> | null>(null);
  const [focusAsks, setFocusAsks] = useState(0);
  useLayoutEffect(() => {
    if (!focusNodeRef) return;
    focusNodeRef.current = (...ask) => {
      focusAsked.current = ask;
      setFocusAsks((n) => n + 1);
    };
    return () => {
      focusNodeRef.current = null;
    };
  }, [focusNodeRef]);
  useEffect(() => {
    const ask = focusAsked.current;
    if (!drawn || !ask) return;
    focusAsked.current = null;
    if (focusIsFree()) nodeKeys.moveFocusTo(...ask);
    // On the view being placed or a new ask; nodeKeys is a new object each render, with this render's nodes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drawn, focusAsks]);

  return (
    <div
      ref={containerRef}
      // A plain canvas, no <Background> pattern: the pattern is repainted on every panning frame, which halved
      // the frame rate without a GPU (bench/browser.ts).
      className="@container/graph-canvas relative h-full min-w-0 flex-1 bg-white"
      data-testid="graph-canvas"
      inert={covered}
      // Screen readers hold back the canvas's changing nodes until the new view is there (the status region says so).
      aria-busy={busy}
      data-layout={drawn ? "ready" : "pending"}
      data-layout-engine={shown?.layout.engine}
      data-node-count={nodes.length}
      onKeyDown={nodeKeys.onKeyDown}
      onKeyDownCapture={nodeKeys.onKeyDownCapture}
    >
      {firstPaintCentredIn === undefined ? null : <style>{firstPaintCentringCss(firstPaintCentredIn)}</style>}
      {/* Before <ReactFlow> in the document, so Tab reaches them before the nodes (React Flow puts its own panels
          after them): the keyboard help is for the very people tabbing through the canvas. */}
      <Legend open={legend.open} room={firstPaintRoom} onToggle={legend.toggle} />
      <div data-testid="graph-toolbar" className="absolute right-[15px] top-[15px] z-10 flex items-start gap-2">
        <KeyboardHelp />
        <ShareLinkButton snapshotId={snapshotId} compareId={compareId} />
        {toolbar}
      </div>
      <SkipNodesLink canvasRef={containerRef} />
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onClearSelection}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        minZoom={CANVAS_ZOOM.min}
        maxZoom={CANVAS_ZOOM.max}
        colorMode="light"
        ariaLabelConfig={ARIA_LABEL_CONFIG}
      >
        <Controls showInteractive={false} position="bottom-left" fitViewOptions={fitViewOptions(legend.open !== false)}>
          <ControlButton onClick={minimap.toggle} aria-pressed={minimap.open === true} aria-label="Mini map" title="Mini map" data-testid="minimap-toggle">
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M1 3l4.5-1.5 5 1.5L15 1.5v11.5L10.5 14.5l-5-1.5L1 14.5z M5.5 1.5v11.5 M10.5 3v11.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
            </svg>
          </ControlButton>
        </Controls>
        {interactive && minimap.open === true ? (
          <MiniMap<FlowNode>
            pannable
            zoomable
            ariaLabel="Mini map of the visible graph"
            nodeColor={minimapColor}
            nodeStrokeWidth={0}
            maskColor="rgb(241 245 249 / 0.7)"
            position="bottom-right"
            style={{ width: MINIMAP_BOX.width, height: MINIMAP_BOX.height }}
          />
        ) : null}
      </ReactFlow>
      {/* Always in the document, empty when idle: a live region inserted together with its text is not announced by
          every screen reader. */}
      <div
        role="status"
        data-testid="graph-status"
        className={
          busy ? "pointer-events-none absolute left-1/2 top-4 -translate-x-1/2 rounded-full bg-white px-3 py-1 text-xs text-slate-600 shadow" : "sr-only"
        }
      >
        {status}
      </div>
      {shown && shown.visible.nodes.length === 0 ? (
        // Over the canvas but not over its controls: clicks pass through to Copy link, Export PNG, zoom.
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <div className="max-w-lg rounded-lg bg-white px-4 py-3 text-sm text-slate-600 shadow" data-testid="graph-empty">
            {shown.visible.total === 0 ? <p>{noFunctionsText(regions)}</p> : (noMatch ?? <p>No function matches these filters.</p>)}
          </div>
        </div>
      ) : null}
    </div>
  );
});
