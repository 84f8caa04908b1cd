/** What an execution role can reach, and the grants of its policies that reach nothing, as the details panel lists them. */
import type { ReactNode } from "react";
import type { IneffectiveGrant, Reach } from "@/lib/analysis/types";
import { notActionsOf, resourceLabel } from "@/lib/graph/resource-label";
import { accessLabel, reachNotes } from "@/lib/view/graph-model";
import { printable } from "@/lib/view/long-words";
import { LongText } from "./long-text";
import { ConditionKeysText, OtherAccountsText, Refs, UnreadPoliciesText } from "./limit-lines";

/** `account`: the function's own, which resource labels leave out (lib/graph/resource-label.ts). */
export function ReachList({ reaches, account }: { reaches: readonly Reach[]; account: string | undefined }) {
  if (reaches.length === 0) return null;
  return (
    <ul className="space-y-1" data-testid="reach-list">
      {reaches.map((r, i) => {
        const except = notActionsOf(r);
        return (
          <li key={i} className="text-xs" data-testid="reach">
            <span className="break-words font-medium">{printable(resourceLabel(r.service, r.resource, account))}</span>{" "}
            <span className="text-slate-600">
              {levelsText(r.accessLevels)}
              {except ? ` · except ${printable(except.join(", "))}` : ""}
              {reachNotes(r)}
            </span>
            {/* The pattern as written, for copying into a policy or the what-if box. */}
            {r.resource === "*" ? null : <LongText text={r.resource} what="resource ARN" testId="reach-arn" className="block break-all font-mono text-slate-500" copy />}
            <ReachEvidence reach={r} />
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A reach's access levels in the words its graph edge and the PNG use: all five read "Full access" there, and a bare
 * list of five here read as some of them, not as the same answer.
 */
function levelsText(levels: readonly string[]): string {
  const short = accessLabel(levels);
  return short === levels.join(", ") ? short : `${short} (${levels.join(", ")})`;
}

/**
 * The statements behind a reach, so that the claim can be checked against the policy, and why it may be less than
 * it looks: the Deny statements that cover part of it, the condition keys and undocumented values that decide it,
 * the policies that could not be read. Where the report names none (another account's trust policy decides), the line says where to look.
 */
export function ReachEvidence({ reach }: { reach: Reach }) {
  const unread = reach.unreadPolicies ?? [];
  return (
    <span className="block text-[11px] leading-snug text-slate-600" data-testid="reach-evidence">
      <span className="block">
        Granted by <Refs refs={reach.via} />
      </span>
      {reach.conditionalWays?.map((w, i) => (
        <span key={i} className="block" data-testid="reach-conditional-way">
          <Refs refs={[w.via]} /> grants it only under conditions the snapshot cannot judge
          {w.conditionKeys.length ? (
            <>
              {" "}
              (<Refs refs={w.conditionKeys} />)
            </>
          ) : null}
          ; another statement grants it for certain.
        </span>
      ))}
      {reach.partiallyDenied ? (
        <span className="block" data-testid="reach-denied">
          {reach.deniedBy?.length ? (
            <>
              Partly denied by <Refs refs={reach.deniedBy} />: {reach.deniedBy.length > 1 ? "they cover" : "it covers"} some of these actions here; ask “Can this function…?” for one.
            </>
          ) : (
            "Partly denied: a Deny of the role (its policies or boundary) covers some of these actions here; ask “Can this function…?” for one."
          )}
        </span>
      ) : null}
      {reach.conditional ? (
        <span className="block" data-testid="reach-conditional">
          {spaced([
            reach.conditionKeys?.length || reach.undocumentedValues?.length ? (
              <ConditionKeysText key="keys" keys={reach.conditionKeys ?? []} values={reach.undocumentedValues} />
            ) : null,
            unread.length ? <UnreadPoliciesText key="unread" documents={unread} /> : null,
            reach.otherAccounts?.length ? <OtherAccountsText key="accounts" accounts={reach.otherAccounts} service={reach.service} /> : null,
          ]) ??
            `Conditional: conditions the snapshot cannot judge (in ${reach.via.length > 1 ? "these statements" : "this statement"}, a Deny, the boundary, or another account's policy) gate part of it.`}
        </span>
      ) : null}
    </span>
  );
}

/** The sentences given, a space between each; undefined when there are none. */
function spaced(parts: readonly ReactNode[]): ReactNode[] | undefined {
  const given = parts.filter((p) => p !== null);
  return given.length ? given.flatMap((p, i) => (i > 0 ? [" ", p] : [p])) : undefined;
}

export function IneffectiveGrantList({ grants }: { grants: readonly IneffectiveGrant[] }) {
  return (
    <>
      <p className="text-xs text-slate-600">IAM never authorises these actions on these resources (a resource of another type, or an ARN where IAM checks * only):</p>
      <ul className="space-y-1">
        {grants.map((g, i) => (
          <li key={i} className="text-xs" data-testid="ineffective-grant">
            <span className="font-medium">{printable(g.actions.join(", "))}</span> <span className="text-slate-600">in {printable(g.via.join(", "))}</span>
            <span className="block break-all font-mono text-slate-500">{printable(g.resource)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
