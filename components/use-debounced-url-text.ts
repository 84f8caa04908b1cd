"use client";
/**
 * A text box whose value lives in the URL, written once typing pauses: the box follows every key, the URL (and what
 * the server draws for it) the settled text.
 *
 * The pause is timed here, with one timer, rather than by nuqs's `debounce`: nuqs debounces each URL key on its own
 * timer, so an update of two keys (the search and the page it resets) could reach the URL as two writes, and a
 * "push" write then made two history entries for one search; Back from the second landed on the first, the search
 * still in the box (the overview e2e test that flaked under load). `write` is called once per pause with the whole
 * update.
 *
 * Back or Forward drops a pause still running, so no write lands after it: the box and the URL show the entry
 * travelled to.
 */
import { useCallback, useEffect, useRef, useState } from "react";

export function useDebouncedUrlText(urlText: string, write: (text: string) => void, delayMs: number): [text: string, onChange: (text: string) => void] {
  /** The typed text not yet written to the URL; null once it has been (or Back or Forward dropped it). */
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const writeRef = useRef(write);
  useEffect(() => {
    writeRef.current = write;
  }, [write]);

  const cancel = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
  }, []);

  useEffect(() => {
    const drop = () => {
      cancel();
      setDraft(null);
    };
    window.addEventListener("popstate", drop);
    return () => {
      window.removeEventListener("popstate", drop);
      cancel();
    };
  }, [cancel]);

  const onChange = useCallback(
    (text: string) => {
      cancel();
      const flush = () => {
        timer.current = undefined;
        setDraft(null);
        writeRef.current(text);
      };
      // An emptied box shows every row at once: there is nothing to wait for.
      if (!text) return flush();
      setDraft(text);
      timer.current = window.setTimeout(flush, delayMs);
    },
    [cancel, delayMs],
  );

  return [draft ?? urlText, onChange];
}

/** Typing waits this long after the last key before a search box writes the URL (the box itself follows every key). */
export const SEARCH_DEBOUNCE_MS = 200;

/**
 * How a search box's write enters the history: a search is one entry, or Back would step through it a letter at a
 * time, so a write pushes until the URL holds a search (`key`), then replaces. Asked when the write happens, not when
 * a key is pressed: a key pressed before the previous pause's write reached the URL would push a second entry.
 */
export function searchHistory(key: string): "push" | "replace" {
  return new URLSearchParams(window.location.search).get(key) ? "replace" : "push";
}
