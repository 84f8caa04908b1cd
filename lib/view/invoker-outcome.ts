/**
 * What the details panel adds to a way in that does not simply let its caller in. A listed grant or URL is not an
 * invoker by being listed: a URL grant without its companion action, or a grant a Deny cancels, lets no one in.
 */
import type { Invoker } from "@/lib/analysis/types";
import { dependsOnText } from "@/lib/findings/depends-on";

export function invokerOutcome(inv: Pick<Invoker, "decision" | "reason" | "unknownKeys" | "undocumentedValues">): string | undefined {
  switch (inv.decision) {
    case "conditional": {
      const on = dependsOnText({ keys: inv.unknownKeys, values: inv.undocumentedValues });
      const why = inv.reason ?? (on ? `depends on ${on}` : undefined);
      return why ? `may get in (conditional: ${why})` : "may get in (conditional)";
    }
    case "implicitly-denied":
    case "explicitly-denied":
      return `cannot invoke (${inv.decision}${inv.reason ? `: ${inv.reason}` : ""})`;
    default:
      return undefined;
  }
}
