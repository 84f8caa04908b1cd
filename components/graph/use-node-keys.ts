"use client";
/**
 * Keys on graph nodes, handled on the canvas around them: Enter or Space shows a node's details, and Escape on the
 * node whose details are open closes them, as Escape in the panel does.
 */
import type { KeyboardEvent } from "react";
import type { GraphNodeView } from "@/lib/view/graph-model";
import type { FlowNode } from "./flow-types";
import { nodeIdOf } from "./focus-node";

export interface NodeKeysOptions {
  nodes: FlowNode[];
  selectedId: string | null;
  onActivate: (node: GraphNodeView) => void;
  onClearSelection: () => void;
}

export function useNodeKeys({ nodes, selectedId, onActivate, onClearSelection }: NodeKeysOptions) {
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const id = nodeIdOf(event.target);
    if (!id) return;
    if (event.key === "Enter" || event.key === " ") {
      const view = nodes.find((n) => n.id === id)?.data.view;
      if (!view) return;
      event.preventDefault();
      onActivate(view);
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

  return { onKeyDown, onKeyDownCapture };
}
