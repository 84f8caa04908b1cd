import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ELK from "elkjs/lib/elk.bundled.js";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { graphIndexOf, graphView } from "./graph-view";
import { boundsOf, readableTopViewport, SERVER_CANVAS } from "@/components/graph/flow-elements";
import {
  columnLayout,
  layoutInputOf,
  layoutKey,
  layoutOrder,
  NODE_WIDTH,
  nodeHeight,
  positionsFromElk,
  RISKIEST_ON_TOP,
  toElkGraph,
  type LayoutInput,
  type Positions,
} from "./elk-graph";
import { countCrossings, ranksInColumn } from "./layout-quality";
import { loadGraphViewState } from "./url-state";

const input = fc.record({
  nodes: fc.array(fc.record({ id: fc.string({ maxLength: 6 }), kind: fc.constantFrom("function" as const, "role" as const), badge: fc.boolean() }), { maxLength: 6 }),
  edges: fc.array(fc.record({ id: fc.string({ maxLength: 6 }), source: fc.constant("a"), target: fc.constant("b") }), { maxLength: 6 }),
});

/** What a layout depends on, spelt out: the key must tell two inputs apart exactly when this differs. */
const identity = (i: LayoutInput) => JSON.stringify([i.nodes.map((n) => [n.id, n.badge]), i.edges.map((e) => e.id)]);

describe("layoutKey", () => {
  it("is short however large the graph", () => {
    const big: LayoutInput = {
      nodes: Array.from({ length: 2_000 }, (_, i) => ({ id: `fn:arn:aws:lambda:us-east-1:123456789012:function:f-${i}`, kind: "function", badge: i % 3 === 0 })),
      edges: [],
    };
    expect(layoutKey(big).length).toBeLessThan(40);
  });

  it("differs when a node, its badge, an edge or their order differs, and is stable otherwise", () => {
    fc.assert(
      fc.property(input, input, (a, b) => {
        expect(layoutKey(a) === layoutKey(b)).toBe(identity(a) === identity(b));
        expect(layoutKey(a)).toBe(layoutKey(structuredClone(a)));
      }),
      { numRuns: 2_000 },
    );
  });

  it("tells apart ids that hold the characters a joined key would use (source ARNs hold * and |)", () => {
    const n = (id: string, badge: boolean) => ({ id, kind: "function" as const, badge });
    expect(layoutKey({ nodes: [n("api/*", false)], edges: [] })).not.toBe(layoutKey({ nodes: [n("api/", true)], edges: [] }));
    expect(layoutKey({ nodes: [n("a|b", false)], edges: [] })).not.toBe(layoutKey({ nodes: [n("a", false), n("b", false)], edges: [] }));
  });

  it("tells apart inputs that differ in one badge among many nodes", () => {
    const nodes = Array.from({ length: 500 }, (_, i) => ({ id: `n${i}`, kind: "function" as const, badge: false }));
    const flipped = nodes.map((n, i) => (i === 317 ? { ...n, badge: true } : n));
    expect(layoutKey({ nodes, edges: [] })).not.toBe(layoutKey({ nodes: flipped, edges: [] }));
  });
});

describe("layoutOrder", () => {
  const n = (id: string, kind: LayoutInput["nodes"][number]["kind"], aliasOf?: string) => ({ id, kind, badge: false, ...(aliasOf ? { aliasOf } : {}) });
  const e = (source: string, target: string) => ({ id: `${source}>${target}`, source, target });
  // Functions riskiest first, then an alias of the riskiest, as lib/view/visible-graph.ts lists them.
  const input: LayoutInput = {
    nodes: [
      ...[n("f0", "function"), n("f1", "function"), n("f2", "function"), n("a0", "function", "f0")],
      ...[n("lone", "resource"), n("late", "resource"), n("res", "resource"), n("r2", "role"), n("r1", "role"), n("r0", "role")],
      ...[n("p", "principal"), n("q", "event-source")],
    ],
    edges: [e("p", "f2"), e("p", "f1"), e("q", "f0"), e("f0", "r0"), e("a0", "r0"), e("f1", "r1"), e("f2", "r2"), e("r2", "res"), e("r0", "res"), e("r2", "late")],
  };
  const column = (kind: string) =>
    layoutOrder(input)
      .filter((x) => x.kind === kind)
      .map((x) => x.id);

  it("keeps the functions' order, with each alias just after its function", () => {
    expect(column("function")).toEqual(["f0", "a0", "f1", "f2"]);
  });

  it("places other nodes by their neighbours nearer the functions, the unconnected last", () => {
    expect(column("role")).toEqual(["r0", "r1", "r2"]);
    // Invokers share a column: q invokes f0, p the lower f1 and f2.
    expect(layoutOrder(input).filter((x) => x.kind === "principal" || x.kind === "event-source").map((x) => x.id)).toEqual(["q", "p"]);
    // res hangs off r0 and r2, late off r2 alone, lone off nothing.
    expect(column("resource")).toEqual(["res", "late", "lone"]);
  });

  it("is what the instant column layout stacks", () => {
    const y = columnLayout(input);
    expect(y.a0!.y).toBeGreaterThan(y.f0!.y);
    expect(y.a0!.y).toBeLessThan(y.f1!.y);
  });
  // Functions f0… riskiest first; the first RISKIEST_ON_TOP (f0–f4) are pinned.
  const fns = (count: number) => Array.from({ length: count }, (_, i) => n(`f${i}`, "function"));
  const ids = (nodes: LayoutInput["nodes"], ...kinds: string[]) => nodes.filter((x) => kinds.includes(x.kind)).map((x) => x.id);

  it("below the riskiest, orders functions so that fewer edges cross", () => {
    // p invokes f5 and f7, q invokes f6: in the view's order one of q's and p's edges cross, with f6 and f7 swapped none.
    const spread: LayoutInput = {
      nodes: [...fns(8), n("p", "principal"), n("q", "principal")],
      edges: [e("p", "f5"), e("q", "f6"), e("p", "f7")],
    };
    expect(RISKIEST_ON_TOP).toBe(5);
    expect(ids(layoutOrder(spread), "function").slice(0, 5)).toEqual(["f0", "f1", "f2", "f3", "f4"]);
    expect(countCrossings(spread, columnLayout(spread))).toBe(0);
  });

  it("below the riskiest, never moves a function above a more severe one to save a crossing", () => {
    // As above, but f6 is high and f7 medium: swapping them would save the crossing, and is not done.
    const graded = (id: string, severity?: number) => ({ ...n(id, "function"), ...(severity === undefined ? {} : { badge: true, severity }) });
    const spread: LayoutInput = {
      nodes: [...fns(5), graded("f5", 1), graded("f6", 1), graded("f7", 2), n("p", "principal"), n("q", "principal")],
      edges: [e("p", "f5"), e("q", "f6"), e("p", "f7")],
    };
    expect(ids(layoutOrder(spread), "function").slice(5)).toEqual(["f5", "f6", "f7"]);
    // With f7 as severe as f6, the swap is made.
    const even = { ...spread, nodes: spread.nodes.map((x) => (x.id === "f7" ? graded("f7", 1) : x)) };
    expect(ids(layoutOrder(even), "function").slice(5)).toEqual(["f5", "f7", "f6"]);
  });

  it("puts the riskiest functions' invokers and roles first in their columns, whatever else they reach", () => {
    // p invokes f0 but also f5 below, q only f1: p goes first, though its place by neighbours (2.5) is below q's (1).
    // Role r serves f0 and f5: first in its column.
    const shared: LayoutInput = {
      nodes: [...fns(6), n("q", "principal"), n("p", "event-source"), n("s", "role"), n("r", "role")],
      edges: [e("p", "f0"), e("q", "f1"), e("p", "f5"), e("f1", "s"), e("f0", "r"), e("f5", "r")],
    };
    expect(ids(layoutOrder(shared), "principal", "event-source")).toEqual(["p", "q"]);
    expect(ids(layoutOrder(shared), "role")).toEqual(["r", "s"]);
  });
});

describe("toElkGraph", () => {
  const demo = graphIndexOf(analyzeSnapshot(JSON.parse(readFileSync("data/demo-snapshot.json", "utf8"))));
  const drawn = async (query: Record<string, string>) => {
    const { visible } = graphView(demo, loadGraphViewState(query));
    const input = layoutInputOf(visible);
    const positions = positionsFromElk(await new ELK().layout(toElkGraph(input)));
    const fns = visible.nodes.filter((x) => x.kind === "function" && !x.aliasOf).map((x) => x.id);
    return { input, positions, fns };
  };
  /** The bottom edge of the opening view at 1440 × 900 (the canvas opens at the top, at a readable zoom). */
  const openingBottom = (input: LayoutInput, positions: Positions) => {
    const bounds = boundsOf(input.nodes.map((n) => ({ position: positions[n.id]!, width: NODE_WIDTH, height: nodeHeight(n.kind, n.badge) })));
    const view = readableTopViewport(bounds, SERVER_CANVAS.width, SERVER_CANVAS.height, true);
    return view ? (SERVER_CANVAS.height - view.y) / view.zoom : Infinity;
  };

  it(`draws the demo's ${RISKIEST_ON_TOP} riskiest functions top to bottom in the view's order, riskiest first, all on the opening view`, async () => {
    for (const query of [{}, { limit: "150" }] as Record<string, string>[]) {
      const { input, positions, fns } = await drawn(query);
      expect(fns.length).toBe(query.limit ? 84 : 25);
      const top = [...fns].sort((a, b) => positions[a]!.y - positions[b]!.y);
      expect(top.slice(0, RISKIEST_ON_TOP)).toEqual(fns.slice(0, RISKIEST_ON_TOP));
      expect(ranksInColumn(input, positions, fns.slice(0, RISKIEST_ON_TOP))).toEqual([0, 1, 2, 3, 4]);
      const bottom = openingBottom(input, positions);
      for (const id of fns.slice(0, RISKIEST_ON_TOP)) expect(positions[id]!.y + nodeHeight("function", true), id).toBeLessThanOrEqual(bottom);
      // Top to bottom, no function above one whose worst finding is more severe (none counts as the mildest).
      const rank = new Map(input.nodes.map((x) => [x.id, x.severity ?? 9]));
      const drawnOrder = [...fns].sort((a, b) => positions[a]!.y - positions[b]!.y).map((id) => rank.get(id)!);
      expect(drawnOrder).toEqual([...drawnOrder].sort((a, b) => a - b));
    }
  }, 60_000);

  it("crosses far fewer edges than the whole view's order (demo: 296 default, 5,534 full), near ELK alone (181, 3,108)", async () => {
    const view = await drawn({});
    // 233 since the demo's CI deploy role (drawn as an invoker) calls deploy-hook: one more edge across the columns.
    expect(countCrossings(view.input, view.positions)).toBeLessThanOrEqual(240);
    const full = await drawn({ limit: "150" });
    // 3,851 → 3,938 when the demo gained its 84th function (a durable workflow: one more invoker, role and reach).
    expect(countCrossings(full.input, full.positions)).toBeLessThanOrEqual(4_000);
  }, 60_000);
});
