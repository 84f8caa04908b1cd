"use client";
import { useEffect } from "react";
import { readCookie, writeCookie } from "@/components/browser-cookie";
import { formatWindowSize, WINDOW_COOKIE } from "@/lib/view/window-size";

/** Half a year: a returning user's window is usually the one they had, and a stale size costs one slide. */
const KEPT_SECONDS = 183 * 24 * 3600;

/**
 * Tells the server the window's size (lib/view/window-size.ts) from every page, so the graph page a user opens next,
 * from the overview or a later visit, is drawn by the server for this window. Rewritten only when the size changes.
 */
export function WindowSizeHint() {
  useEffect(() => {
    let frame = 0;
    const write = () => {
      const value = formatWindowSize({ width: window.innerWidth, height: window.innerHeight });
      if (readCookie(WINDOW_COOKIE) !== value) writeCookie(WINDOW_COOKIE, value, KEPT_SECONDS);
    };
    // A drag resizes the window many times a second: written once per frame at most.
    const onResize = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(write);
    };
    write();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      cancelAnimationFrame(frame);
    };
  }, []);
  return null;
}
