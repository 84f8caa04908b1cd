"use client";
/**
 * The React Flow canvas: lays out the visible graph (ELK in a worker), draws custom nodes per kind, labelled
 * edges, minimap, controls and legend. Only visible elements render. Keeps the previous drawing while a new
 * layout is computed.
 */
import {
  Controls,
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type NodeMouseHandler,
  type NodeTypes,
  type Viewport,
} from "@xyflow/react";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { GraphEdgeKind } from "@/lib/analysis/types";
import type { GraphNodeView } from "@/lib/view/graph-model";
import type { VisibleGraph } from "@/lib/view/visible-graph";
import { COLUMN, NODE_WIDTH, layoutInputOf, layoutKey, nodeHeight, type KnownLayout } from "@/lib/view/elk-graph";
import { SEVERITY_HEX } from "@/components/severity-style";
import type { FlowEdge, FlowNode } from "./flow-types";
import { KIND_LABEL } from "./node-icons";
import { Legend } from "./legend";
import { ShareLinkButton } from "./share-link-button";
import { useElkLayout, type LayoutResult } from "./use-elk-layout";
import { EventSourceNode } from "./nodes/event-source-node";
import { FunctionNode } from "./nodes/function-node";
import { PrincipalNode } from "./nodes/principal-node";
import { ResourceNode } from "./nodes/resource-node";
import { RoleNode } from "./nodes/role-node";

const nodeTypes = {
  function: FunctionNode,
  role: RoleNode,
  principal: PrincipalNode,
  resource: ResourceNode,
  "event-source": EventSourceNode,
} satisfies NodeTypes;

export const EDGE_STYLE: Record<GraphEdgeKind, { stroke: string; dash?: string; verb: string }> = {
  invokes: { stroke: "#7c3aed", verb: "may invoke" },
  polls: { stroke: "#0d9488", dash: "6 4", verb: "is polled into" },
  "executes-as": { stroke: "#475569", verb: "runs as" },
  "can-access": { stroke: "#059669", verb: "can access" },
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

/** Below this zoom node text is unreadable; large graphs start here instead of fitting everything. */
const READABLE_ZOOM = 0.6;

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
  /** Buttons drawn over the canvas (inside the React Flow provider), e.g. Export PNG. */
  toolbar?: ReactNode;
}

export function GraphCanvas({
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
  toolbar,
}: GraphCanvasProps) {
  const input = useMemo(() => layoutInputOf(visible), [visible]);
  const key = useMemo(() => layoutKey(input), [input]);
  const { layout, pending } = useElkLayout(input, key, knownLayout);
  const [shown, setShown] = useState<Shown | null>(() => (layout && layout.key === key ? { visible, layout } : null));
  useEffect(() => {
    if (layout && layout.key === key) setShown((s) => (s?.visible === visible && s.layout === layout ? s : { visible, layout }));
  }, [layout, key, visible]);

  const nodes = useMemo<FlowNode[]>(() => {
    if (!shown) return [];
    return shown.visible.nodes.map((view) => ({
      id: view.id,
      type: view.kind,
      position: shown.layout.positions[view.id] ?? { x: 0, y: 0 },
      data: { view },
      width: NODE_WIDTH,
      height: nodeHeight(view.kind, !!view.badge),
      selected: view.id === selectedId,
      ariaLabel: `${view.kind === "function" ? view.label : `${KIND_LABEL[view.kind]}: ${view.label}`}${changedIds?.has(view.id) ? " (changed since the compared scan)" : ""}`,
      domAttributes: { "aria-current": view.id === selectedId ? "true" : undefined, "data-changed": changedIds?.has(view.id) ? "true" : undefined },
      className: changedIds?.has(view.id) ? "lpg-changed" : undefined,
    }));
  }, [shown, selectedId, changedIds]);

  const edges = useMemo<FlowEdge[]>(() => {
    if (!shown) return [];
    const byId = new Map(shown.visible.nodes.map((n) => [n.id, n]));
    return shown.visible.edges.map((e) => {
      const s = byId.get(e.source);
      const t = byId.get(e.target);
      const backwards = !!s && !!t && COLUMN[s.kind] > COLUMN[t.kind];
      const style = EDGE_STYLE[e.kind];
      const touchesSelection = e.source === selectedId || e.target === selectedId;
      return {
        id: e.id,
        source: backwards ? e.target : e.source,
        target: backwards ? e.source : e.target,
        label: e.label && e.label.length > 24 ? `${e.label.slice(0, 23)}…` : e.label,
        data: { view: e },
        focusable: false,
        selectable: false,
        ariaLabel: `${s?.label ?? e.source} ${style.verb} ${t?.label ?? e.target}${e.label ? ` (${e.label})` : ""}`,
        markerEnd: { type: MarkerType.ArrowClosed, color: style.stroke, width: 16, height: 16 },
        style: {
          stroke: style.stroke,
          strokeWidth: touchesSelection ? 2.5 : 1.5,
          strokeDasharray: e.conditional ? "2 4" : style.dash,
        },
        labelStyle: { fontSize: 11 },
        labelBgPadding: [4, 2] as [number, number],
        labelBgBorderRadius: 4,
      };
    });
  }, [shown, selectedId]);

  const rf = useReactFlow();
  const containerRef = useRef<HTMLDivElement>(null);
  const shownKey = shown?.layout.key;
  // "ready" (data-layout) only once this layout is painted and fitted in the browser, never in server HTML.
  const [paintedKey, setPaintedKey] = useState<string | null>(null);
  const pendingInitialViewport = useRef(initialViewport ?? null);
  useEffect(() => {
    if (!shownKey) return;
    const frame = requestAnimationFrame(() => {
      const restore = pendingInitialViewport.current;
      pendingInitialViewport.current = null;
      const el = containerRef.current;
      const bounds = rf.getNodesBounds(rf.getNodes());
      const fitZoom = el && bounds.width > 0 ? Math.min(el.clientWidth / (bounds.width * 1.12), el.clientHeight / (bounds.height * 1.12)) : 1;
      if (restore) {
        void rf.setViewport(restore);
      } else if (el && fitZoom < READABLE_ZOOM) {
        // Too tall to read when fitted: start at a readable zoom at the top (the riskiest functions come first).
        const zoom = Math.min(READABLE_ZOOM, el.clientWidth / (bounds.width * 1.05));
        void rf.setViewport({ x: (el.clientWidth - bounds.width * zoom) / 2 - bounds.x * zoom, y: 24 - bounds.y * zoom, zoom });
      } else {
        void rf.fitView({ padding: 0.12, maxZoom: 1.1, minZoom: 0.05 });
      }
      performance.mark("lpg:graph-painted");
      setPaintedKey(shownKey);
    });
    return () => cancelAnimationFrame(frame);
  }, [shownKey, rf]);

  const onNodeClick: NodeMouseHandler<FlowNode> = (_, node) => onActivate(node.data.view);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    const el = (event.target as HTMLElement).closest<HTMLElement>(".react-flow__node");
    const id = el?.dataset.id;
    const view = id ? shown?.visible.nodes.find((n) => n.id === id) : undefined;
    if (view) {
      event.preventDefault();
      onActivate(view);
    }
  };

  return (
    <div
      ref={containerRef}
      // A plain canvas, no <Background> pattern: the pattern is repainted on every panning frame, which halved
      // the frame rate without a GPU (bench/browser.ts).
      className="relative h-full min-w-0 flex-1 bg-white"
      data-testid="graph-canvas"
      data-layout={loading || pending || !shown || paintedKey !== shownKey ? "pending" : "ready"}
      data-layout-engine={shown?.layout.engine}
      data-node-count={nodes.length}
      onKeyDown={onKeyDown}
    >
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onClearSelection}
        onMoveEnd={(event, viewport) => {
          if (event) onViewportEnd?.(viewport); // event is null for programmatic moves (fit, restore)
        }}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        minZoom={0.05}
        maxZoom={2}
        colorMode="light"
        ariaLabelConfig={{ "node.a11yDescription.default": "Press Enter to select this node and show its details." }}
      >
        <Controls showInteractive={false} position="bottom-left" />
        <Panel position="top-right" className="flex items-start gap-2">
          <ShareLinkButton snapshotId={snapshotId} />
          {toolbar}
        </Panel>
        <MiniMap<FlowNode>
          pannable
          zoomable
          ariaLabel="Mini map of the visible graph"
          nodeColor={minimapColor}
          nodeStrokeWidth={0}
          maskColor="rgb(241 245 249 / 0.7)"
          position="bottom-right"
        />
      </ReactFlow>
      <Legend />
      {loading || pending || !shown ? (
        <div
          role="status"
          className="pointer-events-none absolute left-1/2 top-4 -translate-x-1/2 rounded-full bg-white px-3 py-1 text-xs text-slate-600 shadow"
        >
          {loading ? "Loading view…" : "Laying out graph…"}
        </div>
      ) : null}
      {shown && shown.visible.nodes.length === 0 ? (
        <div className="absolute inset-0 flex items-center justify-center">
          <p className="rounded-lg bg-white px-4 py-3 text-sm text-slate-600 shadow">No function matches these filters.</p>
        </div>
      ) : null}
    </div>
  );
}
