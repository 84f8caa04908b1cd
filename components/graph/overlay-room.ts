/**
 * Whether the panels drawn over the canvas (the legend top left, the minimap bottom right) have room beside the
 * opening view, so the canvas can start each one open only where it hides nothing the view was placed to show.
 */
import type { Viewport } from "@xyflow/react";
import { fitInset, READABLE_ZOOM, TOP_VIEW_SPARE, type Bounds } from "./flow-elements";

/** The minimap's size and its margin from the canvas's bottom and right edges (React Flow's panel margin), in px. */
export const MINIMAP_BOX = { width: 200, height: 150, margin: 15 };

/**
 * The narrowest canvas, in px, on which the open legend leaves a graph `boundsWidth` wide its readable zoom: a view
 * placed right of the legend's column at READABLE_ZOOM, with the top view's spare (flow-elements.ts). A fit is never
 * readable on a narrower canvas either, so this one width decides, whatever the canvas's height: the server's first
 * paint uses it in a container query (legend.tsx), before any script can measure the canvas.
 */
export function legendRoom(boundsWidth: number): number {
  return fitInset(true).left + READABLE_ZOOM * TOP_VIEW_SPARE * boundsWidth;
}

/**
 * Whether the open legend leaves the graph its readable zoom: its column is a quarter of a 1280 px laptop's canvas
 * beside the details panel, where it pushed a function's neighbourhood down to 0.4.
 */
export function legendFits(bounds: Bounds, width: number): boolean {
  return width >= legendRoom(bounds.width);
}

/** A node's position and size in flow coordinates. */
export interface NodeBox {
  position: { x: number; y: number };
  width?: number;
  height?: number;
}

/** Whether any node, drawn at `viewport` on a canvas `width` × `height`, meets the minimap's box. */
export function minimapCovers(nodes: readonly NodeBox[], viewport: Viewport, width: number, height: number): boolean {
  const right = width - MINIMAP_BOX.margin;
  const bottom = height - MINIMAP_BOX.margin;
  const left = right - MINIMAP_BOX.width;
  const top = bottom - MINIMAP_BOX.height;
  return nodes.some((n) => {
    const x0 = viewport.x + n.position.x * viewport.zoom;
    const y0 = viewport.y + n.position.y * viewport.zoom;
    const x1 = x0 + (n.width ?? 0) * viewport.zoom;
    const y1 = y0 + (n.height ?? 0) * viewport.zoom;
    return x0 < right && left < x1 && y0 < bottom && top < y1;
  });
}
