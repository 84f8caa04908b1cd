/**
 * What the details panel adds to a way in that does not simply let its caller in. A listed grant or URL is not an
 * invoker by being listed: a URL grant without its companion action, or a grant a Deny cancels, lets no one in.
 */
import type { Invoker } from "@/lib/analysis/types";

export function invokerOutcome(inv: Pick<Invoker, "decision" | "reason">): string | undefined {
  switch (inv.decision) {
    case "conditional":
      return inv.reason ? `may get in (conditional: ${inv.reason})` : "may get in (conditional)";
    case "implicitly-denied":
    case "explicitly-denied":
      return `cannot invoke (${inv.decision})`;
    default:
      return undefined;
  }
}
