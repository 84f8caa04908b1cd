/**
 * The drawn graph (a VisibleGraph and its laid-out positions) as React Flow nodes and edges, and the viewport the
 * canvas starts at. Pure, so the server can hand the first view to React Flow's store and the page's HTML
 * already shows the graph (painted before any script runs); the canvas then keeps them in step with the URL.
 */
import { getViewportForBounds, MarkerType, Position, type NodeHandle, type Viewport } from "@xyflow/react";
import type { GraphEdgeKind, GraphNodeKind } from "@/lib/analysis/types";
import type { VisibleGraph } from "@/lib/view/visible-graph";
import type { GraphNodeView } from "@/lib/view/graph-model";
import { COLUMN, LAYER_GAP, NODE_WIDTH, nodeHeight, type Positions } from "@/lib/view/elk-graph";
import { digest } from "@/lib/view/digest";
import { functionGapTexts } from "@/lib/view/function-gaps";
import { DEFAULT_WINDOW, type WindowSize } from "@/lib/view/window-size";
import type { FlowEdge, FlowNode } from "./flow-types";
import { nodeKindText } from "@/lib/view/node-kind";
import { LEGEND_BOX } from "./legend";
import { labelEnd, labelHalfWidth, labelsWithRoom, type LabelEnd } from "./edge-label-room";
import { REWRITTEN_BY_HTML } from "@/lib/view/visible-text";
import { printable } from "@/lib/view/long-words";
import { middleEllipsis } from "@/lib/view/name-ends";
import { FOCUS_ZOOM, focusedViewport, type FocusBoxes } from "./focus-view";
import { boundsOf, type Bounds } from "./bounds";

export { boundsOf, type Bounds };
import { createElement, type ReactNode } from "react";

export const EDGE_STYLE: Record<GraphEdgeKind, { stroke: string; dash?: string; verb: string }> = {
  invokes: { stroke: "#7c3aed", verb: "may invoke" },
  polls: { stroke: "#0d9488", dash: "6 4", verb: "is polled into" },
  "executes-as": { stroke: "#475569", verb: "runs as" },
  "can-access": { stroke: "#059669", verb: "can access" },
};

/** The canvas's zoom limits (React Flow's minZoom and maxZoom). */
export const CANVAS_ZOOM = { min: 0.05, max: 2 };

/** Below this zoom node text is unreadable; large graphs start here instead of fitting everything. */
export const READABLE_ZOOM = 0.6;
/**
 * The least zoom a graph too large to fit opens at, even when its columns then run past the canvas's right edge (a
 * pan away): at the 0.4 a function's neighbourhood got beside the details panel on a 1280 px laptop, names were 5 px.
 */
export const MIN_OPENING_ZOOM = 0.5;
/** How much wider than the graph the canvas right of the insets is taken to be when a readable view is placed at the top: 5 % to spare. */
export const TOP_VIEW_SPARE = 1.05;
const HANDLE = 8;

/**
 * The longest edge label, in characters, ellipsis included. A label sits at the middle of its edge, often in the gap
 * between two columns' nodes, which are drawn over it: a wider one was cut off at both ends ("ourceArn = arn:aws:…").
 * At 11 px a character is at most ~6.5 px wide in the fonts the canvas falls back to (DejaVu Sans is the widest);
 * the handles reach into the gap on both sides. The whole label stays in the edge's accessible name.
 */
export const EDGE_LABEL_CHARS = Math.floor((LAYER_GAP - 2 * HANDLE) / 6.5);

/**
 * A label as drawn: one line of at most EDGE_LABEL_CHARS, or two when it is longer, so that "Full access · partly
 * denied" keeps its last words instead of reading "Full access · part…". It breaks after a " · " part, else at the last
 * space that fits; a second line still too long (an ARN in a condition) is cut to a line (oneLine). A last " · " note
 * ("conditional") that such a cut would take is its own second line, and the rest the first, cut the same way.
 */
export function edgeLabelLines(label: string, max = EDGE_LABEL_CHARS): string[] {
  if (label.length <= max) return [label];
  const part = label.lastIndexOf(" · ", max);
  const space = label.lastIndexOf(" ", max);
  const cut = part > 0 ? part : space > 0 ? space : max - 1;
  const first = label.slice(0, cut);
  const rest = label.slice(cut).replace(/^ · | /, "");
  // No break at all: the first line is cut mid-word and says so.
  const head = part > 0 || space > 0 ? first : `${first}…`;
  if (rest.length <= max) return [head, rest];
  const last = label.lastIndexOf(" · ");
  const note = last > 0 ? label.slice(last + 3) : "";
  return note && note.length <= max ? [oneLine(label.slice(0, last), max), note] : [head, oneLine(rest, max)];
}

/**
 * Conditions too long for a line ("SourceArn = arn:…; SourceAccount = …"): the first alone, cut in the middle to keep
 * the ARN's end that names the resource ("arn:aw…order-events", not "arn:aws:sns:us-eas…"), or whole with "; …" when
 * it fits so. The whole label is the edge's accessible name.
 */
function oneLine(text: string, max: number): string {
  if (text.length <= max) return text;
  const first = text.split("; ")[0]!;
  return first.length < text.length && first.length + 3 <= max ? `${first}; …` : middleEllipsis(first, max);
}

/**
 * Two lines as SVG text: React Flow centres the label's box on the edge's midpoint and puts the text's baseline at
 * 0.3em below the box's middle, so the first line is lifted by half a line for both to sit within the box.
 */
function drawnLabel(lines: readonly string[]): ReactNode {
  if (lines.length === 1) return lines[0];
  return lines.map((line, i) => createElement("tspan", { key: i, x: 0, dy: i === 0 ? "-0.6em" : "1.2em" }, line));
}

/**
 * Where NodeShell draws its two handles (vertical middle of the left and right sides). Given to the server's first
 * store only, so React Flow can route edges before it has measured any DOM; the canvas's own nodes leave them out,
 * because nodes with given handles were never measured and later fits of the view then went wrong (e2e).
 */
function handlesOf(kind: GraphNodeKind, badge: boolean): NodeHandle[] {
  const h = nodeHeight(kind, badge);
  const y = h / 2 - HANDLE / 2;
  return [
    { id: null, type: "target", position: Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE },
    { id: null, type: "source", position: Position.Right, x: NODE_WIDTH - HANDLE / 2, y, width: HANDLE, height: HANDLE },
  ];
}


function moreFindings(n: number): string {
  return n > 0 ? ` (and ${n} more finding${n === 1 ? "" : "s"})` : "";
}

export function toFlowNodes(
  visible: VisibleGraph,
  positions: Positions,
  selectedId: string | null,
  changedIds?: ReadonlySet<string>,
): FlowNode[] {
  // A click changes one node's selection, and React Flow draws again only the nodes it is handed as new objects: every
  // other node is the same object as before, so a click on a 300-node view redraws the two nodes it changed, not all.
  let last = lastNodes.get(visible);
  if (!last || last.positions !== positions || last.changedIds !== changedIds) {
    last = { positions, changedIds, nodes: flowNodesOf(visible, positions, changedIds) };
    lastNodes.set(visible, last);
  }
  if (selectedId === null) return last.nodes;
  if (last.selected?.id !== selectedId) {
    const plain = last.nodes.find((n) => n.id === selectedId);
    last.selected = { id: selectedId, node: plain && { ...plain, selected: true, domAttributes: { ...plain.domAttributes, "aria-current": "true" } } };
  }
  const { node } = last.selected;
  return node ? last.nodes.map((n) => (n.id === selectedId ? node : n)) : last.nodes;
}

/** The last nodes made per drawn graph, none selected, and the selected one's copy. */
const lastNodes = new WeakMap<
  VisibleGraph,
  { positions: Positions; changedIds?: ReadonlySet<string>; nodes: FlowNode[]; selected?: { id: string; node: FlowNode | undefined } }
>();

function flowNodesOf(visible: VisibleGraph, positions: Positions, changedIds?: ReadonlySet<string>): FlowNode[] {
  // React Flow puts nodes in the document in this order, which is Tab's: the drawing's reading order, column by
  // column from the left and each from the top, rather than the view's (functions, then others as edges met them).
  const at = (id: string) => positions[id] ?? { x: 0, y: 0 };
  const inReadingOrder = [...visible.nodes].sort((a, b) => COLUMN[a.kind] - COLUMN[b.kind] || at(a.id).y - at(b.id).y || at(a.id).x - at(b.id).x);
  return inReadingOrder.map((view) => {
    const changed = changedIds?.has(view.id) ?? false;
    return {
      id: view.id,
      type: view.kind,
      position: at(view.id),
      data: { view },
      width: NODE_WIDTH,
      height: nodeHeight(view.kind, !!view.badge),
      selected: false,
      // The badge is part of the name: screen readers in the graph (role application) announce only the name.
      ariaLabel: printable(
        `${nodeKindText(view)}: ${view.label}${changed ? " (changed since the compared scan)" : ""}` +
          (view.badge ? `, ${view.badge.severity}: ${view.badge.title}${moreFindings(view.badge.count - 1)}` : "") +
          functionGapTexts(view)
            .map((gap) => `, ${gap}`)
            .join(""),
      ),
      domAttributes: { "aria-current": undefined, "data-changed": changed ? "true" : undefined },
      className: changed ? "lpg-changed" : undefined,
    };
  });
}

/**
 * `positions`, when known, decide which labels have room (edge-label-room.ts): the others are left out of the drawing,
 * kept in the edge's accessible name; the selected node's edges are drawn first.
 */
export function toFlowEdges(visible: VisibleGraph, selectedId: string | null, positions?: Positions): FlowEdge[] {
  // The explorer (the first store) and the canvas each ask for the first view's edges in one render, on the server
  // and again in the browser: the last answer per drawn graph is kept for the same selection and positions.
  const last = lastEdges.get(visible);
  if (last && last.selectedId === selectedId && last.positions === positions) return last.edges;
  const edges = flowEdgesOf(visible, selectedId, positions);
  lastEdges.set(visible, { selectedId, positions, edges });
  return edges;
}

const lastEdges = new WeakMap<VisibleGraph, { selectedId: string | null; positions?: Positions; edges: FlowEdge[] }>();

/** What an edge is drawn as whatever the selection and positions: made once per drawn graph (edgeBasesOf). */
interface EdgeBasis {
  e: VisibleGraph["edges"][number];
  backwards: boolean;
  lines: string[] | undefined;
  from: ReturnType<typeof endOf> | undefined;
  to: ReturnType<typeof endOf> | undefined;
  end: LabelEnd;
  ariaLabel: string;
  /**
   * The edge as drawn, by whether its label is drawn and whether it touches the selection (index labelled × 2 +
   * touches): a click hands React Flow the same object for every edge it leaves as it was, which it does not draw again.
   */
  made: (FlowEdge | undefined)[];
}

const edgeBases = new WeakMap<VisibleGraph, EdgeBasis[]>();

function edgeBasesOf(visible: VisibleGraph): EdgeBasis[] {
  const known = edgeBases.get(visible);
  if (known) return known;
  const byId = new Map(visible.nodes.map((n) => [n.id, n]));
  const drawn = visible.edges.map((e) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    // Columns run left → right; an edge drawn against them is flipped so arrows keep flowing right.
    const backwards = !!s && !!t && COLUMN[s.kind] > COLUMN[t.kind];
    const shown = e.label && printable(e.label);
    const lines = shown ? edgeLabelLines(shown) : undefined;
    const style = EDGE_STYLE[e.kind];
    const ariaLabel = printable(`${s?.label ?? e.source} ${style.verb} ${t?.label ?? e.target}${e.label ? ` (${e.label})` : ""}`);
    return { e, backwards, lines, from: s && t ? endOf(backwards ? t : s) : undefined, to: s && t ? endOf(backwards ? s : t) : undefined, ariaLabel };
  });
  // Labelled edges per drawn end, to put each label by the end its edge shares with no other (labelEnd).
  const labelledAt = { source: new Map<string, number>(), target: new Map<string, number>() };
  const from = (d: (typeof drawn)[number]) => (d.backwards ? d.e.target : d.e.source);
  const to = (d: (typeof drawn)[number]) => (d.backwards ? d.e.source : d.e.target);
  for (const d of drawn) {
    if (!d.lines) continue;
    labelledAt.source.set(from(d), (labelledAt.source.get(from(d)) ?? 0) + 1);
    labelledAt.target.set(to(d), (labelledAt.target.get(to(d)) ?? 0) + 1);
  }
  const bases = drawn.map((d) => ({
    ...d,
    end: labelEnd({ source: labelledAt.source.get(from(d)) ?? 0, target: labelledAt.target.get(to(d)) ?? 0 }),
    made: [],
  }));
  edgeBases.set(visible, bases);
  return bases;
}

function flowEdgesOf(visible: VisibleGraph, selectedId: string | null, positions?: Positions): FlowEdge[] {
  const bases = edgeBasesOf(visible);
  const touches = (b: EdgeBasis) => b.e.source === selectedId || b.e.target === selectedId;
  const room = positions
    ? labelsWithRoom(
        [...bases.filter(touches), ...bases.filter((b) => !touches(b))].flatMap((b) =>
          b.from && b.to && b.lines ? [{ id: b.e.id, lines: b.lines, from: b.from, to: b.to, end: b.end }] : [],
        ),
        positions,
      )
    : null;
  return bases.map((b) => {
    const labelled = !!b.lines && !(room && !room.has(b.e.id));
    const touchesSelection = touches(b);
    const variant = (labelled ? 2 : 0) + (touchesSelection ? 1 : 0);
    return (b.made[variant] ??= flowEdge(b, labelled, touchesSelection));
  });
}

function flowEdge(b: EdgeBasis, labelled: boolean, touchesSelection: boolean): FlowEdge {
  const { e, backwards, lines } = b;
  const style = EDGE_STYLE[e.kind];
  return {
    id: flowEdgeId(e.id),
    type: "labelled",
    source: backwards ? e.target : e.source,
    target: backwards ? e.source : e.target,
    label: labelled && lines ? drawnLabel(lines) : undefined,
    data: { view: e, ...(labelled && lines ? { labelAt: { end: b.end, halfWidth: labelHalfWidth(lines) } } : {}) },
    focusable: false,
    selectable: false,
    interactionWidth: 0, // edges take no clicks: no invisible wide twin path per edge
    ariaLabel: b.ariaLabel,
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
}

/**
 * Most edge ids remembered by flowEdgeId: a few views of the largest size (~1,000 edges at 150 functions). Past it
 * the memory starts again empty.
 */
const FLOW_EDGE_IDS = 20_000;
const flowEdgeIds = new Map<string, string>();

/**
 * A digest of the edge's stable id: React Flow writes the id twice into every edge's markup, and ids built from two
 * ARNs made the edges most of the bytes a first screen parses before its first node. Remembered by id: every render of
 * a view digests all its edges again (twice per page on the server: the first store and the canvas), and the view of
 * 150 functions has ~1,000 ids of ~130 characters.
 */
export function flowEdgeId(id: string): string {
  let out = flowEdgeIds.get(id);
  if (out === undefined) {
    if (flowEdgeIds.size >= FLOW_EDGE_IDS) flowEdgeIds.clear();
    flowEdgeIds.set(id, (out = `e-${digest(id)}`));
  }
  return out;
}

function endOf(node: { id: string; kind: GraphNodeKind; badge?: unknown }) {
  return { id: node.id, kind: node.kind, badge: !!node.badge };
}

/**
 * The zoom buttons' column (graph-canvas.tsx: React Flow's Controls, bottom left, 15 px in; buttons 26 px plus 4 px
 * padding each side), with a few px to spare for their shadow.
 */
export const CONTROLS_COLUMN = 15 + 34 + 8;

/**
 * What a fit keeps clear of nodes, in px from the canvas's edges: the open legend's column on the left (legend.tsx),
 * and above the graph the row of Copy link and Export PNG (graph-canvas.tsx: a React Flow panel 15 px from the top,
 * 30 px high). A collapsed legend is only its title bar, which lies in that row, so it needs no column.
 */
export function fitInset(legendOpen: boolean) {
  return { left: legendOpen ? LEGEND_BOX.left + LEGEND_BOX.width + 12 : 0, top: 56 };
}

/** With the legend open. */
export const OPENING_INSET = fitInset(true);

/**
 * How the canvas fits a view into its window: 12 % padding, the insets above reserved. React Flow centres the graph
 * and moves it only as far as an inset needs, so a graph that already clears the legend does not move. With the
 * legend collapsed the left side keeps the zoom buttons' column clear (bottom left): at 390 px the 12 % (20 px) left
 * a phone's invoker nodes under them. A wide canvas's centred view clears it anyway.
 */
export function fitViewOptions(legendOpen: boolean) {
  const inset = fitInset(legendOpen);
  return {
    padding: { top: `${inset.top}px`, right: 0.12, bottom: 0.12, left: `${legendOpen ? inset.left : CONTROLS_COLUMN}px` as const },
    minZoom: CANVAS_ZOOM.min,
    maxZoom: 1.1,
  } as const;
}

/** The fit with the legend open. */
export const FIT_VIEW = fitViewOptions(true);

/**
 * The canvas's opening viewport for a container of `width` × `height`: everything fitted when that is readable,
 * otherwise a readable zoom anchored at the top, where the riskiest functions are, clear of the insets as a fit
 * places it: as wide as the canvas allows, but never below MIN_OPENING_ZOOM. Undefined: fit the view (with
 * `fitViewOptions(legendOpen)`, as `openingViewport` does).
 */
export function readableTopViewport(bounds: Bounds, width: number, height: number, legendOpen: boolean): Viewport | undefined {
  if (bounds.width <= 0 || width <= 0 || height <= 0) return undefined;
  const { padding, minZoom, maxZoom } = fitViewOptions(legendOpen);
  const fit = getViewportForBounds(bounds, width, height, minZoom, maxZoom, padding);
  if (fit.zoom >= READABLE_ZOOM) return undefined;
  const inset = fitInset(legendOpen);
  const zoom = Math.max(MIN_OPENING_ZOOM, Math.min(READABLE_ZOOM, (width - inset.left) / (bounds.width * TOP_VIEW_SPARE)));
  const left = Math.max((width - bounds.width * zoom) / 2, inset.left);
  return { x: left - bounds.x * zoom, y: inset.top - bounds.y * zoom, zoom };
}

/**
 * The narrowest canvas, in px, on which the open legend leaves a graph `boundsWidth` wide its readable zoom: a view
 * placed right of the legend's column at READABLE_ZOOM, with the top view's spare (above). A fit is never
 * readable on a narrower canvas either, so this one width decides, whatever the canvas's height: the server's first
 * paint uses it in a container query (legend.tsx), before any script can measure the canvas.
 */
export function legendRoom(boundsWidth: number): number {
  return fitInset(true).left + READABLE_ZOOM * TOP_VIEW_SPARE * boundsWidth;
}

/**
 * Whether the open legend leaves the graph its readable zoom: its column is a quarter of a 1280 px laptop's canvas
 * beside the details panel, where it pushed a function's neighbourhood down to 0.4.
 */
export function legendFits(bounds: Bounds, width: number): boolean {
  return width >= legendRoom(bounds.width);
}

/**
 * Where the canvas opens a graph of these bounds: `readableTopViewport`, or else the fit; for a focused function
 * (`focus`, focus-view.ts focusBoxes) whose view either way would be below FOCUS_ZOOM, `focusedOpening`.
 */
export function openingViewport(bounds: Bounds, width: number, height: number, legendOpen: boolean, focus?: FocusBoxes): Viewport {
  const { padding, minZoom, maxZoom } = fitViewOptions(legendOpen);
  return (
    focusedOpening(bounds, width, height, legendOpen, focus) ??
    readableTopViewport(bounds, width, height, legendOpen) ??
    getViewportForBounds(bounds, width, height, minZoom, maxZoom, padding)
  );
}

/**
 * The focused function's view at FOCUS_ZOOM (focus-view.ts), where the graph's own opening view would draw it
 * smaller and the canvas is wide enough for it; undefined otherwise.
 */
export function focusedOpening(bounds: Bounds, width: number, height: number, legendOpen: boolean, focus?: FocusBoxes): Viewport | undefined {
  if (!focus || bounds.width <= 0 || width <= 0 || height <= 0) return undefined;
  if (openingViewport(bounds, width, height, legendOpen).zoom >= FOCUS_ZOOM) return undefined;
  return focusedViewport(bounds, focus, width, height, fitInset(legendOpen));
}

/**
 * The canvas the server draws the first paint for, in a window of this size (lib/view/window-size.ts): the window
 * less the page's header rows (140 px at 1440 × 900; they wrap into more in a narrower window, which only a fitted
 * view, centred, notices), and less the details panel (26rem) when one is open beside the canvas, which it is from
 * 1024 px (Tailwind's lg); below that, the upper half of at least 36rem in a window 640 px tall or more (the panel
 * below it), else the whole (the panel over it), as components/details/panel-place.ts places it.
 */
export function firstPaintCanvas(window: WindowSize, besidePanel: boolean): { width: number; height: number } {
  const beside = window.width >= PANEL_BESIDE_FROM;
  const height = window.height - HEADER_ROWS;
  if (besidePanel && !beside && window.height >= PANEL_BELOW_FROM_HEIGHT) return { width: window.width, height: Math.max(height, PANEL_BELOW_FLOOR) / 2 };
  return { width: window.width - (besidePanel && beside ? DETAILS_PANEL_WIDTH : 0), height };
}
export const DETAILS_PANEL_WIDTH = 416;
const PANEL_BESIDE_FROM = 1024;
/** globals.css panel-below: 40rem; graph-explorer.tsx's floor under the canvas and the panel below it: 36rem. */
const PANEL_BELOW_FROM_HEIGHT = 640;
const PANEL_BELOW_FLOOR = 576;
const HEADER_ROWS = 140;
/** The canvas of a window of DEFAULT_WINDOW's size, the server's guess for a browser that has not told it its own. */
export const SERVER_CANVAS = firstPaintCanvas(DEFAULT_WINDOW, false);

/**
 * The first paint's correction for a view centred on the canvas's height (serverStoreInit's `centredIn`): the
 * server knows the window's height but not how many rows the header wraps into, so it centres the view in its guess
 * and the CSS moves it by half the difference, as the canvas's real height is known to CSS alone (the viewport
 * element is as tall as the canvas, so a percentage of its own height is the canvas's). Until the canvas has placed
 * its first view (graph-canvas.tsx sets data-placed), after which the transform alone places it.
 */
export function firstPaintCentringCss(centredIn: number): string {
  return `[data-testid="graph-canvas"]:not([data-placed]) .react-flow__viewport{translate:0 calc(50% - ${centredIn / 2}px)}`;
}

/**
 * React Flow's store can start only at "fit the view into width × height" (ReactFlowProvider's initialWidth,
 * initialHeight, fitView). These inputs make that fit land exactly on `openingViewport` for the assumed canvas: for
 * `focusedOpening` and `readableTopViewport`, zoom pinned by min = max, and a width and height whose centre is the graph's centre on that
 * viewport (so centring puts its left and top edges where the viewport does). The real size replaces both once the
 * browser measures the canvas, and the canvas applies the same policy to it; it also puts back its own zoom limits
 * (CANVAS_ZOOM), which React Flow would not do for a maxZoom equal to its default. Nodes below the assumed canvas
 * start hidden (they still count for the fit), and so are edges between two of them, so the page's HTML carries only
 * what a first screen shows; a view centred on the canvas's height says for which height (`centredIn`, for
 * `firstPaintCentringCss`). `window`: the browser's window, as far as the server knows it; `besidePanel`: the details
 * panel is open; `legend`: the user's choice of open legend, else the first paint opens it where it fits
 * (legend.tsx), and the view is placed as the canvas will place it; `focus`: the focused function's boxes
 * (focus-view.ts focusBoxes), as the canvas finds them.
 */
export function serverStoreInit(
  nodes: FlowNode[],
  edges: FlowEdge[],
  {
    window = DEFAULT_WINDOW,
    besidePanel = false,
    legend,
    focus,
  }: { window?: WindowSize; besidePanel?: boolean; legend?: boolean; focus?: FocusBoxes } = {},
) {
  const bounds = boundsOf(nodes);
  // A node whose id the page's HTML would not carry as written (a crafted name's CR or NUL) is drawn by the browser
  // alone: React Flow reads each drawn node's id back from its data-id to size it, and a rewritten one names no node,
  // so it was never sized and none of its edges was drawn.
  const rewrittenByHtml = new Set(nodes.filter((n) => REWRITTEN_BY_HTML.test(n.id)).map((n) => n.id));
  const clientOnly = (e: FlowEdge) => rewrittenByHtml.has(e.source) || rewrittenByHtml.has(e.target);
  const { width, height } = firstPaintCanvas(window, besidePanel);
  const legendOpen = legend ?? legendFits(bounds, width);
  const start = focusedOpening(bounds, width, height, legendOpen, focus) ?? readableTopViewport(bounds, width, height, legendOpen);
  if (!start) {
    const fit = fitViewOptions(legendOpen);
    const view = openingViewport(bounds, width, height, legendOpen);
    const centred = Math.abs(view.y - (height / 2 - (bounds.y + bounds.height / 2) * view.zoom)) < 0.5;
    return {
      initialNodes: nodes.map((n) => ({ ...n, handles: handlesOf(n.type ?? "function", !!n.data.view.badge), ...(rewrittenByHtml.has(n.id) ? { hidden: true } : {}) })),
      initialEdges: edges.map((e) => (clientOnly(e) ? { ...e, hidden: true } : e)),
      initialWidth: width,
      initialHeight: height,
      fitView: true,
      initialFitViewOptions: { padding: fit.padding },
      initialMinZoom: fit.minZoom,
      initialMaxZoom: fit.maxZoom,
      centredIn: centred ? height : undefined,
    };
  }
  const bottom = (height - start.y) / start.zoom;
  const below = new Set(nodes.filter((n) => n.position.y > bottom).map((n) => n.id));
  return {
    initialNodes: nodes.map((n) => ({ ...n, handles: handlesOf(n.type ?? "function", !!n.data.view.badge), ...(below.has(n.id) || rewrittenByHtml.has(n.id) ? { hidden: true } : {}) })),
    // React Flow still draws edges between hidden nodes; an edge with both ends below the screen is all below it.
    initialEdges: edges.map((e) => ((below.has(e.source) && below.has(e.target)) || clientOnly(e) ? { ...e, hidden: true } : e)),
    initialWidth: 2 * (start.x + (bounds.x + bounds.width / 2) * start.zoom),
    initialHeight: 2 * (start.y + (bounds.y + bounds.height / 2) * start.zoom),
    fitView: true,
    initialFitViewOptions: { padding: 0 },
    initialMinZoom: start.zoom,
    initialMaxZoom: start.zoom,
  };
}
