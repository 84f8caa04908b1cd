/**
 * A row's answer to the table's "Can reach" question: allowed, conditional or unknown, the actions and resource
 * pattern of the reach that decides it, and its evidence as the details panel words it (ReachEvidence).
 */
import { ReachEvidence } from "@/components/details/reach-list";
import { printable } from "@/lib/view/long-words";
import { REACH_STATE_LABEL, type ReachAnswer, type ReachState } from "@/lib/view/reach-question";

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
        </>
      ) : (
        <span data-testid="reach-unknown">What its role may do is unknown: {printable(answer.why ?? "")}</span>
      )}
    </div>
  );
}
