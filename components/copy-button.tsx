"use client";
import { useState } from "react";

/**
 * Copies `text` (or what `text()` returns at click time) to the clipboard; falls back to selecting a hidden
 * textarea where the Clipboard API is denied. The outcome shows in the button for a moment and is said by a status
 * region beside it (a refusal is shown there too: CopyStatus); the button keeps its name ("Copy link", not "Copied"),
 * which a live region inside it had changed under the screen reader's cursor, and which not every screen reader announced. It keeps its text too, and
 * shows the outcome by its icon (a tick, a cross): "Copied" as its text, under the name "Copy link", was a control
 * a speech user could not say by what it showed (WCAG 2.5.3).
 */
export interface CopyButtonProps {
  text: string | (() => string);
  label?: string;
  testId?: string;
  /**
   * What is copied, where a page has several buttons of one label ("for <finding title>"): a screen reader's list of
   * buttons otherwise shows the same name several times. It follows the label, so the name starts with the visible
   * text (WCAG 2.5.3, speech users say what they see).
   */
  purpose?: string;
  /** What to do instead when the clipboard is refused ("copy the address bar instead"), said after "Could not copy: ". */
  whenRefused?: string;
}

type CopyState = "idle" | "copied" | "failed";

/**
 * The outcome beside the button. Always in the document, empty when idle: a live region inserted together with its
 * text is not always announced. A refusal is shown as well as said, in the same words: the button's ✕ alone told a
 * sighted user nothing of what to do.
 */
export function CopyStatus({ state, testId, whenRefused }: { state: CopyState; testId: string; whenRefused?: string }) {
  const text = state === "copied" ? "Copied to the clipboard" : state === "failed" ? `Could not copy${whenRefused ? `: ${whenRefused}` : " to the clipboard"}` : "";
  return (
    <span role="status" className={state === "failed" ? "self-center rounded bg-white px-1 text-xs text-red-800" : "sr-only"} data-testid={`${testId}-status`}>
      {text}
    </span>
  );
}

export function CopyButton({ text: source, label = "Copy", testId = "copy-button", purpose, whenRefused }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>("idle");
  async function copy() {
    const text = typeof source === "function" ? source() : source;
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // Selecting the hidden textarea takes focus; it goes back where it was (this button) once the copy is done.
      const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      opener?.focus();
      setState(ok ? "copied" : "failed");
    }
    // A refusal stays until the next try: gone after two seconds, its advice could be missed before it was read.
    window.setTimeout(() => setState((s) => (s === "copied" ? "idle" : s)), 2000);
  }
  return (
    <>
      <button
        type="button"
        onClick={copy}
        data-testid={testId}
        data-state={state}
        // A name, not page text: read as text (browse mode, find-in-page), "for <finding title>" repeated the title
        // once per button under every finding, and a hidden copy of the label beside the visible one put "Copy link"
        // twice in the page's text.
        aria-label={purpose ? `${label} ${purpose}` : label}
        className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        <svg viewBox="0 0 24 24" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          {state === "copied" ? (
            <path d="M5 12l5 5L20 7" />
          ) : state === "failed" ? (
            <path d="M6 6l12 12M18 6L6 18" />
          ) : (
            <>
              <rect x="9" y="9" width="11" height="11" rx="2" />
              <path d="M5 15V5a2 2 0 0 1 2-2h10" />
            </>
          )}
        </svg>
        <span aria-hidden="true">{label}</span>
      </button>
      <CopyStatus state={state} testId={testId} whenRefused={whenRefused} />
    </>
  );
}
