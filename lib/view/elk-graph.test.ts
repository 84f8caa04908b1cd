import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { layoutKey, type LayoutInput } from "./elk-graph";

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
