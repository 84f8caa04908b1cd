/**
 * What the details panel adds to a way in that does not simply let its caller in. A listed grant or URL is not an
 * invoker by being listed: a URL grant without its companion action, or a grant a Deny cancels, lets no one in.
 */
import type { Invoker } from "@/lib/analysis/types";

export function invokerOutcome(inv: Pick<Invoker, "decision" | "reason" | "unknownKeys">): string | undefined {
  switch (inv.decision) {
    case "conditional": {
      const why = inv.reason ?? (inv.unknownKeys?.length ? `depends on ${inv.unknownKeys.join(", ")}` : undefined);
      return why ? `may get in (conditional: ${why})` : "may get in (conditional)";
    }
    case "implicitly-denied":
    case "explicitly-denied":
      return `cannot invoke (${inv.decision})`;
    default:
      return undefined;
  }
}
