/**
 * Who may assume a role that invokes functions, from its trust policy: the role's node in the details panel. Text
 * only, never HTML (provider names and condition values come from the snapshot).
 */
import type { RoleAssumers } from "@/lib/analysis/types";
import { assumedByText, assumerLine } from "@/lib/view/identity-details";

export function AssumerList({ assumers }: { assumers: RoleAssumers }) {
  if (assumers.trustUnreadable || assumers.assumers.length === 0) {
    return <span data-testid="assumer-note">{assumedByText(assumers)}</span>;
  }
  return (
    <ul className="space-y-1">
      {assumers.assumers.map((a, i) => (
        <li key={i} className="text-xs" data-testid="assumer">
          {assumerLine(a)}
        </li>
      ))}
    </ul>
  );
}
