import { useEffect, type RefObject } from "react";
import { useStoreApi } from "@xyflow/react";

/**
 * Keeps a focused node's ring as wide on screen at every zoom (globals.css divides its width by --lpg-zoom): the ring
 * is drawn inside the zoomed viewport, so zoomed out to 0.2 a 2 px ring was 0.4 px, and keyboard focus was lost from
 * sight. Written on the focused node alone, so a zoom gesture restyles that node rather than the whole graph.
 */
export function useFocusRingZoom(canvasRef: RefObject<HTMLElement | null>) {
  const store = useStoreApi();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let zoom = store.getState().transform[2];
    const write = () => {
      const node = document.activeElement;
      if (node instanceof HTMLElement && node.classList.contains("react-flow__node") && canvas.contains(node)) node.style.setProperty("--lpg-zoom", String(zoom));
    };
    canvas.addEventListener("focusin", write);
    const unsubscribe = store.subscribe((s) => {
      if (s.transform[2] === zoom) return;
      zoom = s.transform[2];
      write();
    });
    return () => {
      canvas.removeEventListener("focusin", write);
      unsubscribe();
    };
  }, [store, canvasRef]);
}
