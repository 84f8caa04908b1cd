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

/**
 * Which end of its edge a label is drawn beside. Labels at the middle of edges that share an end (three roles'
 * "identity policy · InvokeAsync" into one function, a role's "Write" to each of its resources) were stacked where
 * the edges converge, and which label was whose could not be told: such a label sits by the edge's other end, where
 * the edges are a node apart.
 */
export type LabelEnd = "source" | "target" | "middle";

/** `shared`: how many labelled edges leave the drawn source and how many reach the drawn target (this one included). */
export function labelEnd(shared: { source: number; target: number }): LabelEnd {
  if (shared.target > 1 && shared.source === 1) return "source";
  if (shared.source > 1 && shared.target === 1) return "target";
  return "middle";
}

/** Gap between a label drawn beside an end and that end's handle (and, at the target, the arrow). */
const END_GAP = { source: 6, target: 18 };

/**
 * Where a label of `halfWidth` is centred on the edge from handle (sx, sy) to (tx, ty): at the middle (React Flow's
 * own place), or level with the `end`'s handle, where the edge leaves it (or reaches it) level too, as near it as the
 * gap allows: the gap is barely wider than the longest label, so "beside" is a matter of height more than of x.
 */
export function labelCentre(end: LabelEnd, halfWidth: number, sx: number, sy: number, tx: number, ty: number): { x: number; y: number } {
  const middle = { x: (sx + tx) / 2, y: (sy + ty) / 2 };
  if (end === "middle" || tx <= sx) return middle;
  if (end === "source") return { x: Math.min(sx + END_GAP.source + halfWidth, middle.x), y: sy };
  return { x: Math.max(tx - END_GAP.target - halfWidth, middle.x), y: ty };
}

/** Half a label's drawn width: its longest line at the widest character, with the background's padding. */
export function labelHalfWidth(lines: readonly string[]): number {
  return (Math.max(...lines.map((l) => l.length)) * CHAR_WIDTH + LABEL_PAD_X) / 2;
}

export interface LabelledEdge {
  id: string;
  /** The label's lines as drawn (already shortened; a long one takes two). */
  lines: readonly string[];
  /** Left end (source as drawn) and right end of the edge. */
  from: { id: string; kind: GraphNodeKind; badge: boolean };
  to: { id: string; kind: GraphNodeKind; badge: boolean };
  /** The end it is drawn beside (labelEnd). */
  end: LabelEnd;
}

/**
 * The ids of the edges whose labels are drawn, taking `edges` in order (put the ones that matter most first): an
 * edge's label is drawn if its box, where labelCentre puts it on the edge from the right side of `from` to the left
 * side of `to`, meets none drawn before it.
 */
export function labelsWithRoom(edges: readonly LabelledEdge[], positions: Positions): Set<string> {
  const drawn: { left: number; top: number; right: number; bottom: number }[] = [];
  const ids = new Set<string>();
  for (const e of edges) {
    const a = positions[e.from.id];
    const b = positions[e.to.id];
    if (!a || !b) continue;
    const half = labelHalfWidth(e.lines);
    const { x, y } = labelCentre(e.end, half, a.x + NODE_WIDTH, a.y + nodeHeight(e.from.kind, e.from.badge) / 2, b.x, b.y + nodeHeight(e.to.kind, e.to.badge) / 2);
    const halfHeight = (LABEL_HEIGHT + (e.lines.length - 1) * LINE_STEP) / 2;
    const box = { left: x - half, right: x + half, top: y - halfHeight, bottom: y + halfHeight };
    if (drawn.some((d) => d.left < box.right && box.left < d.right && d.top < box.bottom && box.top < d.bottom)) continue;
    drawn.push(box);
    ids.add(e.id);
  }
  return ids;
}
