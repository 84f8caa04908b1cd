/**
 * Translation between the visible graph and ELK's JSON graph: layered, left → right, one partition (column) per
 * node kind so invokers, functions, roles and resources always line up in that order.
 */
import { digest } from "./digest";
import { orderColumns } from "./column-order";
import type { ElkNode } from "elkjs/lib/elk-api";
import { SEVERITIES, type GraphNodeKind, type Severity } from "@/lib/analysis/types";
import { severityRank } from "./severity";

export const COLUMN: Record<GraphNodeKind, number> = {
  principal: 0,
  "event-source": 0,
  function: 1,
  role: 2,
  resource: 3,
};

export const NODE_WIDTH = 248;
/** The horizontal space between two columns' nodes, where the edges between them carry their labels. */
export const LAYER_GAP = 140;
/** Nodes with a badge carry up to two more lines (the worst finding's title), so they are taller. */
export function nodeHeight(kind: GraphNodeKind, hasBadge: boolean): number {
  return hasBadge ? 100 : 56;
}

export interface LayoutInput {
  /**
   * Functions riskiest first (lib/view/visible-graph.ts), each alias (`aliasOf` its function's id) after them all.
   * `severity`: the rank of the node's worst finding (0 critical … 4 info), when it has a badge.
   */
  nodes: { id: string; kind: GraphNodeKind; badge: boolean; severity?: number; aliasOf?: string }[];
  edges: { id: string; source: string; target: string }[];
}

export type Positions = Record<string, { x: number; y: number }>;

/** ELK positions already computed (on the server) for one layout key. */
export interface KnownLayout {
  key: string;
  positions: Positions;
}

/**
 * One drawn graph is asked for its input and key by the page (the server's layout cache), then by the explorer and
 * the canvas as they render, on the server and again in the browser; the key digests every id of the graph (~4 ms
 * at 150 functions on the 2-core machine). Both are kept per object: views are never changed once made, and the
 * server's view cache (graph-view.ts cachedGraphView) hands the page the same object on every visit.
 */
const inputs = new WeakMap<object, LayoutInput>();
const keys = new WeakMap<LayoutInput, string>();

/** What ELK needs of a drawn graph (lib/view/visible-graph.ts's VisibleGraph or any nodes/edges like it). */
export function layoutInputOf(graph: {
  nodes: readonly { id: string; kind: GraphNodeKind; badge?: { severity: Severity }; aliasOf?: string }[];
  edges: readonly { id: string; source: string; target: string }[];
}): LayoutInput {
  let input = inputs.get(graph);
  if (!input) inputs.set(graph, (input = inputOf(graph)));
  return input;
}

function inputOf(graph: Parameters<typeof layoutInputOf>[0]): LayoutInput {
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      badge: !!n.badge,
      ...(n.badge ? { severity: severityRank(n.badge.severity) } : {}),
      ...(n.aliasOf ? { aliasOf: n.aliasOf } : {}),
    })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

/**
 * Identifies a layout: the same key always lays out to the same positions. A digest of every node id, badge and
 * edge id rather than their concatenation, because the key travels with the first view in the page (the
 * concatenation was 20 KB of a 2,000-function account's graph page) and keys bounded caches on both sides.
 */
export function layoutKey(input: LayoutInput): string {
  let key = keys.get(input);
  if (key === undefined) keys.set(input, (key = keyOf(input)));
  return key;
}

function keyOf(input: LayoutInput): string {
  // JSON, not a joined string: ids hold "*", "|" and "#" (source ARNs), which made distinct inputs share a key.
  // A badge's severity changes the order (riskiest-first bands), so it is part of the key; its presence, the height.
  const text = JSON.stringify([input.nodes.map((n) => (n.badge ? [n.id, n.severity ?? -1] : n.id)), input.edges.map((e) => e.id)]);
  return `${digest(text, 1)}${digest(text, 2)}-${text.length.toString(36)}`;
}

/**
 * How many of the view's riskiest functions open the function column, in the view's order, with their invokers and
 * roles opening theirs, so the opening view (anchored at the top) shows them whatever the rest of the graph looks
 * like. The opening view at 1440 × 900 shows about seven functions. Pinning more costs crossings quickly (demo full
 * graph: 3,208 at 5, 3,291 at 8, 3,545 at 10; synthetic, 150 functions: 13,293 at 5, 14,088 at 8).
 */
export const RISKIEST_ON_TOP = 5;

/**
 * The top-to-bottom order of each column, which ELK keeps (forceNodeModelOrder): the RISKIEST_ON_TOP riskiest
 * functions first in the view's order (the view lists functions riskiest first), each alias just after its
 * function, their invokers and roles first in theirs; below them, functions by the severity of their worst finding
 * (none above a more severe one); within each severity, the order that crosses fewest edges
 * (lib/view/column-order.ts), starting from every node at the mean place of its neighbours nearer the functions.
 *
 * ELK's own crossing minimisation drew critical functions halfway down; keeping the whole view's order instead
 * nearly doubled the crossings (demo of 2026-11-29: 173 → 296 in the default view, 3,183 → 5,534 in the full graph).
 * Severity bands keep the reading order and most of ELK's figure (today's demo: 215 and 3,720 against ELK's 181 and
 * 3,108; two bands, flagged above clean, gave 190 and 3,638 but let a medium function sit above a high one).
 */
export function layoutOrder(input: LayoutInput): LayoutInput["nodes"] {
  const start = barycentreOrder(input);
  const columns: string[][] = [[], [], [], []];
  for (const n of start) columns[COLUMN[n.kind]]?.push(n.id);
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  return orderColumns({ columns, edges: input.edges, band: riskiestOnTop(input) }).flatMap((column) => column.map((id) => byId.get(id)!));
}

/**
 * orderColumns' bands: the riskiest functions and their neighbours below 0, in the view's order; then the other
 * functions by the severity of their worst finding (critical 0 … info 4, none 5), so none sits above a worse one;
 * every other node 0.
 */
function riskiestOnTop(input: LayoutInput): Map<string, number> {
  const band = new Map<string, number>();
  const fns = input.nodes.filter((n) => n.kind === "function" && n.aliasOf === undefined);
  for (const n of fns) band.set(n.id, n.severity ?? SEVERITIES.length);
  const top = fns.slice(0, RISKIEST_ON_TOP);
  for (const [i, n] of top.entries()) band.set(n.id, i - top.length);
  for (const n of input.nodes) {
    const of = n.aliasOf === undefined ? undefined : band.get(n.aliasOf);
    if (of !== undefined) band.set(n.id, of + 0.5);
  }
  const kind = new Map(input.nodes.map((n) => [n.id, n.kind]));
  // Resources stay free: a service group is shared by most functions, and pinning one pins the fan around it.
  const follows = (id: string) => ["principal", "event-source", "role"].includes(kind.get(id) ?? "resource");
  const neighbours = new Map<string, number>();
  for (const e of input.edges) {
    for (const [fn, other] of [[e.source, e.target], [e.target, e.source]] as const) {
      const at = kind.get(fn) === "function" ? band.get(fn) : undefined;
      if (at !== undefined && follows(other)) neighbours.set(other, Math.min(neighbours.get(other) ?? 0, at));
    }
  }
  for (const [id, at] of neighbours) band.set(id, at);
  return band;
}

/**
 * The sweeps' starting order: functions as listed, each alias just after its function, every other node at the mean
 * place of its neighbours one column or more nearer the functions, the unconnected last.
 */
function barycentreOrder(input: LayoutInput): LayoutInput["nodes"] {
  const place = new Map<string, number>();
  const fns = input.nodes.filter((n) => n.kind === "function");
  for (const [i, n] of fns.entries()) if (n.aliasOf === undefined) place.set(n.id, i);
  for (const n of fns) if (n.aliasOf !== undefined) place.set(n.id, (place.get(n.aliasOf) ?? fns.length) + 0.5);
  const kind = new Map(input.nodes.map((n) => [n.id, n.kind]));
  const away = (id: string) => Math.abs(COLUMN[kind.get(id) ?? "function"] - COLUMN.function);
  for (const distance of [1, 2]) {
    const sums = new Map<string, [number, number]>();
    for (const e of input.edges) {
      for (const [near, far] of [[e.source, e.target], [e.target, e.source]] as const) {
        const at = place.get(near);
        if (at === undefined || away(far) !== distance || away(near) >= distance) continue;
        const [sum, count] = sums.get(far) ?? [0, 0];
        sums.set(far, [sum + at, count + 1]);
      }
    }
    for (const [id, [sum, count]] of sums) place.set(id, sum / count);
  }
  const index = new Map(input.nodes.map((n, i) => [n.id, i]));
  const at = (id: string) => place.get(id) ?? Infinity;
  return [...input.nodes].sort((a, b) => at(a.id) - at(b.id) || (index.get(a.id) ?? 0) - (index.get(b.id) ?? 0));
}

export function toElkGraph(input: LayoutInput): ElkNode {
  const column = new Map(input.nodes.map((n) => [n.id, COLUMN[n.kind]]));
  return {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.partitioning.activate": "true",
      "elk.layered.spacing.nodeNodeBetweenLayers": String(LAYER_GAP),
      "elk.spacing.nodeNode": "28",
      "elk.spacing.componentComponent": "40",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
      "elk.separateConnectedComponents": "false",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.layered.crossingMinimization.forceNodeModelOrder": "true",
    },
    children: layoutOrder(input).map((n) => ({
      id: n.id,
      width: NODE_WIDTH,
      height: nodeHeight(n.kind, n.badge),
      layoutOptions: { "elk.partitioning.partition": String(COLUMN[n.kind]) },
    })),
    // Edges always point to a later column for ELK (partitions forbid backward edges); drawing keeps the real direction.
    edges: input.edges.map((e) =>
      (column.get(e.source) ?? 0) > (column.get(e.target) ?? 0)
        ? { id: e.id, sources: [e.target], targets: [e.source] }
        : { id: e.id, sources: [e.source], targets: [e.target] },
    ),
  };
}

export function positionsFromElk(result: ElkNode): Positions {
  const out: Positions = {};
  for (const child of result.children ?? []) out[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return out;
}

/** Instant fallback (and the layout used while ELK runs): kinds in columns, stacked in ELK's order. */
export function columnLayout(input: LayoutInput): Positions {
  const y = [0, 0, 0, 0];
  const out: Positions = {};
  for (const n of layoutOrder(input)) {
    const col = COLUMN[n.kind];
    out[n.id] = { x: col * (NODE_WIDTH + 140), y: y[col] ?? 0 };
    y[col] = (y[col] ?? 0) + nodeHeight(n.kind, n.badge) + 28;
  }
  return out;
}
