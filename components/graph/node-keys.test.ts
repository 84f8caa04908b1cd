import { describe, expect, it } from "vitest";
import { isNavKey, NAV_MARGIN, navArea, nodeInDirection, panToReveal, type NavNode } from "./node-keys";

const node = (id: string, type: string, x: number, y: number, height = 56): NavNode => ({ id, type, position: { x, y }, height });

// Invokers | functions | roles (no resources), listed out of drawing order on purpose.
const nodes = [
  node("f2", "function", 400, 300),
  node("f0", "function", 400, 0),
  node("f1", "function", 400, 100, 100),
  node("p0", "principal", 0, 90),
  node("e0", "event-source", 0, 400),
  node("r0", "role", 800, 40),
  node("r1", "role", 800, 280),
];

describe("nodeInDirection", () => {
  it("Up and Down follow the column from top to bottom, and stop at its ends", () => {
    expect(nodeInDirection(nodes, "f0", "ArrowDown")).toBe("f1");
    expect(nodeInDirection(nodes, "f1", "ArrowDown")).toBe("f2");
    expect(nodeInDirection(nodes, "f2", "ArrowDown")).toBeNull();
    expect(nodeInDirection(nodes, "f2", "ArrowUp")).toBe("f1");
    expect(nodeInDirection(nodes, "f0", "ArrowUp")).toBeNull();
  });

  it("principals and event sources share the invokers' column", () => {
    expect(nodeInDirection(nodes, "p0", "ArrowDown")).toBe("e0");
    expect(nodeInDirection(nodes, "e0", "ArrowUp")).toBe("p0");
  });

  it("Left and Right go to the node nearest in height in the next column that side", () => {
    expect(nodeInDirection(nodes, "f1", "ArrowLeft")).toBe("p0"); // middles 150 and 118
    expect(nodeInDirection(nodes, "f2", "ArrowLeft")).toBe("e0");
    expect(nodeInDirection(nodes, "f1", "ArrowRight")).toBe("r0"); // middle 150: 82 from r0's, 158 from r1's
    expect(nodeInDirection(nodes, "f2", "ArrowRight")).toBe("r1");
    expect(nodeInDirection(nodes, "r0", "ArrowRight")).toBeNull();
    expect(nodeInDirection(nodes, "p0", "ArrowLeft")).toBeNull();
  });

  it("skips an empty column, and prefers the upper node on a tie", () => {
    const gap = [node("a", "principal", 0, 100), node("top", "role", 800, 50), node("bottom", "role", 800, 150)];
    expect(nodeInDirection(gap, "a", "ArrowRight")).toBe("top");
    expect(nodeInDirection([...gap].reverse(), "a", "ArrowRight")).toBe("top");
  });

  it("knows only the four arrows, and no unknown node", () => {
    expect(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].every(isNavKey)).toBe(true);
    expect(isNavKey("Tab")).toBe(false);
    expect(nodeInDirection(nodes, "missing", "ArrowDown")).toBeNull();
  });
});

describe("panToReveal", () => {
  // A 1000 × 600 canvas with the open legend's column (264 px) and the toolbar's row (56 px) kept clear.
  const area = navArea(1000, 600, { left: 264, top: 56 });
  const box = { id: "n", position: { x: 100, y: 1000 }, width: 248, height: 100 };

  it("keeps the insets, or a margin where there is none", () => {
    expect(area).toEqual({ left: 264, top: 56, right: 1000 - NAV_MARGIN, bottom: 600 - NAV_MARGIN });
    expect(navArea(1000, 600, { left: 0, top: 56 }).left).toBe(NAV_MARGIN);
  });

  it("does not move for a node already wholly in the area", () => {
    expect(panToReveal(box, { x: 300, y: -900, zoom: 1 }, area)).toEqual({ dx: 0, dy: 0 });
  });

  it("pans as little as brings a node below or right of the area to its bottom or right edge", () => {
    // At zoom 0.5 the node spans y 700–750 on screen; its bottom comes up to the area's, 576.
    expect(panToReveal(box, { x: 300, y: 200, zoom: 0.5 }, area)).toEqual({ dx: 0, dy: 576 - (1000 * 0.5 + 200 + 50) });
    expect(panToReveal({ ...box, position: { x: 900, y: 0 } }, { x: 0, y: 100, zoom: 1 }, area)).toEqual({ dx: 976 - 1148, dy: 0 });
  });

  it("pans a node above or left of the area to its top or left edge", () => {
    expect(panToReveal(box, { x: 0, y: -1000, zoom: 1 }, area)).toEqual({ dx: 164, dy: 56 });
  });

  it("shows a node taller than the area from its top", () => {
    expect(panToReveal({ ...box, height: 2000 }, { x: 300, y: -900, zoom: 1 }, area)).toEqual({ dx: 0, dy: 56 - 100 });
  });

  it("with the minimap open, pans a node the area's edge would leave under it up above it, or left of it where that pans less", () => {
    // The minimap (bottom right) from x 760, y 400; a node 248 × 100 at zoom 1.
    const minimap = { left: 760, top: 400 };
    // Brought to the bottom right corner (x 728–976, y 476–576) it met the minimap: 184 px up (to y 292) beats 224 px left.
    expect(panToReveal({ ...box, position: { x: 800, y: 1000 } }, { x: 0, y: 0, zoom: 1 }, area, minimap)).toEqual({ dx: -72, dy: 292 - 1000 });
    // At x 560–808 it overlaps the minimap by 48 px: 56 px left (to 752) beats going up.
    expect(panToReveal({ ...box, position: { x: 560, y: 1000 } }, { x: 0, y: 0, zoom: 1 }, area, minimap)).toEqual({ dx: -56, dy: 476 - 1000 });
    // Clear of it: the plain pan.
    expect(panToReveal(box, { x: 300, y: -1000, zoom: 1 }, area, minimap)).toEqual(panToReveal(box, { x: 300, y: -1000, zoom: 1 }, area));
  });
});
