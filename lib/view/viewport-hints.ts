/**
 * The response headers that ask the browser for its window's size in client hints (lib/view/window-size.ts reads
 * them), set by proxy.ts on the pages it lets through. Only Chromium-based browsers answer; the others ignore them.
 */
import { parseWindowSize, VIEWPORT_HEIGHT_HINT, VIEWPORT_WIDTH_HINT } from "./window-size";

const HINTS = `${VIEWPORT_WIDTH_HINT}, ${VIEWPORT_HEIGHT_HINT}`;

/** The one page drawn for the window (app/(dashboard)/graph/page.tsx). */
const DRAWN_FOR_WINDOW = "/graph";

export interface HintedRequest {
  pathname: string;
  /** The `print` search param (its first value): the PNG report's own browser, which draws a fixed size. */
  print: string | null;
  /** The window cookie's value. */
  windowCookie: string | undefined;
}

export interface HintHeaders {
  acceptCh: string;
  /** Absent: asking again with the hints would change nothing. */
  criticalCh?: string;
}

export function viewportHintHeaders({ pathname, print, windowCookie }: HintedRequest): HintHeaders {
  // Asked on every page: the browser keeps the request for this origin, so whichever page is opened first, every
  // later request carries the hints.
  const acceptCh = HINTS;
  // No Vary: Next answers the page `Cache-Control: private, no-cache, no-store` (it is dynamic) and replaces any Vary
  // set here with its own; e2e/first-paint.spec.ts checks that no cache may hand one window's drawing to another.
  if (pathname !== DRAWN_FOR_WINDOW) return { acceptCh };
  // Critical-CH makes Chromium, which sent no hints on its very first request, ask again at once with them: one
  // round trip more, worth it only where the hints decide the drawing (the cookie wins; print mode ignores both).
  if (print === "1" || parseWindowSize(windowCookie)) return { acceptCh };
  return { acceptCh, criticalCh: HINTS };
}
