/**
 * Translation between the visible graph and ELK's JSON graph: layered, left → right, one partition (column) per
 * node kind so invokers, functions, roles and resources always line up in that order.
 */
import { digest } from "./digest";
import type { ElkNode } from "elkjs/lib/elk-api";
import type { GraphNodeKind } from "@/lib/analysis/types";

export const COLUMN: Record<GraphNodeKind, number> = {
  principal: 0,
  "event-source": 0,
  function: 1,
  role: 2,
  resource: 3,
};

export const NODE_WIDTH = 248;
/** Nodes with a badge carry up to two more lines (the worst finding's title), so they are taller. */
export function nodeHeight(kind: GraphNodeKind, hasBadge: boolean): number {
  return hasBadge ? 100 : 56;
}

export interface LayoutInput {
  nodes: { id: string; kind: GraphNodeKind; badge: boolean }[];
  edges: { id: string; source: string; target: string }[];
}

export type Positions = Record<string, { x: number; y: number }>;

/** ELK positions already computed (on the server) for one layout key. */
export interface KnownLayout {
  key: string;
  positions: Positions;
}

/** What ELK needs of a drawn graph (lib/view/visible-graph.ts's VisibleGraph or any nodes/edges like it). */
export function layoutInputOf(graph: {
  nodes: readonly { id: string; kind: GraphNodeKind; badge?: unknown }[];
  edges: readonly { id: string; source: string; target: string }[];
}): LayoutInput {
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind, badge: !!n.badge })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

/**
 * Identifies a layout: the same key always lays out to the same positions. A digest of every node id, badge and
 * edge id rather than their concatenation, because the key travels with the first view in the page (the
 * concatenation was 20 KB of a 2,000-function account's graph page) and keys bounded caches on both sides.
 */
export function layoutKey(input: LayoutInput): string {
  // JSON, not a joined string: ids hold "*", "|" and "#" (source ARNs), which made distinct inputs share a key.
  const text = JSON.stringify([input.nodes.map((n) => (n.badge ? [n.id] : n.id)), input.edges.map((e) => e.id)]);
  return `${digest(text, 1)}${digest(text, 2)}-${text.length.toString(36)}`;
}


export function toElkGraph(input: LayoutInput): ElkNode {
  const column = new Map(input.nodes.map((n) => [n.id, COLUMN[n.kind]]));
  return {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.partitioning.activate": "true",
      "elk.layered.spacing.nodeNodeBetweenLayers": "140",
      "elk.spacing.nodeNode": "28",
      "elk.spacing.componentComponent": "40",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
      "elk.separateConnectedComponents": "false",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
    },
    children: input.nodes.map((n) => ({
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

/** Instant fallback (and the layout used while ELK runs): kinds in columns, stacked in input order. */
export function columnLayout(input: LayoutInput): Positions {
  const y = [0, 0, 0, 0];
  const out: Positions = {};
  for (const n of input.nodes) {
    const col = COLUMN[n.kind];
    out[n.id] = { x: col * (NODE_WIDTH + 140), y: y[col] ?? 0 };
    y[col] = (y[col] ?? 0) + nodeHeight(n.kind, n.badge) + 28;
  }
  return out;
}
