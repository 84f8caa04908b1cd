/**
 * Which panels over the graph canvas (the legend, the minimap) the user opened or closed themselves, kept for the
 * browser session in a cookie: the server reads it for each graph page, so its first paint already has the user's
 * choice instead of the canvas's own pick followed by a jump once the scripts run.
 */
import { z } from "zod";

export const OVERLAY_COOKIE = "lpg-overlays";
export const OVERLAYS = ["legend", "minimap"] as const;
export type OverlayName = (typeof OVERLAYS)[number];
/** true: open, false: closed, absent: the user has not chosen (the canvas decides). */
export type OverlayChoice = Partial<Record<OverlayName, boolean>>;

const State = z.enum(["open", "closed"]);

/** The cookie's value (`legend=closed&minimap=open`); anything else in it is ignored. */
export function parseOverlayChoice(value: string | undefined): OverlayChoice {
  const params = new URLSearchParams(value ?? "");
  const choice: OverlayChoice = {};
  for (const name of OVERLAYS) {
    const state = State.safeParse(params.get(name));
    if (state.success) choice[name] = state.data === "open";
  }
  return choice;
}

export function formatOverlayChoice(choice: OverlayChoice): string {
  const params = new URLSearchParams();
  for (const name of OVERLAYS) {
    const open = choice[name];
    if (open !== undefined) params.set(name, open ? "open" : "closed");
  }
  return params.toString();
}
