import type { Invoker } from "@/lib/analysis/types";
import { isAsyncOnly } from "@/lib/analysis/async-only";

/**
 * The label of a conditional way in whose statement has no condition of its own (a Deny elsewhere in the policy, the
 * role's own policies, a role the snapshot lacks may refuse it): it says the answer is undecided, so the graph view
 * adds no " · conditional" after it.
 */
export const MAY_BE_DENIED = "may be denied";

/**
 * The text on a way in's edge: the mapping's state, the URL's auth type, or what narrows a grant; and "InvokeAsync"
 * where that deprecated API is the only way in it grants.
 */
export function invokerEdgeLabel(inv: Invoker): string | undefined {
  const label = baseLabel(inv);
  return isAsyncOnly(inv.actions) ? (label ? `${label} · InvokeAsync` : "InvokeAsync") : label;
}

function baseLabel(inv: Invoker): string | undefined {
  if (inv.via === "event-source-mapping") return inv.state;
  if (inv.via === "function-url") return `URL ${inv.authType ?? ""}`.trim();
  // The role's own policies let it in: no resource-policy condition is involved.
  if (inv.via === "identity-policy") return "identity policy";
  return inv.conditionSummary;
}
