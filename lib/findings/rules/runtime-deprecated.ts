/** runtime-deprecated: the function's runtime was past its deprecation date when the snapshot was taken. */
import { captureDayUtc } from "@/lib/analysis/capture-day";
import type { Finding } from "@/lib/analysis/types";
import { ownValue } from "@/lib/own-value";
import { RUNTIMES, supportedSuccessor } from "../data/runtimes";
import { configEvidence } from "../evidence";
import type { Rule } from "../types";
import { functionFinding } from "../function-finding";
import { cliFlag, functionArgs } from "../remediation";

function remediationOf(arn: string, runtime: string, day: string): string {
  const next = supportedSuccessor(runtime, day);
  const which = next ? ` (the one supported longest as of ${day}: ${next})` : "";
  return `Move to a supported runtime of the same language${which}, test, then:\naws lambda update-function-configuration${functionArgs(arn)}${cliFlag("--runtime", next ?? "<new runtime>")}`;
}

export const runtimeDeprecated: Rule = {
  id: "runtime-deprecated",
  title: "Deprecated runtime",
  severity: "medium",
  needs: [],
  description:
    "The runtime is past its deprecation date (lib/findings/data/runtimes.ts, from AWS's Lambda runtimes page), compared with the UTC day of the snapshot's capturedAt. A runtime the table does not date, and a container image (no runtime), gets no finding.",
  check(ctx) {
    const day = captureDayUtc(ctx.model.capturedAt);
    const findings: Finding[] = [];
    for (const fn of ctx.model.functions) {
      const runtime = fn.config.Runtime;
      const info = runtime ? ownValue(RUNTIMES, runtime) : undefined;
      if (!runtime || !info || day < info.deprecated) continue;
      findings.push(functionFinding({
        rule: this.id,
        severity: this.severity,
        fn,
        title: `Deprecated runtime ${runtime} (since ${info.deprecated})`,
        detail:
          `${fn.name} runs on ${info.name} (${runtime}), deprecated by AWS on ${info.deprecated} — ${info.deprecated === day ? "the day this snapshot was taken" : `before this snapshot (${day})`}. ` +
          "Deprecated runtimes get no security patches, and AWS later blocks creating and updating functions that use them.",
        evidence: [configEvidence(fn.arn, `Runtime ${runtime}`, { Runtime: runtime }, ["Runtime", runtime])],
        remediation: remediationOf(fn.arn, runtime, day),
      }));
    }
    return findings;
  },
};
