/**
 * Two measures of a laid-out graph, so layout choices are compared by numbers (bench/layout.ts, unit tests):
 * how many drawn edges cross, and how near the top of its column each of the riskiest nodes sits.
 */
import { COLUMN, NODE_WIDTH, nodeHeight, type LayoutInput, type Positions } from "./elk-graph";

interface Segment {
  a: string;
  b: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Which side of the line p→q r lies on: >0 left, <0 right, 0 on it. */
const side = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => (qx - px) * (ry - py) - (qy - py) * (rx - px);

function cross(s: Segment, t: Segment): boolean {
  const d1 = side(s.x0, s.y0, s.x1, s.y1, t.x0, t.y0);
  const d2 = side(s.x0, s.y0, s.x1, s.y1, t.x1, t.y1);
  const d3 = side(t.x0, t.y0, t.x1, t.y1, s.x0, s.y0);
  const d4 = side(t.x0, t.y0, t.x1, t.y1, s.x1, s.y1);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/**
 * Pairs of edges that cross as the canvas draws them: from the right-hand middle of the node in the earlier column
 * to the left-hand middle of the other (components/graph/flow-elements.ts), taken as straight lines. Between the same
 * two columns a curve and its chord cross the same others; edges that share a node never count.
 */
export function countCrossings(input: LayoutInput, positions: Positions): number {
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const segments: Segment[] = [];
  for (const e of input.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    const ps = positions[e.source];
    const pt = positions[e.target];
    if (!s || !t || !ps || !pt || s === t) continue;
    const [l, r, pl, pr] = COLUMN[s.kind] <= COLUMN[t.kind] ? [s, t, ps, pt] : [t, s, pt, ps];
    segments.push({
      a: l.id,
      b: r.id,
      x0: pl.x + NODE_WIDTH,
      y0: pl.y + nodeHeight(l.kind, l.badge) / 2,
      x1: pr.x,
      y1: pr.y + nodeHeight(r.kind, r.badge) / 2,
    });
  }
  segments.sort((p, q) => p.x0 - q.x0);
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    for (let j = i + 1; j < segments.length && segments[j]!.x0 < s.x1; j++) {
      const t = segments[j]!;
      if (s.a === t.a || s.a === t.b || s.b === t.a || s.b === t.b) continue;
      if (cross(s, t)) count++;
    }
  }
  return count;
}

/**
 * Where each of `riskiest` (ids of one column, riskiest first) is drawn in that column, counted from the top (0):
 * [0, 1, 2] when the three riskiest open the column in order.
 */
export function ranksInColumn(input: LayoutInput, positions: Positions, riskiest: readonly string[]): number[] {
  const kind = new Map(input.nodes.map((n) => [n.id, n.kind]));
  const column = (id: string) => COLUMN[kind.get(id) ?? "function"];
  return riskiest.map((id) => {
    const y = positions[id]?.y ?? Infinity;
    return input.nodes.filter((n) => n.id !== id && COLUMN[n.kind] === column(id) && (positions[n.id]?.y ?? Infinity) < y).length;
  });
}
