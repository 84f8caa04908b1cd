/**
 * Whether the minimap (bottom right) has room beside the opening view, so the canvas can start it open only where it
 * hides nothing the view was placed to show. The legend's room is the opening view's own (flow-elements.ts legendRoom).
 */
import type { Viewport } from "@xyflow/react";

/** The minimap's size and its margin from the canvas's bottom and right edges (React Flow's panel margin), in px. */
export const MINIMAP_BOX = { width: 200, height: 150, margin: 15 };

/** A node's position and size in flow coordinates. */
export interface NodeBox {
  position: { x: number; y: number };
  width?: number;
  height?: number;
}

/** The minimap's box on a canvas `width` × `height`, in screen px from the canvas's top left. */
export function minimapBox(width: number, height: number) {
  const right = width - MINIMAP_BOX.margin;
  const bottom = height - MINIMAP_BOX.margin;
  return { left: right - MINIMAP_BOX.width, top: bottom - MINIMAP_BOX.height, right, bottom };
}

/** Whether any node, drawn at `viewport` on a canvas `width` × `height`, meets the minimap's box. */
export function minimapCovers(nodes: readonly NodeBox[], viewport: Viewport, width: number, height: number): boolean {
  const { left, top, right, bottom } = minimapBox(width, height);
  return nodes.some((n) => {
    const x0 = viewport.x + n.position.x * viewport.zoom;
    const y0 = viewport.y + n.position.y * viewport.zoom;
    const x1 = x0 + (n.width ?? 0) * viewport.zoom;
    const y1 = y0 + (n.height ?? 0) * viewport.zoom;
    return x0 < right && left < x1 && y0 < bottom && top < y1;
  });
}
