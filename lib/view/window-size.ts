/**
 * The browser window's inner size, in CSS px, kept in a cookie (components/window-size-hint.tsx writes it on every
 * page): the server draws the graph's first paint for that window, so the view does not slide once the scripts
 * measure the canvas. Absent (a browser's first page of the dashboard), the server assumes `DEFAULT_WINDOW`.
 */
import { z } from "zod";

export const WINDOW_COOKIE = "lpg-window";

export interface WindowSize {
  width: number;
  height: number;
}

export const DEFAULT_WINDOW: WindowSize = { width: 1440, height: 900 };

// A cookie is the browser's to change: a size no window has is ignored rather than drawn for.
const Side = z.coerce.number().int().min(200).max(20_000);

/** `1280x800`; anything else is no size. */
export function parseWindowSize(value: string | undefined): WindowSize | null {
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(value ?? "");
  if (!m) return null;
  const width = Side.safeParse(m[1]);
  const height = Side.safeParse(m[2]);
  return width.success && height.success ? { width: width.data, height: height.data } : null;
}

export function formatWindowSize({ width, height }: WindowSize): string {
  return `${Math.round(width)}x${Math.round(height)}`;
}
