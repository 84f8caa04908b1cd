import { describe, expect, it } from "vitest";
import { labelCentre, labelEnd, labelHalfWidth, labelsWithRoom } from "./edge-label-room";

const fn = (id: string) => ({ id, kind: "function" as const, badge: false });
const principal = (id: string) => ({ id, kind: "principal" as const, badge: false });

describe("which edge labels have room", () => {
  it("of two crossing edges, whose labels share the middle of the gap, draws the first one's only", () => {
    const positions = { a: { x: 0, y: 0 }, b: { x: 0, y: 100 }, f: { x: 388, y: 0 }, g: { x: 388, y: 100 } };
    const edges = [
      { id: "a-g", lines: ["SourceArn = arn:aw…"], from: principal("a"), to: fn("g"), end: "middle" as const },
      { id: "b-f", lines: ["lambda:FunctionUrl…"], from: principal("b"), to: fn("f"), end: "middle" as const },
    ];
    expect([...labelsWithRoom(edges, positions)]).toEqual(["a-g"]);
    expect([...labelsWithRoom([...edges].reverse(), positions)]).toEqual(["b-f"]);
  });

  it("draws every label of a fan-out whose targets are a node apart, and those of parallel edges", () => {
    const positions: Record<string, { x: number; y: number }> = { r: { x: 0, y: 300 } };
    const edges = Array.from({ length: 9 }, (_, i) => {
      positions[`t${i}`] = { x: 388, y: i * 64 };
      return { id: `e${i}`, lines: ["Write, Read, List"], from: principal("r"), to: fn(`t${i}`), end: labelEnd({ source: 9, target: 1 }) };
    });
    expect(labelsWithRoom(edges, positions).size).toBe(9);
  });
});

describe("where a label sits on its edge", () => {
  it("beside the end its edge shares with no other labelled edge; at the middle when both ends are shared or neither", () => {
    expect(labelEnd({ source: 1, target: 3 })).toBe("source");
    expect(labelEnd({ source: 4, target: 1 })).toBe("target");
    expect(labelEnd({ source: 1, target: 1 })).toBe("middle");
    expect(labelEnd({ source: 2, target: 2 })).toBe("middle");
  });

  it("three like labels into one function sit each level with its own invoker, in the gap, a node apart", () => {
    // ledger-api's three "identity policy · InvokeAsync" edges: from invokers 130 px apart into one function.
    const lines = ["identity policy", "InvokeAsync"];
    const half = labelHalfWidth(lines);
    const sources = [100, 230, 360].map((y) => ({ x: 252, y }));
    const target = { x: 388, y: 100 };
    const centres = sources.map((s) => labelCentre("source", half, s.x, s.y, target.x, target.y));
    centres.forEach((c, i) => {
      expect(c.y).toBe(sources[i]!.y);
      expect(c.x - half).toBeGreaterThan(252);
      expect(c.x + half).toBeLessThan(388);
    });
    // At the middle, the second and third labels were 65 px apart, each half-way to the shared end.
    expect(labelCentre("middle", half, 252, 360, 388, 100).y).toBe(230);
  });

  it("a label beside the target clears the arrow; one too wide to move stays at the middle's x", () => {
    const c = labelCentre("target", 20, 252, 0, 388, 300);
    expect(c).toEqual({ x: 388 - 18 - 20, y: 300 });
    expect(labelCentre("source", 68, 252, 0, 388, 300)).toEqual({ x: 320, y: 0 });
  });
});
