/** What an execution role can reach, and the grants of its policies that reach nothing, as the details panel lists them. */
import type { IneffectiveGrant, Reach } from "@/lib/analysis/types";
import { notActionsOf, resourceLabel } from "@/lib/graph/resource-label";
import { visibleText } from "@/lib/view/visible-text";

/** `account`: the function's own, which resource labels leave out (lib/graph/resource-label.ts). */
export function ReachList({ reaches, account }: { reaches: readonly Reach[]; account: string | undefined }) {
  if (reaches.length === 0) return null;
  return (
    <ul className="space-y-1">
      {reaches.map((r, i) => {
        const except = notActionsOf(r);
        return (
          <li key={i} className="text-xs" data-testid="reach">
            <span className="break-words font-medium">{visibleText(resourceLabel(r.service, r.resource, account))}</span>{" "}
            <span className="text-slate-600">
              {r.accessLevels.join(", ")}
              {except ? ` · except ${except.join(", ")}` : ""}
              {r.conditional ? " · conditional" : ""}
              {r.partiallyDenied ? " · partly denied" : ""}
            </span>
            {/* The pattern as written, for copying into a policy or the what-if box. */}
            {r.resource === "*" ? null : <span className="block break-all font-mono text-slate-500">{visibleText(r.resource)}</span>}
          </li>
        );
      })}
    </ul>
  );
}

export function IneffectiveGrantList({ grants }: { grants: readonly IneffectiveGrant[] }) {
  return (
    <>
      <p className="text-xs text-slate-600">IAM never authorises these actions on these resources (a resource of another type, or an ARN where IAM checks * only):</p>
      <ul className="space-y-1">
        {grants.map((g, i) => (
          <li key={i} className="text-xs" data-testid="ineffective-grant">
            <span className="font-medium">{g.actions.join(", ")}</span> <span className="text-slate-600">in {visibleText(g.via.join(", "))}</span>
            <span className="block break-all font-mono text-slate-500">{visibleText(g.resource)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
