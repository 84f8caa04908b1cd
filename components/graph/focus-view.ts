/**
 * The opening view of a focused function's neighbourhood that is too large to read whole: a readable zoom on the
 * function and its direct neighbours, the rest a pan away. Four columns (1,412 px) beside the details panel opened at
 * 0.58 on a 1280 px laptop and 0.65 at 1440 px: 11 px names drawn 6–7 px high.
 */
import type { Viewport } from "@xyflow/react";
import { boundsOf, type Bounds, type Placed } from "./bounds";

/** The zoom a focused function's view opens at when its whole neighbourhood would open below it: names ~9 px. */
export const FOCUS_ZOOM = 0.75;
/**
 * The least a focused view shrinks below FOCUS_ZOOM so that its whole neighbourhood fits rather than its last
 * column being cut at the canvas's edge (names ~8.5 px): four columns beside the details panel at 1440 px need ~0.71.
 */
export const FOCUS_MIN_ZOOM = 0.7;
/** Screen px kept between the canvas's edges (or the insets) and the drawing when only part of it is in view. */
export const FOCUS_MARGIN = 24;

/** The focused function's own box, and the one around it and its direct neighbours (what the view must show). */
export interface FocusBoxes {
  node: Bounds;
  core: Bounds;
}

interface PlacedNode extends Placed {
  id: string;
  type?: string;
}

/** The boxes for the focused node `focusId` when it is a drawn function; undefined otherwise (no focus view). */
export function focusBoxes(
  nodes: readonly PlacedNode[],
  edges: readonly { source: string; target: string }[],
  focusId: string | null | undefined,
): FocusBoxes | undefined {
  const focus = focusId ? nodes.find((n) => n.id === focusId) : undefined;
  if (!focus || focus.type !== "function") return undefined;
  const near = new Set([focus.id]);
  for (const e of edges) {
    if (e.source === focus.id) near.add(e.target);
    if (e.target === focus.id) near.add(e.source);
  }
  return { node: boundsOf([focus]), core: boundsOf(nodes.filter((n) => near.has(n.id))) };
}

/**
 * The horizontal offset on a canvas from `lo` to `hi` px: `whole` centred where it fits at `zoom` (with less than
 * FOCUS_MARGIN beside it if need be: a margin kept there would cut a column by a few px), else `core` centred, moved
 * no further than needed to leave no empty margin beside `whole`.
 */
function leftOffset(lo: number, hi: number, zoom: number, whole: Bounds, core: Bounds): number {
  const room = hi - lo;
  if (whole.width * zoom <= room) return lo + (room - whole.width * zoom) / 2 - whole.x * zoom;
  const centred = lo + (room - core.width * zoom) / 2 - core.x * zoom;
  return Math.min(lo + FOCUS_MARGIN - whole.x * zoom, Math.max(hi - FOCUS_MARGIN - (whole.x + whole.width) * zoom, centred));
}

/**
 * The vertical offset on a canvas from `lo` to `hi` px: `whole` from the top, as a readable view of a large graph
 * starts, then moved up as far as `core` needs to clear the bottom, or, taller than the canvas, the function itself.
 * It depends on the canvas's height only when they would not be in view: the server guesses that height (the header
 * may wrap), and its first paint must not move once the scripts place the view (e2e/first-paint.spec.ts).
 */
function topOffset(lo: number, hi: number, zoom: number, whole: Bounds, { core, node }: FocusBoxes): number {
  const anchored = lo + FOCUS_MARGIN - whole.y * zoom;
  const up = (b: Bounds) => Math.max(0, anchored + (b.y + b.height) * zoom - (hi - FOCUS_MARGIN));
  const upToTop = (b: Bounds) => (b.y - whole.y) * zoom;
  const shift = up(core) <= upToTop(core) ? up(core) : Math.max(upToTop(core), up(node));
  return anchored - shift;
}

/**
 * The view at FOCUS_ZOOM of `whole` (the drawn neighbourhood), or as little less as lets it fit whole, on a canvas `width` × `height` whose `inset` (left and
 * top, px) something covers, with the function and its direct neighbours in view, or, taller than the canvas, the
 * function itself; undefined where even they are too wide for the canvas at that zoom (a phone), whose usual view
 * then stands.
 */
export function focusedViewport(whole: Bounds, focus: FocusBoxes, width: number, height: number, inset: { left: number; top: number }): Viewport | undefined {
  const room = width - inset.left;
  if (focus.core.width * FOCUS_ZOOM + 2 * FOCUS_MARGIN > room) return undefined;
  const zoom = wholeZoom(whole, room);
  return { x: leftOffset(inset.left, width, zoom, whole, focus.core), y: topOffset(inset.top, height, zoom, whole, focus), zoom };
}

/**
 * FOCUS_ZOOM where `whole` fits `room` px at it; else the zoom at which it fits with half the margin beside it, where
 * that is no less than FOCUS_MIN_ZOOM; else FOCUS_ZOOM again (the columns past the direct neighbours a pan away).
 */
function wholeZoom(whole: Bounds, room: number): number {
  if (whole.width * FOCUS_ZOOM <= room) return FOCUS_ZOOM;
  const fits = (room - FOCUS_MARGIN) / whole.width;
  return fits >= FOCUS_MIN_ZOOM ? fits : FOCUS_ZOOM;
}
