"use client";
/**
 * "Keyboard": the graph's keys, one click (or Enter) away. Tab reaches only the nodes drawn near the view, so the other
 * ways through a large graph (arrows, search) need saying somewhere a keyboard user looks.
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useSlashShortcut } from "./slash-shortcut";

const kbd = "rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[11px] text-slate-700";

export function KeyboardHelp() {
  const [open, setOpen] = useState(false);
  const [slashShortcut] = useSlashShortcut();
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    event.preventDefault();
    setOpen(false);
    button.current?.focus();
  };
  const keys: [ReactNode, string][] = [
    [<kbd className={kbd}>Tab</kbd>, "the nodes on screen, column by column, then the zoom buttons; the first stop before the nodes skips past them"],
    [<kbd className={kbd}>Arrow keys</kbd>, "from a node to the next one up, down, left or right, anywhere in the graph; the view follows"],
    [<kbd className={kbd}>Enter</kbd>, "show the node's details; again, go to them"],
    [<kbd className={kbd}>Escape</kbd>, "close the details (in the panel, or on its node)"],
    // The shortcut can be turned off (slash-shortcut.ts); the button is always there.
    [slashShortcut ? <kbd className={kbd}>/</kbd> : "Find a node", "search every node, drawn or not"],
  ];
  return (
    // Not a positioning box: the list hangs from the toolbar's right edge, not this button's, which in a 320 px window
    // sits so near the left that a list as wide as the window, aligned to it, opened mostly off the screen.
    <div
      onKeyDown={onKeyDown}
      // Closed once focus leaves it: left open over the graph, it hid nodes, and Escape from elsewhere did not reach it.
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts"
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        {/* A keyboard's outline alone on a phone-wide canvas, where the word pushed the toolbar over the legend's title. */}
        <svg viewBox="0 0 20 14" width="16" height="12" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true" className="hidden @max-[30rem]/graph-canvas:block">
          <rect x="1" y="1" width="18" height="12" rx="2" />
          <path d="M5 5h.01M8 5h.01M11 5h.01M14 5h.01M6 9h8" strokeLinecap="round" />
        </svg>
        <span className="@max-[30rem]/graph-canvas:hidden">Keyboard</span>
      </button>
      <dl
        id={listId}
        hidden={!open}
        data-testid="keyboard-help"
        className="absolute right-0 top-full z-10 mt-1 grid w-80 max-w-[calc(100cqw-30px)] grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 rounded-lg border border-slate-200 bg-white p-3 text-xs text-slate-700 shadow"
      >
        {keys.map(([key, what]) => (
          <div key={what} className="contents">
            <dt>{key}</dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
