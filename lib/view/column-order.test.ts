import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { orderColumns } from "./column-order";

type Edge = { source: string; target: string };

/** Every pair of edges between the same two neighbouring columns whose ends are in opposite orders: by definition. */
function crossings(columns: readonly (readonly string[])[], edges: readonly Edge[]): number {
  const at = new Map(columns.flatMap((c, i) => c.map((id, y) => [id, { x: i, y }] as const)));
  const spans = edges.flatMap((e) => {
    const [s, t] = [at.get(e.source), at.get(e.target)];
    if (!s || !t || Math.abs(s.x - t.x) !== 1) return [];
    return [s.x < t.x ? { x: s.x, a: s.y, b: t.y } : { x: t.x, a: t.y, b: s.y }];
  });
  let count = 0;
  for (const [i, p] of spans.entries()) for (const q of spans.slice(i + 1)) if (p.x === q.x && (p.a - q.a) * (p.b - q.b) < 0) count++;
  return count;
}

const e = (source: string, target: string): Edge => ({ source, target });

describe("orderColumns", () => {
  it("untangles edges that cross", () => {
    const columns = [["a", "b"], ["y", "x"], ["k", "j"]];
    const edges = [e("a", "x"), e("b", "y"), e("x", "k"), e("y", "j")];
    expect(crossings(columns, edges)).toBe(2);
    const out = orderColumns({ columns, edges });
    expect(crossings(out, edges)).toBe(0);
  });

  it("keeps every node within its band, lowest band on top, even where that crosses edges", () => {
    const columns = [["a", "b"], ["x", "y"]];
    const edges = [e("a", "y"), e("b", "x")];
    const band = new Map([["x", -1]]);
    expect(orderColumns({ columns, edges, band })).toEqual([["b", "a"], ["x", "y"]]);
    // Both pinned: nothing may move, and the crossing stays.
    const both = new Map([["x", -2], ["y", -1], ["a", -2], ["b", -1]]);
    expect(orderColumns({ columns, edges, band: both })).toEqual(columns);
  });

  it("keeps the given order where moving gains nothing, unconnected nodes included", () => {
    const columns = [["a", "lone", "b"], ["x", "y", "z"]];
    const edges = [e("a", "x"), e("b", "y"), e("b", "z")];
    expect(orderColumns({ columns, edges })).toEqual(columns);
  });

  it("ignores edges that skip a column or stay in one, and ends that are in no column", () => {
    const columns = [["a", "b"], ["x", "y"], ["k"]];
    const edges = [e("a", "y"), e("b", "x"), e("a", "k"), e("a", "b"), e("a", "nowhere")];
    expect(crossings(orderColumns({ columns, edges }), edges)).toBe(0);
  });

  it("returns each column's nodes, sorted by band, never crossing more edges than the order it was given", () => {
    const graph = fc
      .array(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 4 })
      .chain((sizes) => {
        const columns = sizes.map((size, c) => Array.from({ length: size }, (_, i) => `${c}.${i}`));
        const pairs = columns.slice(1).flatMap((column, c) => columns[c]!.flatMap((s) => column.map((t) => e(s, t))));
        return fc.record({
          columns: fc.constant(columns),
          edges: fc.subarray(pairs).chain((edges) => fc.shuffledSubarray(edges, { minLength: edges.length })),
          bands: fc.array(fc.integer({ min: -2, max: 0 }), { minLength: 28, maxLength: 28 }),
        });
      });
    fc.assert(
      fc.property(graph, ({ columns, edges, bands }) => {
        const ids = columns.flat();
        const band = new Map(ids.map((id, i) => [id, bands[i]!]));
        const given = columns.map((c) => [...c].sort((a, b) => band.get(a)! - band.get(b)!));
        const out = orderColumns({ columns: given, edges, band });
        expect(out.map((c) => [...c].sort())).toEqual(given.map((c) => [...c].sort()));
        for (const c of out) expect(c.map((id) => band.get(id)!)).toEqual(c.map((id) => band.get(id)!).sort((a, b) => a - b));
        expect(crossings(out, edges)).toBeLessThanOrEqual(crossings(given, edges));
      }),
      { numRuns: 500 },
    );
  });
});
