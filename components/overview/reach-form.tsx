"use client";
/**
 * "Which functions can do ACTION on RESOURCE?": the table's `reach` and `on` filter. Asked when submitted (Enter or
 * Ask), not as each key is typed: every question walks every function's reach list on the server, and a half-typed
 * action (`s3:Pu`) is no question. The boxes start from the URL and start again when it changes (Back, Clear filters).
 */
import { useId, useRef, useState } from "react";
import { reachActionProblem } from "@/lib/view/reach-question";
import { useFocusFallback } from "@/components/use-focus-fallback";

const BOX =
  "rounded-md border border-slate-300 px-2 py-1 font-mono text-xs placeholder:font-sans placeholder:text-slate-500 focus-visible:outline-2 focus-visible:outline-sky-600 aria-[invalid=true]:border-red-600";
const BUTTON =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600";

export function ReachForm({ action, resource, onAsk }: { action: string; resource: string; onAsk: (q: { reach: string; on: string } | null) => void }) {
  const [typed, setTyped] = useState({ action, resource });
  const [problem, setProblem] = useState<string | undefined>();
  // The URL's question changed (asked, cleared, Back): the boxes start again from it. Reset in place rather than by
  // remounting the form (a `key` on it), which took the focused box or button out of the page and dropped keyboard
  // focus to <body> on every Enter, Ask and Clear question.
  const [shown, setShown] = useState({ action, resource });
  if (shown.action !== action || shown.resource !== resource) {
    setShown({ action, resource });
    setTyped({ action, resource });
    setProblem(undefined);
  }
  const errorId = useId();
  const actionBox = useRef<HTMLInputElement>(null);
  // "Clear question" goes with the question it clears: focus moves to the action box, where the next one is typed.
  const toActionBox = useFocusFallback<HTMLButtonElement>(() => actionBox.current);
  const asked = action !== "";

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const reach = typed.action.trim();
    if (!reach) {
      setProblem(undefined);
      onAsk(null);
      return;
    }
    const why = reachActionProblem(reach);
    setProblem(why && `${reach}: ${why}`);
    if (!why) onAsk({ reach, on: typed.resource.trim() });
  }

  return (
    <form role="search" aria-label="Which functions can reach a resource" onSubmit={submit} className="flex flex-wrap items-center gap-1.5 text-xs font-medium text-slate-600" data-testid="reach-form">
      {/* Named "Can do action" and "on resource": heard alone, as a screen reader's list of form fields says them,
          "on" named nothing. The visible words start each name (WCAG 2.5.3). */}
      <label className="flex items-center gap-1.5">
        <span>
          Can do<span className="sr-only"> action</span>
        </span>
        <input
          ref={actionBox}
          type="text"
          value={typed.action}
          onChange={(e) => setTyped({ ...typed, action: e.target.value })}
          placeholder="s3:PutObject or s3:*"
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          data-testid="reach-action"
          className={`w-40 ${BOX}`}
        />
      </label>
      <label className="flex items-center gap-1.5">
        <span>
          on<span className="sr-only"> resource</span>
        </span>
        <input
          type="text"
          value={typed.resource}
          onChange={(e) => setTyped({ ...typed, resource: e.target.value })}
          placeholder="ARN or name (any if empty)"
          spellCheck={false}
          data-testid="reach-resource"
          className={`w-56 ${BOX}`}
        />
      </label>
      <button type="submit" className={BUTTON} data-testid="reach-ask">
        Ask
      </button>
      {asked ? (
        <button type="button" ref={toActionBox} className={BUTTON} data-testid="reach-clear" onClick={() => onAsk(null)}>
          Clear question
        </button>
      ) : null}
      {problem ? (
        <p id={errorId} role="alert" className="basis-full text-red-700" data-testid="reach-problem">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
