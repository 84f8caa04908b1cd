import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import { getViewportForBounds, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import fc from "fast-check";
import {
  boundsOf,
  DETAILS_PANEL_WIDTH,
  EDGE_LABEL_CHARS,
  edgeLabelLines,
  FIT_VIEW,
  firstPaintCanvas,
  firstPaintCentringCss,
  CONTROLS_COLUMN,
  fitInset,
  fitViewOptions,
  legendFits,
  legendRoom,
  MIN_OPENING_ZOOM,
  OPENING_INSET,
  openingViewport,
  READABLE_ZOOM,
  readableTopViewport,
  SERVER_CANVAS,
  serverStoreInit,
  toFlowEdges,
  toFlowNodes,
} from "./flow-elements";
import { LEGEND_BOX } from "./legend";
import { FOCUS_ZOOM, focusBoxes } from "./focus-view";
import { DEFAULT_WINDOW } from "@/lib/view/window-size";
import type { VisibleGraph } from "@/lib/view/visible-graph";
import type { GraphNodeView } from "@/lib/view/graph-model";
import { LONGEST_ARN, printable } from "@/lib/view/long-words";

function fn(i: number): GraphNodeView {
  return { id: `fn-${i}`, kind: "function", label: `function-${i}`, findingIds: [] } as unknown as GraphNodeView;
}

/** A column of `n` functions, each with a role `gap` px to its right: tall when n is large, wide when gap is. */
function column(n: number, gap = 400): { visible: VisibleGraph; positions: Record<string, { x: number; y: number }> } {
  const nodes: GraphNodeView[] = [];
  const edges: VisibleGraph["edges"] = [];
  const positions: Record<string, { x: number; y: number }> = {};
  for (let i = 0; i < n; i++) {
    nodes.push(fn(i));
    nodes.push({ id: `role-${i}`, kind: "role", label: `role-${i}`, findingIds: [] } as unknown as GraphNodeView);
    edges.push({ id: `e-${i}`, source: `fn-${i}`, target: `role-${i}`, kind: "executes-as" } as VisibleGraph["edges"][number]);
    positions[`fn-${i}`] = { x: 0, y: 12 + i * 80 };
    positions[`role-${i}`] = { x: gap, y: 12 + i * 80 };
  }
  return { visible: { nodes, edges } as unknown as VisibleGraph, positions };
}

/** The transform React Flow's own store starts with, read from its server-rendered viewport. */
function ssrTransform(init: ReturnType<typeof serverStoreInit>) {
  const html = renderToString(
    createElement(ReactFlowProvider, { ...init, children: createElement(ReactFlow, { nodes: init.initialNodes, edges: init.initialEdges, onlyRenderVisibleElements: true }) }),
  );
  const m = /transform:translate\(([-\d.]+)px,([-\d.]+)px\) scale\(([-\d.]+)\)/.exec(html);
  if (!m) throw new Error("no viewport transform in the server HTML");
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]), html };
}

describe("the first view in React Flow's store (server-rendered graph)", () => {
  it("a tall graph starts at the canvas's own opening viewport: readable zoom, top edge below the toolbar's row", () => {
    const { visible, positions } = column(60);
    const nodes = toFlowNodes(visible, positions, null);
    const want = readableTopViewport(boundsOf(nodes), SERVER_CANVAS.width, SERVER_CANVAS.height, true);
    expect(want).toBeDefined();
    const got = ssrTransform(serverStoreInit(nodes, toFlowEdges(visible, null)));
    expect(got.zoom).toBeCloseTo(want!.zoom, 5);
    expect(got.x).toBeCloseTo(want!.x, 3);
    expect(got.y).toBeCloseTo(want!.y, 3);
    expect(got.y).toBeCloseTo(OPENING_INSET.top - 12 * want!.zoom, 3);
  });

  it("draws the first screen's nodes and edges in the HTML, not the ones below it", () => {
    const { visible, positions } = column(60);
    const { html } = ssrTransform(serverStoreInit(toFlowNodes(visible, positions, null), toFlowEdges(visible, null)));
    expect(html).toContain('data-id="fn-0"');
    expect(html).toContain('data-id="role-0"');
    expect(html).not.toContain('data-id="fn-59"');
    expect(html).toMatch(/react-flow__edge-path/);
    const edgeId = (id: string) => toFlowEdges(visible, null).find((e) => e.data?.view.id === id)?.id;
    expect(html).toContain(`data-id="${edgeId("e-0")}"`);
    expect(html).not.toContain(`data-id="${edgeId("e-59")}"`);
  });

  it("leaves out of the HTML a node whose id the HTML parser would rewrite (CR, NUL, lone surrogate), and its edges", () => {
    // The browser reads a server-rendered CR as LF and NUL as U+FFFD: React Flow's size observer reads the node's id
    // back from data-id, found no such node, and never drew its edges (the PNG report timed out waiting for them).
    for (const n of [2, 60]) {
      const { visible, positions } = column(n);
      const odd = ["fn-\r0", "role-\u00000", "fn-\ud8001"];
      const rename = (id: string) => ({ "fn-0": odd[0]!, "role-0": odd[1]!, "fn-1": odd[2]! })[id] ?? id;
      const renamed = {
        nodes: visible.nodes.map((v) => ({ ...v, id: rename(v.id) })),
        edges: visible.edges.map((e) => ({ ...e, source: rename(e.source), target: rename(e.target) })),
      } as unknown as VisibleGraph;
      const placed = Object.fromEntries(Object.entries(positions).map(([id, p]) => [rename(id), p]));
      const init = serverStoreInit(toFlowNodes(renamed, placed, null), toFlowEdges(renamed, null));
      expect(init.initialNodes.filter((v) => odd.includes(v.id)).map((v) => v.hidden)).toEqual([true, true, true]);
      expect(init.initialEdges.filter((e) => odd.includes(e.source) || odd.includes(e.target)).every((e) => e.hidden)).toBe(true);
      const { html } = ssrTransform(init);
      expect(html).toContain('data-id="role-1"');
      expect(html).not.toMatch(/[\r\u0000\ud800]/);
    }
  });

  it("a small graph is fitted, as the canvas fits it", () => {
    const { visible, positions } = column(2);
    const nodes = toFlowNodes(visible, positions, null);
    expect(readableTopViewport(boundsOf(nodes), SERVER_CANVAS.width, SERVER_CANVAS.height, true)).toBeUndefined();
    const init = serverStoreInit(nodes, toFlowEdges(visible, null));
    expect(init.initialNodes.some((n) => n.hidden)).toBe(false);
    const got = ssrTransform(init);
    expect(got.zoom).toBeLessThanOrEqual(1.1);
    expect(got.zoom).toBeGreaterThan(0.6);
  });

  it("starts every graph, fitted or not, where the canvas opens it, clear of the open legend's column and the toolbar's row", () => {
    for (const besidePanel of [false, true]) {
      for (const legend of [undefined, true, false]) {
        for (const [n, gap] of [[60, 400], [60, 1800], [2, 400], [2, 1800]] as const) {
          const { visible, positions } = column(n, gap);
          const nodes = toFlowNodes(visible, positions, null);
          const bounds = boundsOf(nodes);
          const width = SERVER_CANVAS.width - (besidePanel ? DETAILS_PANEL_WIDTH : 0);
          const open = legend ?? legendFits(bounds, width);
          const want = openingViewport(bounds, width, SERVER_CANVAS.height, open);
          const got = ssrTransform(serverStoreInit(nodes, toFlowEdges(visible, null), { besidePanel, legend }));
          const what = `${n} rows, ${gap} px apart, ${besidePanel ? "beside the panel" : "alone"}, legend ${legend ?? "unchosen"}`;
          expect(got.zoom, what).toBeCloseTo(want.zoom, 5);
          expect(got.x, what).toBeCloseTo(want.x, 3);
          expect(got.y, what).toBeCloseTo(want.y, 3);
          expect(got.x + bounds.x * got.zoom, what).toBeGreaterThanOrEqual(fitInset(open).left - 0.001);
          expect(got.y + bounds.y * got.zoom, what).toBeGreaterThanOrEqual(OPENING_INSET.top - 0.001);
          if (got.zoom > 0.5) expect(got.x + (bounds.x + bounds.width) * got.zoom, what).toBeLessThanOrEqual(width);
        }
      }
    }
  });

  it("in the window the browser told, starts where the canvas opens it there: beside the panel from 1024 px, over it in a short window below, above it in a tall one", () => {
    const header = DEFAULT_WINDOW.height - SERVER_CANVAS.height;
    const windows = [
      { window: { width: 1024, height: 768 }, alone: 1024, beside: 608 },
      { window: { width: 1280, height: 800 }, alone: 1280, beside: 864 },
      { window: { width: 1920, height: 1080 }, alone: 1920, beside: 1504 },
      { window: { width: 800, height: 600 }, alone: 800, beside: 800 },
      // A tablet: the panel takes the lower half; a phone: of at least 576 px, the page scrolling.
      { window: { width: 768, height: 1024 }, alone: 768, beside: 768, besideHeight: (1024 - header) / 2 },
      { window: { width: 390, height: 640 }, alone: 390, beside: 390, besideHeight: 576 / 2 },
    ];
    for (const { window, alone, beside, besideHeight } of windows) {
      for (const besidePanel of [false, true]) {
        const width = besidePanel ? beside : alone;
        const height = besidePanel && besideHeight ? besideHeight : window.height - header;
        expect(firstPaintCanvas(window, besidePanel)).toEqual({ width, height });
        for (const [n, gap] of [[60, 400], [60, 1800], [2, 400], [2, 1164]] as const) {
          const { visible, positions } = column(n, gap);
          const nodes = toFlowNodes(visible, positions, null);
          const bounds = boundsOf(nodes);
          const { height } = firstPaintCanvas(window, besidePanel);
          const want = openingViewport(bounds, width, height, legendFits(bounds, width));
          const got = ssrTransform(serverStoreInit(nodes, toFlowEdges(visible, null), { window, besidePanel }));
          const what = `${window.width}×${window.height}, ${n} rows, ${gap} px apart, ${besidePanel ? "with the panel" : "alone"}`;
          expect(got.zoom, what).toBeCloseTo(want.zoom, 5);
          expect(got.x, what).toBeCloseTo(want.x, 3);
          expect(got.y, what).toBeCloseTo(want.y, 3);
        }
      }
    }
  });

  it("says which height it centred a fitted view in, for the CSS to centre it in the canvas's real one; a top view is not centred", () => {
    const window = { width: 1440, height: 900 };
    const { height } = firstPaintCanvas(window, true);
    const small = column(2, 1164);
    const fitted = serverStoreInit(toFlowNodes(small.visible, small.positions, null), toFlowEdges(small.visible, null), { window, besidePanel: true });
    expect(fitted.centredIn).toBe(height);
    const got = ssrTransform(fitted);
    const bounds = boundsOf(fitted.initialNodes);
    expect(got.y + (bounds.y + bounds.height / 2) * got.zoom).toBeCloseTo(height / 2, 3);
    expect(firstPaintCentringCss(height)).toContain(`translate:0 calc(50% - ${height / 2}px)`);
    const tall = column(60);
    expect(serverStoreInit(toFlowNodes(tall.visible, tall.positions, null), toFlowEdges(tall.visible, null), { window }).centredIn).toBeUndefined();
  });

  it("beside the details panel, a graph the open legend would squeeze below a readable zoom starts with it collapsed", () => {
    // One function's neighbourhood (four columns) on a 1440 px window with its details panel: 1,024 px of canvas.
    const { visible, positions } = column(2, 1164);
    const nodes = toFlowNodes(visible, positions, null);
    expect(boundsOf(nodes).width).toBe(1412);
    const alone = ssrTransform(serverStoreInit(nodes, toFlowEdges(visible, null)));
    const beside = ssrTransform(serverStoreInit(nodes, toFlowEdges(visible, null), { besidePanel: true }));
    expect(alone.x, "alone, clear of the open legend").toBeGreaterThanOrEqual(OPENING_INSET.left - 0.001);
    expect(beside.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(beside.x + 1412 * beside.zoom).toBeLessThanOrEqual(SERVER_CANVAS.width - DETAILS_PANEL_WIDTH);
  });

  it("gives edges short ids that are unique in the view and the same for the same edge in every view", () => {
    const { visible } = column(300);
    const ids = toFlowEdges(visible, null).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.max(...ids.map((id) => id.length))).toBeLessThan(20);
    const fewer = { ...visible, edges: visible.edges.slice(150) } as VisibleGraph;
    expect(toFlowEdges(fewer, "fn-1").map((e) => e.id)).toEqual(ids.slice(150));
  });
});

/** One function's neighbourhood: four columns (1,412 px), two rows of nodes. */
const NEIGHBOURHOOD = { x: 0, y: 0, width: 1412, height: 300 };

describe("room for the legend", () => {
  it("beside a 1280 px laptop's details panel, a neighbourhood is readable only with the legend collapsed", () => {
    const [width, height] = [864, 665];
    expect(legendFits(NEIGHBOURHOOD, width)).toBe(false);
    expect(openingViewport(NEIGHBOURHOOD, width, height, false).zoom).toBeGreaterThan(0.55);
    // Without the panel there is room for both.
    expect(legendFits(NEIGHBOURHOOD, 1280)).toBe(true);
    expect(openingViewport(NEIGHBOURHOOD, 1280, height, true).zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
  });

  it("the legend fits exactly where the opening view beside it is readable, at any canvas height", () => {
    // The server's first paint decides the legend by the canvas's width alone (a container query on legendRoom).
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 6000, noNaN: true }),
        fc.double({ min: 20, max: 20000, noNaN: true }),
        fc.double({ min: 100, max: 4000, noNaN: true }),
        fc.double({ min: 100, max: 3000, noNaN: true }),
        (bw, bh, width, height) => {
          fc.pre(Math.abs(width - legendRoom(bw)) > 1e-6);
          const bounds = { x: 17, y: -40, width: bw, height: bh };
          expect(legendFits(bounds, width)).toBe(openingViewport(bounds, width, height, true).zoom >= READABLE_ZOOM);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("a graph too wide for the canvas opens no smaller than the least opening zoom, its left edge in view", () => {
    const vp = openingViewport(NEIGHBOURHOOD, 500, 600, false);
    expect(vp.zoom).toBe(MIN_OPENING_ZOOM);
    expect(vp.x).toBeGreaterThanOrEqual(0);
  });
});

describe("the fit rule follows the legend", () => {
  it("reserves the open legend's column; collapsed, only the toolbar's row", () => {
    expect(fitInset(true).left).toBeGreaterThanOrEqual(LEGEND_BOX.left + LEGEND_BOX.width);
    expect(fitInset(false)).toEqual({ left: 0, top: fitInset(true).top });
    expect(fitViewOptions(true)).toEqual(FIT_VIEW);
  });

  it("with the legend collapsed, a phone's fit keeps its nodes right of the zoom buttons (bottom left)", () => {
    const { visible, positions } = column(4, 120);
    const bounds = boundsOf(toFlowNodes(visible, positions, null));
    // A 390 px phone's canvas under its header.
    const { minZoom, maxZoom, padding } = fitViewOptions(false);
    const vp = getViewportForBounds(bounds, 390, 560, minZoom, maxZoom, padding);
    // Zoom buttons: 15 px from the left, 34 px wide.
    expect(vp.x + bounds.x * vp.zoom).toBeGreaterThanOrEqual(15 + 34);
    expect(CONTROLS_COLUMN).toBeGreaterThan(15 + 34);
    // A wide canvas's view stays centred.
    const wide = getViewportForBounds(bounds, 1440, 760, minZoom, maxZoom, padding);
    expect(wide.x + bounds.x * wide.zoom).toBeCloseTo(1440 - (wide.x + (bounds.x + bounds.width) * wide.zoom), 0);
  });

  it("a fit with the legend collapsed puts nodes in the column an open legend keeps clear, and zooms in further", () => {
    const { width, height } = SERVER_CANVAS;
    for (const [n, gap] of [[2, 1800], [8, 2400]] as const) {
      const { visible, positions } = column(n, gap);
      const bounds = boundsOf(toFlowNodes(visible, positions, null));
      const fit = (legendOpen: boolean) => {
        const { minZoom, maxZoom, padding } = fitViewOptions(legendOpen);
        const vp = getViewportForBounds(bounds, width, height, minZoom, maxZoom, padding);
        return { zoom: vp.zoom, left: vp.x + bounds.x * vp.zoom, top: vp.y + bounds.y * vp.zoom };
      };
      const open = fit(true);
      const collapsed = fit(false);
      const what = `${n} rows, ${gap} px apart`;
      expect(open.left, what).toBeGreaterThanOrEqual(OPENING_INSET.left - 0.001);
      expect(collapsed.left, what).toBeLessThan(OPENING_INSET.left);
      expect(collapsed.zoom, what).toBeGreaterThan(open.zoom);
      expect(collapsed.top, what).toBeGreaterThanOrEqual(OPENING_INSET.top - 0.001);
    }
  });

  it("a tall, wide graph's readable start uses the legend's column only when the legend is collapsed", () => {
    const { visible, positions } = column(60, 2400);
    const bounds = boundsOf(toFlowNodes(visible, positions, null));
    const { width, height } = SERVER_CANVAS;
    const open = readableTopViewport(bounds, width, height, true)!;
    const collapsed = readableTopViewport(bounds, width, height, false)!;
    expect(open.x + bounds.x * open.zoom).toBeGreaterThanOrEqual(OPENING_INSET.left - 0.001);
    expect(collapsed.x + bounds.x * collapsed.zoom).toBeLessThan(OPENING_INSET.left);
    expect(collapsed.zoom).toBeGreaterThan(open.zoom);
    for (const vp of [open, collapsed]) expect(vp.y + bounds.y * vp.zoom).toBeCloseTo(OPENING_INSET.top, 3);
  });
});

describe("the order of the nodes (Tab's order through the graph)", () => {
  it("is the drawing's reading order: column by column from the left, each from the top, whatever order the view lists them in", () => {
    // The view lists functions first, then invokers and roles as their edges were met: Tab went from a role to an
    // invoker and back across the graph.
    const node = (id: string, kind: GraphNodeView["kind"]) => ({ id, kind, label: id, findingIds: [] }) as unknown as GraphNodeView;
    const nodes = [node("fn-b", "function"), node("fn-a", "function"), node("role-b", "role"), node("inv-b", "principal"), node("role-a", "role"), node("src-a", "event-source"), node("res", "resource")];
    const positions = {
      "inv-b": { x: 0, y: 200 },
      "src-a": { x: 0, y: 10 },
      "fn-a": { x: 300, y: 10 },
      "fn-b": { x: 300, y: 200 },
      "role-a": { x: 600, y: 10 },
      "role-b": { x: 600, y: 200 },
      res: { x: 900, y: 50 },
    };
    const order = toFlowNodes({ nodes, edges: [] } as unknown as VisibleGraph, positions, null).map((n) => n.id);
    expect(order).toEqual(["src-a", "inv-b", "fn-a", "fn-b", "role-a", "role-b", "res"]);
  });
});

describe("accessible names from the snapshot", () => {
  it("show bidirectional overrides as escapes, for nodes and edges", () => {
    const spoof = { ...fn(1), label: "\u202eipa-tuokcehc" } as GraphNodeView;
    const visible = { nodes: [spoof, fn(2)], edges: [{ id: "e", source: "fn-1", target: "fn-2", kind: "invokes", label: "k=\u2066x" }] } as unknown as VisibleGraph;
    const [node] = toFlowNodes(visible, { "fn-1": { x: 0, y: 0 }, "fn-2": { x: 400, y: 0 } }, null);
    expect(node!.ariaLabel).toBe("Function: \\u202eipa-tuokcehc");
    const [edge] = toFlowEdges(visible, null);
    expect(edge!.ariaLabel).toMatch(/^\\u202eipa-tuokcehc .* function-2 \(k=\\u2066x\)$/);
    expect(edge!.label).toBe("k=\\u2066x");
  });

  it("cut a crafted megabyte name as the rest of the dashboard does (printable), for nodes and edges", () => {
    const word = `orders-${"q".repeat(1_000_000)}`;
    const huge = { ...fn(1), label: word } as GraphNodeView;
    const visible = { nodes: [huge, fn(2)], edges: [{ id: "e", source: "fn-1", target: "fn-2", kind: "invokes" }] } as unknown as VisibleGraph;
    const [node] = toFlowNodes(visible, { "fn-1": { x: 0, y: 0 }, "fn-2": { x: 400, y: 0 } }, null);
    expect(node!.ariaLabel!.length).toBeLessThan(LONGEST_ARN + 100);
    expect(node!.ariaLabel).toBe(printable(`Function: ${word}`));
    const [edge] = toFlowEdges(visible, null);
    expect(edge!.ariaLabel!.length).toBeLessThan(LONGEST_ARN + 100);
    expect(edge!.ariaLabel).toMatch(/^orders-q+…\(\d+ characters\)…q+ .* function-2$/);
  });

  it("say a function's or an alias's kind as other nodes do, and that the badge's further items are findings", () => {
    const badge = (count: number) => ({ severity: "critical", title: "Anyone can invoke", count });
    const hook = { ...fn(1), label: "deploy-hook", badge: badge(3) } as GraphNodeView;
    const live = { ...fn(2), label: "deploy-hook:live", aliasOf: "fn-1", badge: badge(2) } as GraphNodeView;
    const role = { id: "r", kind: "role", label: "deploy-role", findingIds: [], badge: badge(1) } as unknown as GraphNodeView;
    const visible = { nodes: [hook, live, role], edges: [] } as unknown as VisibleGraph;
    const names = toFlowNodes(visible, { "fn-1": { x: 0, y: 0 }, "fn-2": { x: 0, y: 200 }, r: { x: 400, y: 0 } }, null).map((n) => n.ariaLabel);
    expect(names).toEqual([
      "Function: deploy-hook, critical: Anyone can invoke (and 2 more findings)",
      "Function alias: deploy-hook:live, critical: Anyone can invoke (and 1 more finding)",
      "Execution role: deploy-role, critical: Anyone can invoke",
    ]);
  });
});


describe("edge labels longer than the gap between columns", () => {
  it("take a second line instead of losing their last words, a partly denied reach's included", () => {
    expect(EDGE_LABEL_CHARS).toBeLessThan("Full access · partly denied".length);
    expect(edgeLabelLines("Full access · partly denied")).toEqual(["Full access", "partly denied"]);
    expect(edgeLabelLines("Read, Write, List, Tagging")).toEqual(["Read, Write, List,", "Tagging"]);
    expect(edgeLabelLines("Write")).toEqual(["Write"]);
    // A condition on an ARN does not fit two lines either: the second is cut in the middle, keeping the end that names
    // the resource; the edge's name keeps it whole.
    const [first, second] = edgeLabelLines("SourceArn = arn:aws:sns:us-east-1:123456789012:order-events");
    expect(first).toBe("SourceArn =");
    expect(second).toHaveLength(EDGE_LABEL_CHARS);
    expect(second).toMatch(/^arn:.*…order-events$/);
    for (const l of edgeLabelLines("x".repeat(60))) expect(l.length).toBeLessThanOrEqual(EDGE_LABEL_CHARS);
    // A conditional way in keeps "conditional" whole on its own line, and the ARN's end on the first.
    expect(edgeLabelLines("SourceArn = arn:aws:sns:us-east-1:123456789012:order-events · conditional")).toEqual(["Source…order-events", "conditional"]);
    expect(edgeLabelLines("Write · conditional")).toEqual(["Write · conditional"]);
    expect(edgeLabelLines("Full access · conditional")).toEqual(["Full access", "conditional"]);
    // Of several conditions, the first: its ARN's end, not the account id the last one ends with.
    expect(edgeLabelLines("SourceArn = arn:aws:events:eu-west-1:123456789012:rule/siem-export; SourceAccount = 123456789012")).toEqual([
      "SourceArn =",
      "arn:aw…/siem-export",
    ]);
    expect(edgeLabelLines("SourceAccount = 123456789012; SourceArn = arn:aws:s3:::uploads")).toEqual(["SourceAccount =", "123456789012; …"]);
  });

  it("draw both lines in the SVG text, and keep the whole label in the edge's name", () => {
    const visible = {
      nodes: [fn(1), { id: "r", kind: "resource", label: "sns: all", findingIds: [] } as unknown as GraphNodeView],
      edges: [{ id: "e", source: "fn-1", target: "r", kind: "can-access", label: "Full access · partly denied" }],
    } as unknown as VisibleGraph;
    const [edge] = toFlowEdges(visible, null);
    expect(edge!.ariaLabel).toContain("(Full access · partly denied)");
    const svg = renderToString(createElement("svg", null, createElement("text", null, edge!.label)));
    expect(svg).toContain(">Full access</tspan>");
    expect(svg).toContain(">partly denied</tspan>");
  });
});

/**
 * One function's neighbourhood as the layout draws it: an invoker, the function, its role and `resources` reached
 * through the role, in four columns (1,412 px wide).
 */
function focusedNeighbourhood(resources: number) {
  const node = (id: string, kind: string) => ({ id, kind, label: id, findingIds: [] }) as unknown as GraphNodeView;
  const nodes = [node("inv", "principal"), fn(0), node("role", "role"), ...Array.from({ length: resources }, (_, i) => node(`res-${i}`, "resource"))];
  const edges = [
    { id: "e-inv", source: "inv", target: "fn-0", kind: "invokes" },
    { id: "e-role", source: "fn-0", target: "role", kind: "executes-as" },
    ...Array.from({ length: resources }, (_, i) => ({ id: `e-res-${i}`, source: "role", target: `res-${i}`, kind: "can-access" })),
  ];
  const middle = ((resources - 1) / 2) * 84;
  const positions: Record<string, { x: number; y: number }> = { inv: { x: 0, y: middle }, "fn-0": { x: 388, y: middle }, role: { x: 776, y: middle } };
  for (let i = 0; i < resources; i++) positions[`res-${i}`] = { x: 1164, y: i * 84 };
  const visible = { nodes, edges } as unknown as VisibleGraph;
  const flowNodes = toFlowNodes(visible, positions, "fn-0");
  const flowEdges = toFlowEdges(visible, "fn-0");
  return { nodes: flowNodes, edges: flowEdges, focus: focusBoxes(flowNodes, flowEdges, "fn-0")! };
}

describe("a focused function's opening view", () => {
  it("beside a laptop's details panel, is readable where its whole neighbourhood would not be", () => {
    const [width, height] = [864, 660];
    for (const resources of [1, 6, 20]) {
      const { nodes, focus } = focusedNeighbourhood(resources);
      const bounds = boundsOf(nodes);
      expect(openingViewport(bounds, width, height, false).zoom, `${resources} resources, unfocused`).toBeLessThan(FOCUS_ZOOM);
      const vp = openingViewport(bounds, width, height, false, focus);
      expect(vp.zoom, `${resources} resources`).toBeGreaterThanOrEqual(FOCUS_ZOOM);
      expect(vp.x + (focus.core.x + focus.core.width) * vp.zoom, `${resources} resources`).toBeLessThanOrEqual(width);
    }
  });

  it("is the usual one where that is readable already: on a wide canvas the whole neighbourhood stays in view", () => {
    const { nodes, focus } = focusedNeighbourhood(6);
    const bounds = boundsOf(nodes);
    const [width, height] = [1504, 940];
    const usual = openingViewport(bounds, width, height, legendFits(bounds, width));
    expect(usual.zoom).toBeGreaterThanOrEqual(FOCUS_ZOOM);
    expect(openingViewport(bounds, width, height, legendFits(bounds, width), focus)).toEqual(usual);
  });

  it("is where the server's first paint starts, in every window the browser may tell it", () => {
    for (const window of [DEFAULT_WINDOW, { width: 1280, height: 800 }, { width: 1024, height: 768 }, { width: 1920, height: 1080 }, { width: 800, height: 600 }]) {
      for (const resources of [1, 6, 20]) {
        const { nodes, edges, focus } = focusedNeighbourhood(resources);
        const bounds = boundsOf(nodes);
        const { width, height } = firstPaintCanvas(window, true);
        const want = openingViewport(bounds, width, height, legendFits(bounds, width), focus);
        const got = ssrTransform(serverStoreInit(nodes, edges, { window, besidePanel: true, focus }));
        const what = `${window.width}×${window.height}, ${resources} resources`;
        expect(got.zoom, what).toBeCloseTo(want.zoom, 5);
        expect(got.x, what).toBeCloseTo(want.x, 3);
        expect(got.y, what).toBeCloseTo(want.y, 3);
      }
    }
  });
});

describe("accessible names of crafted text", () => {
  it("a 1 MB resource name of short words is cut in the middle in the node's and its edge's names", () => {
    const spaced = `START ${"word ".repeat(209_715)}END`;
    const nodes: GraphNodeView[] = [
      { id: "fn", kind: "function", label: "orders" },
      { id: "r", kind: "resource", label: spaced, service: "s3" },
    ];
    const visible = { nodes, edges: [{ id: "e", source: "fn", target: "r", kind: "can-access" as const, label: spaced }], matching: 1, shown: 1, total: 1, focus: null, aggregated: false };
    const cut = /START word .*…\(\d+ characters\)….* word END/s;
    const node = toFlowNodes(visible, {}, null).find((n) => n.id === "r");
    expect(node?.ariaLabel?.length).toBeLessThan(70_000);
    expect(node?.ariaLabel).toMatch(cut);
    const [edge] = toFlowEdges(visible, null);
    expect(edge?.ariaLabel?.length).toBeLessThan(70_000);
    expect(edge?.ariaLabel).toMatch(cut);
  });
});

describe("where each edge's label is drawn", () => {
  it("like labels of edges converging on one function sit by their invokers; a fan-out's by its targets; a lone edge's at the middle", () => {
    const node = (id: string, kind: GraphNodeView["kind"]) => ({ id, kind, label: id, findingIds: [] }) as unknown as GraphNodeView;
    const nodes = [node("ops", "principal"), node("support", "principal"), node("user", "principal"), node("f", "function"), node("r", "role"), node("t1", "resource"), node("t2", "resource")];
    const edge = (source: string, target: string, kind: VisibleGraph["edges"][number]["kind"], label: string) =>
      ({ id: `${source}->${target}`, source, target, kind, label }) as VisibleGraph["edges"][number];
    const edges = [
      edge("ops", "f", "invokes", "identity policy · InvokeAsync"),
      edge("support", "f", "invokes", "identity policy · InvokeAsync"),
      edge("user", "f", "invokes", "identity policy · InvokeAsync"),
      edge("f", "r", "executes-as", "runs as"),
      edge("r", "t1", "can-access", "Write"),
      edge("r", "t2", "can-access", "Write, Read"),
    ];
    const visible = { nodes, edges } as unknown as VisibleGraph;
    const positions = { ops: { x: 0, y: 0 }, support: { x: 0, y: 130 }, user: { x: 0, y: 260 }, f: { x: 388, y: 0 }, r: { x: 776, y: 0 }, t1: { x: 1164, y: 0 }, t2: { x: 1164, y: 90 } };
    const flow = toFlowEdges(visible, null, positions);
    const end = (id: string) => flow.find((e) => e.data?.view.id === id)?.data?.labelAt?.end;
    expect(flow.every((e) => e.type === "labelled")).toBe(true);
    expect(["ops->f", "support->f", "user->f"].map(end)).toEqual(["source", "source", "source"]);
    expect(end("f->r")).toBe("middle");
    expect(["r->t1", "r->t2"].map(end)).toEqual(["target", "target"]);
    // Each drawn, none lost to another's box.
    expect(flow.filter((e) => e.label !== undefined)).toHaveLength(6);
  });
});

describe("a click on another node of the same drawing", () => {
  // React Flow draws again only the nodes and edges it is handed as new objects (it compares them by identity): made
  // anew on every click, a 300-node view's every node and edge was drawn again before the details panel could show.
  it("hands back the same node and edge objects for all but those whose selection changed", () => {
    const { visible: plain, positions } = column(40);
    const visible = { ...plain, edges: plain.edges.map((e) => ({ ...e, label: "identity policy" })) } as VisibleGraph;
    const nodesBefore = toFlowNodes(visible, positions, "fn-1");
    const nodesAfter = toFlowNodes(visible, positions, "fn-2");
    expect(nodesAfter.filter((n, i) => n !== nodesBefore[i]).map((n) => n.id)).toEqual(["fn-1", "fn-2"]);
    expect(toFlowNodes(visible, positions, null).filter((n, i) => n !== nodesAfter[i]).map((n) => n.id)).toEqual(["fn-2"]);
    const edgesBefore = toFlowEdges(visible, "fn-1", positions);
    const edgesAfter = toFlowEdges(visible, "fn-2", positions);
    expect(edgesAfter.filter((e, i) => e !== edgesBefore[i]).map((e) => e.data?.view.id)).toEqual(["e-1", "e-2"]);
    // Kept or made, they are what a drawing seen for the first time gets.
    const fresh = { ...visible } as VisibleGraph;
    expect(nodesAfter).toEqual(toFlowNodes(fresh, positions, "fn-2"));
    expect(edgesAfter).toEqual(toFlowEdges(fresh, "fn-2", positions));
    expect(nodesAfter.find((n) => n.id === "fn-2")).toMatchObject({ selected: true, domAttributes: { "aria-current": "true" } });
    expect(nodesAfter.find((n) => n.id === "fn-1")).toMatchObject({ selected: false, domAttributes: { "aria-current": undefined } });
    expect(edgesAfter.filter((e) => e.style?.strokeWidth === 2.5).map((e) => e.data?.view.id)).toEqual(["e-2"]);
  });
});
