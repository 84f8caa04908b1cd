import { useRef, useState } from "react";

/**
 * Open/closed state of a panel over the canvas (legend, minimap) that the canvas opens or closes to suit each view
 * until the user toggles it: from then on the user's choice holds. Fits read `openRef` rather than `open`, so a
 * toggle leaves the view where it is and the next fit follows it.
 */
export function useOverlayToggle(initial: boolean) {
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
  /** What the canvas would like for the view it is about to place; returns the state in effect. */
  const suggest = (want: boolean) => {
    if (!chosen.current && openRef.current !== want) set(want);
    return openRef.current;
  };
  return { open, openRef, toggle, suggest };
}
