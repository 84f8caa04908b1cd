import { useRef, useState } from "react";

/**
 * Open/closed state of a panel over the canvas (legend, minimap) that the canvas opens or closes to suit each view
 * until the user toggles it: from then on the user's choice holds. Fits read `openRef` rather than `open`, so a
 * toggle leaves the view where it is and the next fit follows it. `null`: not decided yet, in the server's HTML and
 * until the canvas is measured (the legend's CSS decides what the first paint shows meanwhile).
 */
export function useOverlayToggle(initial: boolean | null) {
  const [open, setOpen] = useState(initial);
  const openRef = useRef(open);
  const chosen = useRef(false);
  const set = (value: boolean) => {
    openRef.current = value;
    setOpen(value);
  };
  const toggle = () => {
    chosen.current = true;
    set(!openRef.current);
  };
  /** What the first paint showed, once measured: an undecided state becomes that one, so nothing moves. */
  const settle = (shown: boolean) => {
    if (openRef.current === null) set(shown);
  };
  /** What the canvas would like for the view it is about to place; returns the state in effect. */
  const suggest = (want: boolean) => {
    if (!chosen.current && openRef.current !== want) set(want);
    return openRef.current ?? want;
  };
  return { open, openRef, toggle, settle, suggest };
}
