/**
 * Who may invoke a function, by kind: the overview's "Invoked by" filter. Read from the function's ways in that let a
 * caller in (letsIn), as the invoker count is, so a filtered row never shows 0 invokers.
 */
import type { FunctionReport } from "@/lib/analysis/types";
import { letsIn } from "@/lib/analysis/invoker-effect";
import { accountOfArn } from "@/lib/analysis/arn";

export const INVOKER_KINDS = ["public", "other-account", "service", "iam"] as const;
export type InvokerKind = (typeof INVOKER_KINDS)[number];

/** As the filter's options say them, after "Invoked by". */
export const INVOKER_KIND_LABEL: Record<InvokerKind, string> = {
  public: "anyone (public)",
  "other-account": "another account",
  service: "an AWS service",
  iam: "a role or user of this account",
};

const ACCOUNT_ID = /^\d{12}$/;

/** The accounts a way in names: its principal's, and those its source account or source ARN condition names. */
function accountsNamed(inv: FunctionReport["invokers"][number]): string[] {
  const principal = ACCOUNT_ID.test(inv.principal) ? inv.principal : inv.principal.startsWith("arn:") ? accountOfArn(inv.principal) : undefined;
  const source = inv.sourceArn ? accountOfArn(inv.sourceArn) : undefined;
  return [principal, inv.sourceAccount, source].filter((a): a is string => !!a);
}

/**
 * The kinds of caller that may invoke `fn`, each once. `public`: anyone, unauthenticated (the way in's own `public`,
 * which a `*` narrowed by a condition does not have). `other-account`: an organization, or an account other than
 * `account` named as principal or as a service grant's source; such a service grant is `service` too. `iam`: this
 * account's roles and users whose own policies name the function (those granted every function are not per function).
 */
export function invokerKindsOf(fn: Pick<FunctionReport, "invokers">, account: string): InvokerKind[] {
  const kinds = new Set<InvokerKind>();
  for (const inv of fn.invokers) {
    if (!letsIn(inv)) continue;
    if (inv.public) kinds.add("public");
    if (inv.principalType === "organization" || accountsNamed(inv).some((a) => a !== account)) kinds.add("other-account");
    if (inv.principalType === "service") kinds.add("service");
    if (inv.principalType === "role" || inv.principalType === "user") kinds.add("iam");
  }
  return INVOKER_KINDS.filter((k) => kinds.has(k));
}
