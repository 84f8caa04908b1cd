/**
 * The browser window's inner size, in CSS px, which the server draws the graph's first paint for, so the view does
 * not slide once the scripts measure the canvas. Learnt, most precise first, from:
 *   1. a cookie (components/window-size-hint.tsx writes it on every page, from the window as laid out);
 *   2. Chromium's viewport client hints, which it sends once the server has asked for them (proxy.ts), from the
 *      very first page of the dashboard on (so that page, before any script ran, has no cookie yet);
 *   3. `DEFAULT_WINDOW`, for a browser's first page in a browser that sends no hints (Firefox, Safari).
 */
import { z } from "zod";

export const WINDOW_COOKIE = "lpg-window";

/**
 * Chromium sends both once asked (over HTTPS, and to http://localhost or 127.0.0.1, checked in Chromium 150); Firefox
 * and Safari neither.
 */
export const VIEWPORT_WIDTH_HINT = "Sec-CH-Viewport-Width";
export const VIEWPORT_HEIGHT_HINT = "Sec-CH-Viewport-Height";

export interface WindowSize {
  width: number;
  height: number;
}

export const DEFAULT_WINDOW: WindowSize = { width: 1440, height: 900 };

// A cookie or a header is the browser's to change: a size no window has is ignored rather than drawn for.
const Side = z.coerce.number().int().min(200).max(20_000);

function sideOf(value: string | null | undefined): number | null {
  if (!/^\d{1,5}$/.test(value ?? "")) return null;
  const side = Side.safeParse(value);
  return side.success ? side.data : null;
}

/** `1280x800`; anything else is no size. */
export function parseWindowSize(value: string | undefined): WindowSize | null {
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(value ?? "");
  const width = sideOf(m?.[1]);
  const height = sideOf(m?.[2]);
  return width !== null && height !== null ? { width, height } : null;
}

export function formatWindowSize({ width, height }: WindowSize): string {
  return `${Math.round(width)}x${Math.round(height)}`;
}

/**
 * The window a request's page is drawn for: the cookie's (measured after layout, so it wins), else the hints' (a
 * width without a usable height, as a Chromium before 108 sends, keeps the default height), else none.
 */
export function requestWindowSize(cookie: string | undefined, headers: Pick<Headers, "get">): WindowSize | null {
  const fromCookie = parseWindowSize(cookie);
  if (fromCookie) return fromCookie;
  const width = sideOf(headers.get(VIEWPORT_WIDTH_HINT));
  return width === null ? null : { width, height: sideOf(headers.get(VIEWPORT_HEIGHT_HINT)) ?? DEFAULT_WINDOW.height };
}
