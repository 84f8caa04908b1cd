import { useRef, useState } from "react";
import { formatOverlayChoice, OVERLAY_COOKIE, parseOverlayChoice, type OverlayName } from "@/lib/view/overlay-choice";
import { readCookie, writeCookie } from "@/components/browser-cookie";

/**
 * Open/closed state of a panel over the canvas (legend, minimap). Until the user toggles it, the canvas suggests a
 * state for each view it places: the page's first view gets the panel open only where it has room, and later views
 * may close it, never reopen it, so moving between views (and back) does not flip it open and shut. A toggle is the
 * user's choice, which holds from then on, for the browser session (`choice`: the session's choice, which the server
 * read from its cookie). Fits read `openRef` rather than `open`, so a toggle leaves the view where it is and the
 * next fit follows it. `null`: not decided yet, in the server's HTML and until the canvas is measured (the legend's
 * CSS decides what the first paint shows meanwhile).
 */
export function useOverlayToggle(name: OverlayName, choice: boolean | undefined) {
  const [open, setOpen] = useState<boolean | null>(choice ?? null);
  const openRef = useRef(open);
  const chosen = useRef(choice !== undefined);
  const placed = useRef(false);
  const set = (value: boolean) => {
    openRef.current = value;
    setOpen(value);
  };
  const toggle = () => {
    const next = !openRef.current;
    chosen.current = true;
    set(next);
    rememberChoice(name, next);
  };
  /** What the first paint showed, once measured: an undecided state becomes that one, so nothing moves. */
  const settle = (shown: boolean) => {
    if (openRef.current === null) set(shown);
  };
  /** What the canvas would like for the view it is about to place; returns the state in effect. */
  const suggest = (want: boolean) => {
    if (!chosen.current && openRef.current !== want && (!placed.current || !want)) set(want);
    placed.current = true;
    return openRef.current ?? want;
  };
  return { open, openRef, toggle, settle, suggest };
}

/** Into the session cookie, beside the other panel's choice; no expiry, so it ends with the browser session. */
function rememberChoice(name: OverlayName, open: boolean) {
  writeCookie(OVERLAY_COOKIE, formatOverlayChoice({ ...parseOverlayChoice(readCookie(OVERLAY_COOKIE)), [name]: open }));
}
