/**
 * Who may assume a role that invokes functions, from its trust policy: the role's node in the details panel. Text
 * only, never HTML (provider names and condition values come from the snapshot).
 */
import type { RoleAssumers } from "@/lib/analysis/types";
import { assumedByText, assumerLine } from "@/lib/view/identity-details";
import { printable } from "@/lib/view/long-words";

export function AssumerList({ assumers }: { assumers: RoleAssumers }) {
  if (assumers.trustUnreadable || assumers.assumers.length === 0) {
    return <span data-testid="assumer-note">{printable(assumedByText(assumers) ?? "")}</span>;
  }
  return (
    <ul className="space-y-1">
      {assumers.assumers.map((a, i) => (
        // Everyone of some kind gets in (any AWS principal, any repository's workflows): marked like a public way in.
        <li key={i} className={a.openTo ? "text-xs font-medium text-red-800" : "text-xs"} data-testid="assumer" data-open={a.openTo ? "true" : undefined}>
          {printable(assumerLine(a))}
        </li>
      ))}
    </ul>
  );
}
