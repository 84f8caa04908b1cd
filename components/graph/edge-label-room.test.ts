import { describe, expect, it } from "vitest";
import { labelsWithRoom } from "./edge-label-room";

const fn = (id: string) => ({ id, kind: "function" as const, badge: false });
const principal = (id: string) => ({ id, kind: "principal" as const, badge: false });

describe("which edge labels have room", () => {
  it("of two crossing edges, whose labels share the middle of the gap, draws the first one's only", () => {
    const positions = { a: { x: 0, y: 0 }, b: { x: 0, y: 100 }, f: { x: 388, y: 0 }, g: { x: 388, y: 100 } };
    const edges = [
      { id: "a-g", lines: ["SourceArn = arn:aw…"], from: principal("a"), to: fn("g") },
      { id: "b-f", lines: ["lambda:FunctionUrl…"], from: principal("b"), to: fn("f") },
    ];
    expect([...labelsWithRoom(edges, positions)]).toEqual(["a-g"]);
    expect([...labelsWithRoom([...edges].reverse(), positions)]).toEqual(["b-f"]);
  });

  it("draws every label of a fan-out whose targets are a node apart, and those of parallel edges", () => {
    const positions: Record<string, { x: number; y: number }> = { r: { x: 0, y: 300 } };
    const edges = Array.from({ length: 9 }, (_, i) => {
      positions[`t${i}`] = { x: 388, y: i * 64 };
      return { id: `e${i}`, lines: ["Write, Read, List"], from: principal("r"), to: fn(`t${i}`) };
    });
    expect(labelsWithRoom(edges, positions).size).toBe(9);
  });
});
