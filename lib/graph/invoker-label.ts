import type { Invoker } from "@/lib/analysis/types";

/** The text on a way in's edge: the mapping's state, the URL's auth type, or what narrows a grant. */
export function invokerEdgeLabel(inv: Invoker): string | undefined {
  if (inv.via === "event-source-mapping") return inv.state;
  if (inv.via === "function-url") return `URL ${inv.authType ?? ""}`.trim();
  // The role's own policies let it in: no resource-policy condition is involved.
  if (inv.via === "identity-policy") return "identity policy";
  return inv.conditionSummary;
}
