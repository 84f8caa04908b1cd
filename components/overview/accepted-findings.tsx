/**
 * The overview's note on findings the suppressions file accepts (lib/view/accepted-findings.ts): which, where, and the
 * reason each was accepted, so a finding left out of the counts is never out of sight. A native disclosure, like the
 * data-gaps note: keyboard and screen readers get it without script. Reasons are the file's text, rendered as text.
 */
import type { AcceptedView } from "@/lib/view/accepted-findings";
import { SEVERITY_CHIP, SEVERITY_LABEL } from "@/components/severity-style";
import { printable } from "@/lib/view/long-words";

export function AcceptedFindingsNote({ view }: { view: AcceptedView }) {
  if (view.kind === "invalid") {
    return (
      <p role="status" className="mt-1 text-sm text-red-800" data-testid="accepted-findings-error">
        {view.message}
      </p>
    );
  }
  return (
    <details className="mt-1 text-sm" data-testid="accepted-findings">
      <summary className="cursor-pointer text-slate-700 underline decoration-dotted underline-offset-2 focus-visible:outline-2 focus-visible:outline-sky-600">
        {view.summary} — show which
      </summary>
      {view.warnings.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-6 text-xs text-amber-900">
          {view.warnings.map((w, i) => (
            <li key={i} data-testid="accepted-warning">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="mt-1 space-y-1 pl-2 text-xs text-slate-700">
        {view.items.map((item) => (
          <li key={item.id} data-testid="accepted-finding">
            <span className={`mr-1.5 rounded px-1.5 py-px text-[10px] font-bold uppercase ${SEVERITY_CHIP[item.severity]}`}>{SEVERITY_LABEL[item.severity]}</span>
            <span className="font-medium text-slate-900">{printable(item.place)}</span>: {printable(item.title)}{" "}
            <span className="text-slate-600">
              — accepted: {printable(item.reason)}
              {item.expires ? ` (until ${item.expires})` : ""}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
