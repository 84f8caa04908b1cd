import { describe, expect, it } from "vitest";
import type { LayoutInput, Positions } from "./elk-graph";
import { countCrossings, ranksInColumn } from "./layout-quality";

const n = (id: string, kind: LayoutInput["nodes"][number]["kind"]) => ({ id, kind, badge: false });
const e = (source: string, target: string) => ({ id: `${source}>${target}`, source, target });
const at = (rows: Record<string, [number, number]>): Positions => Object.fromEntries(Object.entries(rows).map(([id, [x, y]]) => [id, { x, y }]));

describe("countCrossings", () => {
  const nodes = [n("p", "principal"), n("q", "principal"), n("f", "function"), n("g", "function"), n("r", "role")];

  it("counts edges whose ends are in opposite orders, whichever way an edge points", () => {
    const positions = at({ p: [0, 0], q: [0, 100], f: [400, 0], g: [400, 100], r: [800, 0] });
    expect(countCrossings({ nodes, edges: [e("p", "f"), e("q", "g")] }, positions)).toBe(0);
    expect(countCrossings({ nodes, edges: [e("p", "g"), e("q", "f")] }, positions)).toBe(1);
    // A role → function edge is drawn function → role, like the canvas draws it.
    expect(countCrossings({ nodes, edges: [e("p", "g"), e("q", "f"), e("r", "g"), e("f", "r")] }, positions)).toBe(1);
  });

  it("does not count edges that share a node", () => {
    const positions = at({ p: [0, 0], q: [0, 100], f: [400, 50], g: [400, 100], r: [800, 0] });
    expect(countCrossings({ nodes, edges: [e("p", "f"), e("q", "f"), e("p", "g"), e("f", "r"), e("g", "r")] }, positions)).toBe(1);
  });
});

describe("ranksInColumn", () => {
  it("is each node's place from the top of its own column", () => {
    const nodes = [n("f", "function"), n("g", "function"), n("h", "function"), n("p", "principal"), n("r", "role")];
    const positions = at({ f: [400, 200], g: [400, 0], h: [400, 100], p: [0, 500], r: [800, 300] });
    expect(ranksInColumn({ nodes, edges: [] }, positions, ["f", "g", "p", "r"])).toEqual([2, 0, 0, 0]);
  });
});
