"use client";
/**
 * The Tab stop just before the first node: Tab walks every drawn node (hundreds on a big account) before the zoom
 * buttons and the details panel, and this jumps past them, to the details' title when a panel is open, else to the
 * zoom buttons. Shown only while focused, as the header's "Skip to content" is.
 */
import type { RefObject } from "react";
import { DETAILS_TITLE_ID } from "./focus-node";

export function SkipNodesLink({ canvasRef }: { canvasRef: RefObject<HTMLElement | null> }) {
  const skip = () => {
    const target = document.getElementById(DETAILS_TITLE_ID) ?? canvasRef.current?.querySelector<HTMLElement>(".react-flow__controls button");
    target?.focus({ preventScroll: true });
  };
  return (
    <button
      type="button"
      onClick={skip}
      data-testid="skip-nodes"
      className="sr-only rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 shadow focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:z-20 focus-visible:outline-2 focus-visible:outline-sky-600"
    >
      Skip past the nodes
    </button>
  );
}
