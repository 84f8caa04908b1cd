/**
 * Renders the current graph view to a PNG report, as React Flow's "download image" example does: bounds of
 * the drawn nodes (getNodesBounds), a viewport that fits them into the report's graph area
 * (getViewportForBounds), and html-to-image's toPng on `.react-flow__viewport` with that transform, at 2×.
 * html-to-image is pinned to 1.11.11: 1.11.13 leaves the edges out.
 *
 * The canvas only renders elements in view (onlyRenderVisibleElements), so the view is fitted first and
 * restored afterwards. Each step yields to the browser, so a large graph shows progress instead of freezing.
 */
import { getNodesBounds, getViewportForBounds, type ReactFlowInstance } from "@xyflow/react";
import { toPng } from "html-to-image";
import type { ReportHeader } from "@/lib/report-png/header";
import { FIT, reportLayout } from "@/lib/report-png/layout";
import type { FlowEdge, FlowNode } from "../flow-types";
import { drawReport } from "./draw-report";
import { CLAMPED_TEXT, clampTextForExport } from "./clamp-for-export";
import { xmlSafeForExport } from "./xml-safe-for-export";
import { waitedText } from "@/lib/report-png/waited-text";
import { waitFor } from "./wait-for";

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
/** A frame, then a task after it: by then the page has committed and painted what was set before (a progress message). */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * How long the layout may take, all told: ELK reports no progress. About 25 times the largest view's usual layout
 * (150 functions, ~11 s), so only a layout that is stuck ends the export; the canvas says "Laying out graph…" till then.
 */
export const LAYOUT_WAIT_MS = 5 * 60_000;
/** How long drawing may go without one more node or edge in the DOM: each React pass adds some. */
export const DRAW_QUIET_MS = 60_000;

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("the graph image could not be decoded"));
    img.src = src;
  });
}

function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the browser could not encode the PNG"))), "image/png"),
  );
}

export type Progress = (message: string) => void;

export async function renderReport(
  rf: ReactFlowInstance<FlowNode, FlowEdge>,
  container: HTMLElement,
  header: ReportHeader,
  progress: Progress,
): Promise<Blob> {
  progress("Rendering… waiting for the layout");
  await waitFor(() => container.dataset.layout === "ready", {
    what: "the graph layout",
    quietMs: LAYOUT_WAIT_MS,
    onStillWaiting: (ms) => progress(`Rendering… still waiting for the layout (${waitedText(ms)})`),
    advice: "focus or filter the view to draw fewer nodes",
  });
  const saved = rf.getViewport();
  try {
    const nodes = rf.getNodes();
    const edges = rf.getEdges();
    const viewportEl = container.querySelector<HTMLElement>(".react-flow__viewport");
    if (!viewportEl) throw new Error("no graph on this page");
    // Bring every node and edge into view so React Flow puts them all in the DOM (setViewport applies at
    // once; fitView waits for a later render pass).
    const all = getNodesBounds(nodes);
    await rf.setViewport(getViewportForBounds(all, container.clientWidth, container.clientHeight, 0.01, 2, 0.02), { duration: 0 });
    const drawnNodes = () => viewportEl.querySelectorAll(".react-flow__node").length;
    const drawnEdges = () => viewportEl.querySelectorAll(".react-flow__edge").length;
    await waitFor(() => drawnNodes() >= nodes.length && drawnEdges() >= edges.length, {
      what: "drawing every node and edge",
      quietMs: DRAW_QUIET_MS,
      progress: () => drawnNodes() + drawnEdges(),
      onStillWaiting: (ms) =>
        progress(`Rendering… still drawing (${drawnNodes()} of ${nodes.length} nodes, ${waitedText(ms)})`),
    });
    await nextFrame();

    const bounds = all;
    const layout = reportLayout(bounds, header.lines.length);
    const { graph } = layout;
    const vp = getViewportForBounds(bounds, graph.width, graph.height, FIT.minZoom, FIT.maxZoom, FIT.padding);
    progress(`Rendering… drawing ${nodes.length} nodes and ${edges.length} edges`);
    // toPng copies every element's computed style in one run of microtasks that holds the page for nearly all of the
    // export (6–13 s of 6–14 s on the demo, busy 2-core machine): started at once, the message above was never
    // painted and "waiting for the layout" stayed on screen throughout.
    await painted();
    const unclamp = clampTextForExport(viewportEl.querySelectorAll<HTMLElement>(CLAMPED_TEXT));
    const restoreText = xmlSafeForExport(viewportEl.querySelectorAll("*"));
    const dataUrl = await toPng(viewportEl, {
      backgroundColor: "#ffffff",
      width: graph.width,
      height: graph.height,
      pixelRatio: layout.pixelRatio,
      skipFonts: true,
      style: { width: `${graph.width}px`, height: `${graph.height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
    }).finally(() => {
      restoreText();
      unclamp();
    });
    progress("Rendering… composing the report");
    await nextFrame();
    const image = await loadImage(dataUrl);
    return await canvasToBlob(drawReport(layout, header, image));
  } finally {
    await rf.setViewport(saved, { duration: 0 });
  }
}
