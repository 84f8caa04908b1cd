/**
 * The graph page renders its first view twice over (the explorer's first store, then the canvas), on the server for
 * every visit and again in the browser; at 150 functions the digests of its ~1,000 edge ids and of its layout key
 * were the largest share of the app's own work in that render. Each is computed once.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { VisibleGraph } from "@/lib/view/visible-graph";
import type { GraphNodeView } from "@/lib/view/graph-model";

const calls = vi.hoisted(() => ({ digest: 0 }));
vi.mock("@/lib/view/digest", async (original) => {
  const { digest } = await original<typeof import("@/lib/view/digest")>();
  return { digest: (text: string, seed?: number) => (calls.digest++, digest(text, seed)) };
});

const { layoutInputOf, layoutKey } = await import("@/lib/view/elk-graph");
const { flowEdgeId, toFlowEdges } = await import("./flow-elements");
const { digest } = await vi.importActual<typeof import("@/lib/view/digest")>("@/lib/view/digest");

/** `n` functions, each with its role, as the server sends a view (every call makes new objects, like a new request). */
function view(n: number, prefix = "arn:aws:lambda:eu-west-1:123456789012:function:"): { visible: VisibleGraph; positions: Record<string, { x: number; y: number }> } {
  const nodes: GraphNodeView[] = [];
  const edges: VisibleGraph["edges"] = [];
  const positions: Record<string, { x: number; y: number }> = {};
  for (let i = 0; i < n; i++) {
    const fn = `fn:${prefix}f${i}`;
    const role = `role:arn:aws:iam::123456789012:role/r${i}`;
    nodes.push({ id: fn, kind: "function", label: `f${i}` }, { id: role, kind: "role", label: `r${i}` });
    edges.push({ id: `executes-as:${fn}->${role}`, source: fn, target: role, kind: "executes-as", label: "runs as" });
    positions[fn] = { x: 0, y: i * 84 };
    positions[role] = { x: 388, y: i * 84 };
  }
  return { visible: { nodes, edges, matching: n, shown: n, total: n, focus: null, aggregated: false }, positions };
}

beforeEach(() => {
  calls.digest = 0;
});

describe("the first view's layout key", () => {
  it("is digested once however many times the page, the explorer and the canvas ask for it", () => {
    const { visible } = view(20);
    const key = layoutKey(layoutInputOf(visible));
    const once = calls.digest;
    expect(once).toBeGreaterThan(0);
    expect(layoutInputOf(visible)).toBe(layoutInputOf(visible));
    expect(layoutKey(layoutInputOf(visible))).toBe(key);
    expect(calls.digest).toBe(once);
  });

  it("is still the key of the graph's content: a copy of the view has the same key, another view another", () => {
    const key = layoutKey(layoutInputOf(view(20).visible));
    expect(layoutKey(layoutInputOf(view(20).visible))).toBe(key);
    expect(layoutKey(layoutInputOf(view(21).visible))).not.toBe(key);
  });
});

describe("the first view's edges", () => {
  it("are made once for the explorer and the canvas (same view, selection and positions)", () => {
    const { visible, positions } = view(30, "arn:aws:lambda:eu-west-1:123456789012:function:same-");
    const first = toFlowEdges(visible, null, positions);
    expect(toFlowEdges(visible, null, positions)).toBe(first);
    const selected = toFlowEdges(visible, visible.nodes[0]!.id, positions);
    expect(selected).not.toBe(first);
    expect(selected.filter((e) => e.style?.strokeWidth === 2.5)).toHaveLength(1);
  });

  it("digest each edge id once, also for the next request's copy of the view", () => {
    const a = view(40, "arn:aws:lambda:eu-west-1:123456789012:function:next-");
    const first = toFlowEdges(a.visible, null, a.positions);
    expect(calls.digest).toBe(40);
    const b = view(40, "arn:aws:lambda:eu-west-1:123456789012:function:next-");
    expect(toFlowEdges(b.visible, null, b.positions).map((e) => e.id)).toEqual(first.map((e) => e.id));
    expect(calls.digest).toBe(40);
  });

  it("keep the ids they always had, past the most ids remembered", () => {
    const ids = Array.from({ length: 20_050 }, (_, i) => `invokes:p:${i}->fn:${i}`);
    expect(ids.filter((id) => flowEdgeId(id) !== `e-${digest(id)}`)).toEqual([]);
    expect(flowEdgeId(ids[0]!)).toBe(`e-${digest(ids[0]!)}`);
  });
});
