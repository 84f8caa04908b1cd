"use client";
import { useState } from "react";

/**
 * Copies `text` (or what `text()` returns at click time) to the clipboard; falls back to selecting a hidden
 * textarea where the Clipboard API is denied. The outcome shows in the button for a moment and is said by a status
 * region beside it; the button keeps its name ("Copy link", not "Copied"), which a live region inside it had
 * changed under the screen reader's cursor, and which not every screen reader announced. It keeps its text too, and
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
}

export function CopyButton({ text: source, label = "Copy", testId = "copy-button", purpose }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
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
    window.setTimeout(() => setState("idle"), 2000);
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
      {/* Always in the document, empty when idle: a live region inserted together with its text is not always announced. */}
      <span role="status" className="sr-only" data-testid={`${testId}-status`}>
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Could not copy to the clipboard" : ""}
      </span>
    </>
  );
}
