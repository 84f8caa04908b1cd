/**
 * Which edge labels have room. React Flow centres a label on its edge's midpoint, so the labels of edges that cross,
 * or that leave one node for many close together, can land on one another and neither is legible. The canvas draws
 * only the labels that meet no label drawn before them; each edge keeps its whole label in its accessible name, and
 * selecting a node draws its own edges' labels first.
 */
import { NODE_WIDTH, nodeHeight, type Positions } from "@/lib/view/elk-graph";
import type { GraphNodeKind } from "@/lib/analysis/types";

/** Font 11 px (flow-elements.ts labelStyle): at most ~6.5 px a character; 4 × 2 px background padding. */
const CHAR_WIDTH = 6.5;
const LABEL_HEIGHT = 11 * 1.4 + 4;
const LABEL_PAD_X = 8;
/** Each further line of a wrapped label (flow-elements.ts edgeLabelLines): 1.2em. */
const LINE_STEP = 11 * 1.2;

export interface LabelledEdge {
  id: string;
  /** The label's lines as drawn (already shortened; a long one takes two). */
  lines: readonly string[];
  /** Left end (source as drawn) and right end of the edge. */
  from: { id: string; kind: GraphNodeKind; badge: boolean };
  to: { id: string; kind: GraphNodeKind; badge: boolean };
}

/**
 * The ids of the edges whose labels are drawn, taking `edges` in order (put the ones that matter most first): an
 * edge's label is drawn if its box, at the middle between the right side of `from` and the left side of `to` (where
 * React Flow's bezier edge puts it), meets none drawn before it.
 */
export function labelsWithRoom(edges: readonly LabelledEdge[], positions: Positions): Set<string> {
  const drawn: { left: number; top: number; right: number; bottom: number }[] = [];
  const ids = new Set<string>();
  for (const e of edges) {
    const a = positions[e.from.id];
    const b = positions[e.to.id];
    if (!a || !b) continue;
    const x = (a.x + NODE_WIDTH + b.x) / 2;
    const y = (a.y + nodeHeight(e.from.kind, e.from.badge) / 2 + b.y + nodeHeight(e.to.kind, e.to.badge) / 2) / 2;
    const half = (Math.max(...e.lines.map((l) => l.length)) * CHAR_WIDTH + LABEL_PAD_X) / 2;
    const halfHeight = (LABEL_HEIGHT + (e.lines.length - 1) * LINE_STEP) / 2;
    const box = { left: x - half, right: x + half, top: y - halfHeight, bottom: y + halfHeight };
    if (drawn.some((d) => d.left < box.right && box.left < d.right && d.top < box.bottom && box.top < d.bottom)) continue;
    drawn.push(box);
    ids.add(e.id);
  }
  return ids;
}
