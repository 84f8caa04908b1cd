"use client";
/**
 * For a control that removes itself when used (a chip's ✕, "Show more" once everything is shown, a notice's
 * way out): if it still has keyboard focus when React removes it, focus moves to a stable neighbour instead of
 * dropping to <body>, where keyboard and screen-reader users would have to start over from the top of the page.
 */
import { useCallback, useRef, type RefCallback } from "react";

export function useFocusFallback<T extends HTMLElement>(fallback: () => HTMLElement | null | undefined): RefCallback<T> {
  const latest = useRef(fallback);
  latest.current = fallback;
  // Stable, so React runs the cleanup only when the element is removed (React 19 ref cleanups run before the
  // node leaves the document, while it still holds focus).
  return useCallback((node: T | null) => {
    if (!node) return;
    return () => {
      if (document.activeElement !== node) return;
      const target = latest.current();
      if (target?.isConnected) target.focus();
    };
  }, []);
}
