/**
 * Arrow keys between drawn nodes. Only nodes near the view are in the page (React Flow's onlyRenderVisibleElements),
 * so Tab alone never reaches the rest of a large graph; the arrows walk the laid-out graph itself, and the canvas
 * pans to the node they land on. Columns are the layout's (invokers, functions, roles, resources: COLUMN).
 */
import type { Viewport } from "@xyflow/react";
import { COLUMN } from "@/lib/view/elk-graph";
import type { GraphNodeKind } from "@/lib/analysis/types";

export const NAV_KEYS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"] as const;
export type NavKey = (typeof NAV_KEYS)[number];

export function isNavKey(key: string): key is NavKey {
  return (NAV_KEYS as readonly string[]).includes(key);
}

export interface NavNode {
  id: string;
  type?: string;
  position: { x: number; y: number };
  width?: number;
  height?: number;
}

const columnOf = (n: NavNode) => COLUMN[n.type as GraphNodeKind] ?? 0;
const middle = (n: NavNode) => n.position.y + (n.height ?? 0) / 2;

/**
 * The node an arrow key moves to from `fromId`: Up and Down the one above or below in its column; Left and Right the
 * one nearest in height in the closest column that side that has nodes (the upper one on a tie). Null at an edge.
 */
export function nodeInDirection(nodes: readonly NavNode[], fromId: string, key: NavKey): string | null {
  const from = nodes.find((n) => n.id === fromId);
  if (!from) return null;
  const col = columnOf(from);
  if (key === "ArrowUp" || key === "ArrowDown") {
    const same = nodes.filter((n) => columnOf(n) === col).sort((a, b) => a.position.y - b.position.y);
    const i = same.indexOf(from);
    return same[key === "ArrowDown" ? i + 1 : i - 1]?.id ?? null;
  }
  const right = key === "ArrowRight";
  const beyond = nodes.filter((n) => (right ? columnOf(n) > col : columnOf(n) < col));
  if (beyond.length === 0) return null;
  const next = right ? Math.min(...beyond.map(columnOf)) : Math.max(...beyond.map(columnOf));
  const y = middle(from);
  let best: NavNode | null = null;
  for (const n of beyond) {
    if (columnOf(n) !== next) continue;
    const d = Math.abs(middle(n) - y);
    const bestD = best ? Math.abs(middle(best) - y) : Infinity;
    if (d < bestD || (d === bestD && best && n.position.y < best.position.y)) best = n;
  }
  return best?.id ?? null;
}

/** Room kept between a node the arrows reach and the canvas's edges, in px, where no inset asks for more. */
export const NAV_MARGIN = 24;

/** Screen px the part of the canvas a reached node must lie in: a fit's insets (flow-elements.ts fitInset) kept clear. */
export function navArea(width: number, height: number, inset: { left: number; top: number }) {
  return { left: Math.max(inset.left, NAV_MARGIN), top: inset.top, right: width - NAV_MARGIN, bottom: height - NAV_MARGIN };
}

/** Room kept between a revealed node and the minimap, in px. */
const MINIMAP_GAP = 8;

/**
 * The smallest pan (screen px) that brings `node` wholly into `area`; its top-left corner wins if it cannot fit. With
 * `minimap` (its box, bottom right of the area), also clear of it, above or left of it, whichever pans less and keeps
 * the node in the area: the details panel below a tablet's canvas halves its height, and the node brought up to the
 * new bottom edge landed under the minimap.
 */
export function panToReveal(
  node: NavNode,
  { x, y, zoom }: Viewport,
  area: ReturnType<typeof navArea>,
  minimap?: { left: number; top: number },
): { dx: number; dy: number } {
  const pan = (start: number, size: number, low: number, high: number) =>
    start < low ? low - start : start + size > high ? Math.max(high - (start + size), low - start) : 0;
  const [left, top, width, height] = [node.position.x * zoom + x, node.position.y * zoom + y, (node.width ?? 0) * zoom, (node.height ?? 0) * zoom];
  const dx = pan(left, width, area.left, area.right);
  const dy = pan(top, height, area.top, area.bottom);
  if (!minimap || left + dx + width <= minimap.left || top + dy + height <= minimap.top) return { dx, dy };
  const up = minimap.top - MINIMAP_GAP - (top + dy + height);
  const aside = minimap.left - MINIMAP_GAP - (left + dx + width);
  const upFits = top + dy + up >= area.top;
  const asideFits = left + dx + aside >= area.left;
  if (upFits && (!asideFits || -up <= -aside)) return { dx, dy: dy + up };
  if (asideFits) return { dx: dx + aside, dy };
  return { dx, dy };
}
