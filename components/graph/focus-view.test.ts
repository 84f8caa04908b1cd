import { describe, expect, it } from "vitest";
import { FOCUS_MARGIN, FOCUS_MIN_ZOOM, FOCUS_ZOOM, focusBoxes, focusedViewport } from "./focus-view";
import type { Bounds as Box } from "./bounds";

const STEP = 248 + 140;

/**
 * One function's neighbourhood as the layout draws it: `invokers` in the first column, the function and its role in
 * the next two, `resources` (reached through the role) in the fourth, each column centred on the function's row.
 */
function neighbourhood(invokers: number, resources: number) {
  const column = (kind: string, col: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `${kind}-${i}`, type: kind, position: { x: col * STEP, y: (i - (n - 1) / 2) * 84 }, width: 248, height: 56 }));
  const nodes = [...column("principal", 0, invokers), ...column("function", 1, 1), ...column("role", 2, 1), ...column("resource", 3, resources)];
  const edges = [
    ...nodes.filter((n) => n.type === "principal").map((n) => ({ source: n.id, target: "function-0" })),
    { source: "function-0", target: "role-0" },
    ...nodes.filter((n) => n.type === "resource").map((n) => ({ source: "role-0", target: n.id })),
  ];
  return { nodes, edges };
}

function wholeOf(nodes: ReturnType<typeof neighbourhood>["nodes"]): Box {
  const x = Math.min(...nodes.map((n) => n.position.x));
  const y = Math.min(...nodes.map((n) => n.position.y));
  return { x, y, width: Math.max(...nodes.map((n) => n.position.x + n.width)) - x, height: Math.max(...nodes.map((n) => n.position.y + n.height)) - y };
}

/** A box as drawn at `vp`, in canvas px. */
function onScreen(b: Box, vp: { x: number; y: number; zoom: number }) {
  return { left: vp.x + b.x * vp.zoom, top: vp.y + b.y * vp.zoom, right: vp.x + (b.x + b.width) * vp.zoom, bottom: vp.y + (b.y + b.height) * vp.zoom };
}

/** A 1280 × 800 laptop's canvas beside the details panel, the legend collapsed: the toolbar's row at the top. */
const LAPTOP = { width: 864, height: 660, inset: { left: 0, top: 56 } };

describe("the focused function's boxes", () => {
  it("are the function's own and the one around it and its direct neighbours, not the resources its role reaches", () => {
    const { nodes, edges } = neighbourhood(2, 6);
    const boxes = focusBoxes(nodes, edges, "function-0")!;
    expect(boxes.node).toEqual({ x: STEP, y: 0, width: 248, height: 56 });
    expect(boxes.core).toEqual({ x: 0, y: -42, width: 2 * STEP + 248, height: 140 });
  });

  it("are none for a focus that is not a drawn function", () => {
    const { nodes, edges } = neighbourhood(2, 6);
    expect(focusBoxes(nodes, edges, "role-0")).toBeUndefined();
    expect(focusBoxes(nodes, edges, "function-9")).toBeUndefined();
    expect(focusBoxes(nodes, edges, null)).toBeUndefined();
  });
});

describe("the focused view", () => {
  it("on a laptop beside the details panel, draws the function and its direct neighbours at FOCUS_ZOOM, clear of the toolbar's row", () => {
    for (const [invokers, resources] of [[1, 1], [3, 12], [0, 4]] as const) {
      const { nodes, edges } = neighbourhood(invokers, resources);
      const focus = focusBoxes(nodes, edges, "function-0")!;
      const vp = focusedViewport(wholeOf(nodes), focus, LAPTOP.width, LAPTOP.height, LAPTOP.inset)!;
      const what = `${invokers} invokers, ${resources} resources`;
      expect(vp.zoom, what).toBe(FOCUS_ZOOM);
      const core = onScreen(focus.core, vp);
      expect(core.left, what).toBeGreaterThanOrEqual(LAPTOP.inset.left + FOCUS_MARGIN - 1e-9);
      expect(core.right, what).toBeLessThanOrEqual(LAPTOP.width);
      expect(core.top, what).toBeGreaterThanOrEqual(LAPTOP.inset.top);
      expect(core.bottom, what).toBeLessThanOrEqual(LAPTOP.height);
    }
  });

  it("leaves no empty margin beside a neighbourhood wider than the canvas: its first column starts at the margin", () => {
    const { nodes, edges } = neighbourhood(1, 1);
    const vp = focusedViewport(wholeOf(nodes), focusBoxes(nodes, edges, "function-0")!, LAPTOP.width, LAPTOP.height, LAPTOP.inset)!;
    expect(onScreen(wholeOf(nodes), vp).left).toBeCloseTo(FOCUS_MARGIN, 9);
  });

  it("draws a neighbourhood that fits the canvas whole, even where the margins beside it would not: no column cut", () => {
    const { nodes, edges } = neighbourhood(1, 3);
    const whole = wholeOf(nodes);
    // 1,440 px beside the details panel: the four columns fit with less than FOCUS_MARGIN on each side.
    const width = whole.width * FOCUS_ZOOM + FOCUS_MARGIN;
    const vp = focusedViewport(whole, focusBoxes(nodes, edges, "function-0")!, width, LAPTOP.height, LAPTOP.inset)!;
    expect(vp.zoom).toBe(FOCUS_ZOOM);
    const drawn = onScreen(whole, vp);
    expect(drawn.left).toBeCloseTo(FOCUS_MARGIN / 2, 9);
    expect(drawn.right).toBeCloseTo(width - FOCUS_MARGIN / 2, 9);
  });

  it("shrinks a little below FOCUS_ZOOM rather than cut the last column at the canvas's edge, but no further", () => {
    const { nodes, edges } = neighbourhood(2, 2);
    const whole = wholeOf(nodes);
    const focus = focusBoxes(nodes, edges, "function-0")!;
    // 1,440 px beside the details panel (a 1,024 px canvas): four columns of 1,412 px ran 35 px under the panel.
    expect(whole.width).toBe(1412);
    const vp = focusedViewport(whole, focus, 1024, 900, LAPTOP.inset)!;
    expect(vp.zoom).toBeLessThan(FOCUS_ZOOM);
    expect(vp.zoom).toBeGreaterThanOrEqual(FOCUS_MIN_ZOOM);
    const drawn = onScreen(whole, vp);
    expect(drawn.left).toBeCloseTo(FOCUS_MARGIN / 2, 9);
    expect(drawn.right).toBeCloseTo(1024 - FOCUS_MARGIN / 2, 9);
    // A 1,280 px laptop's canvas would need 0.59: FOCUS_ZOOM, the resources a pan away, as before.
    expect(focusedViewport(whole, focus, LAPTOP.width, LAPTOP.height, LAPTOP.inset)!.zoom).toBe(FOCUS_ZOOM);
  });

  it("with more invokers than the canvas is tall, keeps the function itself in view, and the column's ends a pan away", () => {
    const { nodes, edges } = neighbourhood(30, 2);
    const focus = focusBoxes(nodes, edges, "function-0")!;
    const vp = focusedViewport(wholeOf(nodes), focus, LAPTOP.width, LAPTOP.height, LAPTOP.inset)!;
    expect(vp.zoom).toBe(FOCUS_ZOOM);
    const fn = onScreen(focus.node, vp);
    expect(fn.top).toBeGreaterThanOrEqual(LAPTOP.inset.top);
    expect(fn.bottom).toBeLessThanOrEqual(LAPTOP.height);
    const whole = onScreen(wholeOf(nodes), vp);
    expect(whole.top).toBeLessThan(LAPTOP.inset.top);
    expect(whole.bottom).toBeGreaterThan(LAPTOP.height);
  });

  it("is none where the function and its direct neighbours are too wide for the canvas at FOCUS_ZOOM", () => {
    const { nodes, edges } = neighbourhood(1, 1);
    const focus = focusBoxes(nodes, edges, "function-0")!;
    const needed = focus.core.width * FOCUS_ZOOM + 2 * FOCUS_MARGIN;
    expect(focusedViewport(wholeOf(nodes), focus, needed - 1, 600, { left: 0, top: 56 })).toBeUndefined();
    expect(focusedViewport(wholeOf(nodes), focus, needed + 1, 600, { left: 0, top: 56 })).toBeDefined();
    // The open legend's column counts against it.
    expect(focusedViewport(wholeOf(nodes), focus, needed + 1, 600, { left: 264, top: 56 })).toBeUndefined();
  });
});

describe("the focused view and the canvas's height", () => {
  it("does not depend on it where the neighbourhood fits: the server's first paint guesses it, and must not move", () => {
    for (const [invokers, resources] of [[1, 1], [3, 6], [0, 4]] as const) {
      const { nodes, edges } = neighbourhood(invokers, resources);
      const focus = focusBoxes(nodes, edges, "function-0")!;
      const at = (height: number) => focusedViewport(wholeOf(nodes), focus, LAPTOP.width, height, LAPTOP.inset);
      expect(at(629), `${invokers} invokers, ${resources} resources`).toEqual(at(LAPTOP.height));
    }
  });
});
