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
      // Both: a reason (a role not in the snapshot, sources of another partition) does not say what else it rests on.
      const why = [inv.reason, on ? `depends on ${on}` : undefined].filter(Boolean).join("; ");
      return why ? `may get in (conditional: ${why})` : "may get in (conditional)";
    }
    case "implicitly-denied":
    case "explicitly-denied":
      return `cannot invoke (${inv.decision}${inv.reason ? `: ${inv.reason}` : ""})`;
    case "allowed":
      // A way in standing for many sources, some of which let no one in (another partition's): said which.
      return inv.reason ? `gets in (${inv.reason})` : undefined;
    default:
      return undefined;
  }
}
