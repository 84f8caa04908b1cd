/**
 * A row's answer to the table's "Can reach" question: allowed, conditional or unknown, the actions and resource
 * pattern of the reach that decides it, and its evidence as the details panel words it (ReachEvidence), and where a
 * Deny covers that reach in part or the resource's own policy takes part, what the evaluator answered for the action
 * asked (lib/view/reach-exact.ts); where the resource's policy was not read, that the answer is the role's side only.
 * Apart from the rows, the functions granted the action that a Deny refuses, with that Deny (DeniedFunctions).
 */
import { ReachEvidence } from "@/components/details/reach-list";
import { printable } from "@/lib/view/long-words";
import { capitalised } from "@/lib/findings/headline";
import { IDENTITY_SIDE_ONLY } from "@/lib/analysis/resource-side";
import { REACH_STATE_LABEL, type ReachAnswer, type ReachState } from "@/lib/view/reach-question";
import type { DeniedRow } from "@/lib/view/overview";
import { formatCount } from "@/lib/view/count-text";

const CHIP: Record<ReachState, string> = {
  allowed: "bg-red-100 text-red-900",
  conditional: "bg-amber-100 text-amber-900",
  unknown: "bg-slate-200 text-slate-800",
};

export function ReachAnswerLine({ answer }: { answer: ReachAnswer }) {
  const { reach } = answer;
  const more = (answer.actionCount ?? 0) - (reach?.actions.length ?? 0);
  return (
    <div className="mt-1 text-xs text-slate-700" data-testid="reach-answer" data-state={answer.state}>
      <span className={`mr-1.5 rounded px-1.5 py-px text-[10px] font-bold uppercase ${CHIP[answer.state]}`}>{REACH_STATE_LABEL[answer.state]}</span>
      {reach ? (
        <>
          <span className="break-words font-mono">{printable(reach.actions.join(", "))}</span>
          {more > 0 ? ` and ${more.toLocaleString("en-US")} more` : ""} on{" "}
          <span className="break-all font-mono">{printable(reach.resource)}</span>
          <ReachEvidence reach={reach} />
          <AskedAs answer={answer} />
          <ExactLine answer={answer} />
          {answer.resourceSide ? (
            <span className="block text-[11px] leading-snug text-slate-600" data-testid="reach-resource-side">
              {printable(capitalised(answer.resourceSide))}
              {answer.resourceSide === IDENTITY_SIDE_ONLY ? ": a Deny there would still refuse it." : "."}
            </span>
          ) : null}
          <AlsoOn answer={answer} />
        </>
      ) : (
        <span data-testid="reach-unknown">What its role may do is unknown: {printable(answer.why ?? "")}</span>
      )}
    </div>
  );
}

/**
 * The evaluator's word on a reach a Deny covers in part; for a pattern, which it cannot answer as one request, how
 * to ask for that word.
 */
function ExactLine({ answer }: { answer: ReachAnswer }) {
  const { exact, reach } = answer;
  if (!exact) {
    return reach?.partiallyDenied ? (
      <span className="block text-[11px] leading-snug text-slate-600" data-testid="reach-exact-hint">
        Which of these actions the Deny takes is not in the reach list: ask one action (not a pattern) on an ARN or any resource for this row&apos;s exact answer.
      </span>
    ) : null;
  }
  // The verdict after a dash and its reason after a semicolon: a colon after the ARN, then another after the verdict,
  // read as one run-on label.
  const said =
    answer.state === "allowed" ? "allowed; no Deny takes it" : answer.state === "conditional" ? `conditional; ${exact.why ?? ""}` : `unknown; ${answer.why ?? ""}`;
  // The resource's own policy had to let the role in too (a key policy must): its statements that do.
  const letIn = exact.resourcePolicy?.length ? `; let in by ${exact.resourcePolicy.join(", ")}` : "";
  return (
    <span className="block text-[11px] leading-snug text-slate-600" data-testid="reach-exact">
      Evaluated as one request, <span className="font-mono">{printable(exact.action)}</span> on <span className="break-all font-mono">{printable(exact.resource)}</span> — {printable(said + letIn)}.
    </span>
  );
}

/** The ARN a name typed was asked as, and why that one ("the only queue named orders"). */
function AskedAs({ answer }: { answer: ReachAnswer }) {
  if (!answer.askedAs) return null;
  return (
    <span className="block break-all text-[11px] leading-snug text-slate-600" data-testid="reach-asked-as">
      {printable(capitalised(answer.askedAs))}.
    </span>
  );
}

/** The other resources the function may do it on, answered the same way: the first few, then how many more. */
function AlsoOn({ answer }: { answer: ReachAnswer }) {
  const shown = answer.alsoOn ?? [];
  if (!shown.length) return null;
  const more = (answer.alsoOnCount ?? shown.length) - shown.length;
  return (
    <span className="block text-[11px] leading-snug text-slate-600" data-testid="reach-also">
      Also {REACH_STATE_LABEL[answer.state].toLowerCase()} on <span className="break-all font-mono">{printable(shown.join(", "))}</span>
      {more > 0 ? ` and ${more.toLocaleString("en-US")} more` : ""}
    </span>
  );
}

/**
 * The functions granted the action asked that a Deny refuses (`count` of them, `denied` the first few by name): the
 * evidence a guardrail holds, folded under the counts so that the answer stays "who can", and not rows of the table.
 */
export function DeniedFunctions({ denied, count }: { denied: readonly DeniedRow[]; count: number }) {
  const more = count - denied.length;
  return (
    <details className="border-b border-slate-200 px-4 py-2 text-xs text-slate-700" data-testid="reach-refused">
      <summary className="cursor-pointer">
        {formatCount(count)} more {count === 1 ? "is" : "are"} granted it, but a Deny refuses it: which, and by which Deny
      </summary>
      <ul className="mt-1 space-y-1">
        {denied.map((d) => (
          <li key={d.arn} data-testid="reach-refused-item">
            <span className="break-all font-mono">{printable(d.name)}</span> on <span className="break-all font-mono">{printable(d.resource)}</span>: denied by{" "}
            <span className="break-all font-mono">{printable(d.deniedBy.join(", ") || "a Deny the evaluator did not name")}</span>
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="mt-1 text-slate-600">And {formatCount(more)} more: the search and filters narrow the list.</p> : null}
    </details>
  );
}
