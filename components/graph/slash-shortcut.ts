/**
 * Whether the single-key `/` shortcut opens search. WCAG 2.1.4 (character key shortcuts): speech-input and some
 * keyboard users trigger single-character shortcuts by accident, so the user can turn it off; the choice is kept
 * in this browser (localStorage), not in the URL, because it belongs to the person, not to the shared view.
 */
import { useCallback, useSyncExternalStore } from "react";

const KEY = "lpg.slash-shortcut";
const EVENT = "lpg:slash-shortcut";

/** Where the choice lives when the browser refuses storage (some privacy modes): until the page reloads. */
let unstored = true;

export function slashShortcutEnabled(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== "off";
  } catch {
    return unstored;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(EVENT, onChange);
  window.addEventListener("storage", onChange); // another tab changed it
  return () => {
    window.removeEventListener(EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** [enabled, setEnabled]; the server render assumes enabled, the browser then reads the stored choice. */
export function useSlashShortcut(): [boolean, (on: boolean) => void] {
  const enabled = useSyncExternalStore(subscribe, slashShortcutEnabled, () => true);
  const set = useCallback((on: boolean) => {
    unstored = on;
    try {
      if (on) window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, "off");
    } catch {
      // storage refused: `unstored` holds the choice
    }
    window.dispatchEvent(new Event(EVENT));
  }, []);
  return [enabled, set];
}
