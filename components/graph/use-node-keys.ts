"use client";
/**
 * Keys on graph nodes, handled on the canvas around them: Enter or Space shows a node's details, and on the node
 * whose details are open goes to them (the panel comes after every node in Tab order); the arrow keys move to the
 * next node that way (node-keys.ts), panning the view to it; and Escape on the node whose details are open closes
 * them, as Escape in the panel does.
 */
import { useReactFlow } from "@xyflow/react";
import type { KeyboardEvent, RefObject } from "react";
import type { GraphNodeView } from "@/lib/view/graph-model";
import type { FlowNode } from "./flow-types";
import { fitInset } from "./flow-elements";
import { DETAILS_TITLE_ID, focusWhenDrawn, nodeIdOf, type FocusNode } from "./focus-node";
import { isNavKey, navArea, nodeInDirection, panToReveal } from "./node-keys";
import { minimapBox } from "./overlay-room";

export interface NodeKeysOptions {
  nodes: FlowNode[];
  selectedId: string | null;
  onActivate: (node: GraphNodeView) => void;
  onClearSelection: () => void;
  canvasRef: RefObject<HTMLDivElement | null>;
  /** Whether the legend is open: the arrows keep a node they reach out of its column, as fits do. */
  legendOpenRef: RefObject<boolean | null>;
  /** Whether the minimap is open: a node brought in is kept clear of it. */
  minimapOpenRef: RefObject<boolean | null>;
}

export function useNodeKeys({ nodes, selectedId, onActivate, onClearSelection, canvasRef, legendOpenRef, minimapOpenRef }: NodeKeysOptions) {
  const rf = useReactFlow();

  /**
   * Pans the view as little as brings node `id` wholly into the canvas's free part, clear of the minimap (React Flow
   * draws only the nodes in view); `duration` (ms) glides there. A node not drawn in this view stays where it is. Settles once the view has.
   */
  const reveal = async (id: string, duration = 0): Promise<void> => {
    const node = nodes.find((n) => n.id === id);
    const el = canvasRef.current;
    if (!node || !el) return;
    const viewport = rf.getViewport();
    const [width, height] = [el.clientWidth, el.clientHeight];
    const minimap = minimapOpenRef.current === true ? minimapBox(width, height) : undefined;
    const { dx, dy } = panToReveal(node, viewport, navArea(width, height, fitInset(legendOpenRef.current !== false)), minimap);
    if (dx || dy) await rf.setViewport({ x: viewport.x + dx, y: viewport.y + dy, zoom: viewport.zoom }, duration ? { duration } : undefined);
  };

  /** Brings node `id` in, then focuses it; a node not in the graph falls back to `orElse`, as focusWhenDrawn does. */
  const moveFocusTo: FocusNode = (id, orElse) => {
    void reveal(id);
    focusWhenDrawn(id, orElse);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const id = nodeIdOf(event.target);
    if (!id) return;
    if (isNavKey(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      const next = nodeInDirection(nodes, id, event.key);
      if (next) moveFocusTo(next);
    } else if (event.key === "Enter" || event.key === " ") {
      const view = nodes.find((n) => n.id === id)?.data.view;
      if (!view) return;
      event.preventDefault();
      const title = id === selectedId ? document.getElementById(DETAILS_TITLE_ID) : null;
      if (title) title.focus();
      else onActivate(view);
    }
  };

  // In the capture phase, before React Flow's own Escape on a selected node, which unselects it and drops focus to
  // the page.
  const onKeyDownCapture = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "Escape" || !selectedId || nodeIdOf(event.target) !== selectedId) return;
    event.preventDefault();
    event.stopPropagation();
    onClearSelection();
  };

  return { onKeyDown, onKeyDownCapture, moveFocusTo, reveal };
}
