"use client";
/**
 * A long value of the details panel (a description, a reference, a role or resource ARN) or of the compare page (a
 * setting before and now), clamped until asked for. A client component: the compare page is rendered on the server.
 */
import { useId, useState } from "react";
import { printable } from "@/lib/view/long-words";
import { visibleText } from "@/lib/view/visible-text";
import { CopyButton } from "@/components/copy-button";

/** About four lines of the panel: a value longer than this is clamped until asked for. */
export const CLAMP_CHARS = 240;

/**
 * A value of up to thousands of characters, clamped to four lines with a button to show it whole: a 1,000-character
 * description, or a hand-made queue ARN of 2,000, in full took the panel's first screen (the ARN 40 lines) and pushed
 * the findings below it. The whole text is in the markup, for screen readers and find-in-page; `copy` names what a
 * button beside the toggle copies, whole, where a long value is one to paste elsewhere (an ARN into a policy). A
 * snapshot's name or ARN is whole up to the longest ARN AWS gives (printable): a crafted word past it is cut, or a
 * megabyte key made a megabyte page. `whole` keeps every word: a setting compared (compact JSON, a CORS list of a
 * hundred origins is one "word" of thousands of characters) is real data whose middle the user came to read.
 */
export function LongText({ text, what, testId, className = "", lines = false, copy, whole: keepWhole = false }: { text: string; what: string; testId: string; className?: string; lines?: boolean; copy?: boolean; whole?: boolean }) {
  const [whole, setWhole] = useState(false);
  const id = useId();
  const long = text.length > CLAMP_CHARS;
  const shown = keepWhole ? visibleText(text, { lines }) : printable(text, { lines });
  return (
    <>
      <span id={id} data-testid={testId} className={`${className} ${long && !whole ? "line-clamp-4" : ""}`.trim() || undefined}>
        {shown}
      </span>
      {long ? (
        <span className="mt-1 flex flex-wrap items-center gap-2">
          <button
            type="button"
            aria-expanded={whole}
            aria-controls={id}
            // The visible "Show less" says of what to a screen reader's list of buttons, where a panel with two values
            // shown whole had two of one name; it starts the name, so speech users can say what they see (WCAG 2.5.3).
            aria-label={whole ? `Show less of the ${what}` : undefined}
            onClick={() => setWhole((w) => !w)}
            data-testid={`${testId}-toggle`}
            className="text-left text-xs font-medium text-sky-800 underline focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            {whole ? "Show less" : `Show the whole ${what}`}
          </button>
          {copy ? <CopyButton text={shown} testId={`${testId}-copy`} purpose={`the whole ${what}`} /> : null}
        </span>
      ) : null}
    </>
  );
}
