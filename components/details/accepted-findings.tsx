/**
 * A node's findings that the server's suppressions file accepts: out of the counts and badges, but not out of sight.
 * Each shows the reason it was accepted, and opens to the whole finding with its evidence. Text only, never HTML.
 */
import type { SuppressedFinding } from "@/lib/analysis/types";
import { SEVERITY_CHIP, SEVERITY_LABEL } from "@/components/severity-style";
import { FindingCard } from "./finding-card";
import { positionAmongTwins } from "@/lib/view/count-text";
import { printable } from "@/lib/view/long-words";

export function AcceptedFindings({ accepted }: { accepted: SuppressedFinding[] }) {
  return (
    <section aria-labelledby="details-accepted" data-testid="details-accepted">
      <h3 id="details-accepted" className="mb-1 text-sm font-semibold text-slate-900">
        Accepted <span className="font-normal text-slate-600">({accepted.length})</span>
      </h3>
      <p className="mb-2 text-xs text-slate-600">In the suppressions file: not counted or badged.</p>
      <ul className="space-y-2">
        {accepted.map((f, i) => (
          <li key={f.id} className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm" data-testid="details-accepted-finding">
            <details>
              <summary className="cursor-pointer focus-visible:outline-2 focus-visible:outline-sky-600">
                <span className={`mr-1.5 rounded px-1.5 py-px text-[10px] font-bold uppercase ${SEVERITY_CHIP[f.severity]}`}>{SEVERITY_LABEL[f.severity]}</span>
                <span className="font-medium text-slate-900">{printable(f.title)}</span>
              </summary>
              <div className="mt-2">
                <FindingCard finding={f} twin={positionAmongTwins(accepted, i, (g) => g.title)} />
              </div>
            </details>
            <p className="mt-1 text-xs text-slate-700">
              Accepted: {printable(f.suppression.reason)}
              {f.suppression.expires ? ` (until ${f.suppression.expires})` : ""}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
