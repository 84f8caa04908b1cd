/**
 * How the details panel says who a grant to the function's own account lets in (`Invoker.delegatedTo`): the grant
 * delegates to the account's identity policies, so its outcome is the roles and users those let in, not "anyone in
 * the account". Text only.
 */
import type { DelegateCaller, OwnAccountDelegation } from "@/lib/analysis/types";
import { callersCount, identityCallerName } from "./identity-details";

/** "delegates to this account's identity policies: 2 roles and 1 IAM user may invoke through it (listed below)". */
export function delegationSummary(d: OwnAccountDelegation): string {
  const head = "delegates to this account's identity policies";
  const unknown = d.unknown?.length ? `; ${unknownCount(d)} whose policies could not be read: unknown` : "";
  if (d.callers.length === 0) return `${head}: none of its roles or users may invoke through it${unknown}`;
  const who = callersCount(d.callers.map((c) => c.principal));
  const more = d.moreCallers ? ` and ${d.moreCallers} more` : "";
  return `${head}: ${who}${more} may invoke through it${unknown}`;
}

/** "ci-role · identity policy (invoke#InvokeF) · may get in (conditional)", as the identity ways in read. */
export function delegateLine(c: DelegateCaller): string {
  const scope = c.accountWide ? " · every function" : "";
  const outcome = c.decision === "conditional" ? " · may get in (conditional)" : "";
  return `${identityCallerName(c.principal)} · identity policy (${c.statements.join(", ")})${scope}${outcome}`;
}

/** "Unknown (policies not read): broken-role, IAM user x and 3 more"; none when all were read. */
export function unknownLine(d: OwnAccountDelegation): string | undefined {
  if (!d.unknown?.length) return undefined;
  const names = d.unknown.map(identityCallerName).join(", ");
  return `Unknown (identity policies not read): ${names}${d.moreUnknown ? ` and ${d.moreUnknown} more` : ""}`;
}

function unknownCount(d: OwnAccountDelegation): string {
  const listed = d.unknown ?? [];
  return d.moreUnknown ? `${listed.length + d.moreUnknown} roles or users` : callersCount(listed);
}
