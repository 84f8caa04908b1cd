"use client";
/**
 * The browser's Back to a page (from the graph to the overview, say) renders it anew around no focus: focus fell to
 * <body>, and keyboard and screen-reader users started over from the top. This puts it back on the link that left
 * the page (a function's row, the Graph tab), or on the page's h1 when no such link is drawn any more.
 */
import { useEffect } from "react";

/** Per page URL, the href of the link last followed from it; module state, so it outlives the page in this tab. */
const leftBy = new Map<string, string>();
/** Where the last Back or Forward went. */
let poppedTo: string | null = null;

if (typeof window !== "undefined") {
  window.addEventListener("popstate", () => {
    poppedTo = window.location.href;
  });
}

function returnTarget(): HTMLElement | null {
  const href = leftBy.get(window.location.href);
  const link = href ? [...document.querySelectorAll<HTMLElement>("main a[href], header a[href]")].find((a) => a.getAttribute("href") === href) : undefined;
  if (link) return link;
  const h1 = document.querySelector<HTMLElement>("main h1");
  // Focusable from script only: a heading is no stop on the Tab order.
  if (h1 && !h1.hasAttribute("tabindex")) h1.setAttribute("tabindex", "-1");
  return h1;
}

export function BackFocus() {
  useEffect(() => {
    // Capture: the link's own handler starts the navigation, and the page's URL must still be this one.
    const onClick = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
      const href = link?.getAttribute("href");
      if (href) leftBy.set(window.location.href, href);
    };
    document.addEventListener("click", onClick, true);
    // Looked at once the popstate event is done: Next renders a page it holds (the snapshots page) inside its own
    // popstate listener, which runs before this module's, so at mount the Back was not known yet.
    const check = window.setTimeout(() => {
      if (poppedTo !== window.location.href) return;
      poppedTo = null;
      const active = document.activeElement;
      if (!active || active === document.body) returnTarget()?.focus();
    }, 0);
    return () => {
      window.clearTimeout(check);
      document.removeEventListener("click", onClick, true);
    };
  }, []);
  return null;
}
