/**
 * event-source-mapping-failing: AWS itself reports a mapping as disabled or failing — `State` Disabled, or
 * `LastProcessingResult` starting with PROBLEM, or a Kafka/MQ error code in `StateTransitionReason`.
 */
import type { Finding } from "@/lib/analysis/types";
import { eventSourceType } from "@/lib/analysis/invokers";
import { mappingEvidence } from "../evidence";
import { enableCheck, eventSourceLabel } from "../event-source-needs";
import { functionFinding } from "../function-finding";
import { functionsWithData, needsOutright } from "../data-needs";
import type { Rule } from "../types";
import { clip, TITLE_MAX } from "../headline";
import { grantFirst, regionArg, shellArg } from "../remediation";
import { eventSourceMissingPermissions } from "./event-source-missing-permissions";

const ERROR_REASONS = /^(ESM_CONFIG_NOT_VALID|EVENT_SOURCE_AUTHN_ERROR|EVENT_SOURCE_AUTHZ_ERROR|FUNCTION_CONFIG_NOT_VALID)/;

/**
 * What Lambda does with the role's gaps when the mapping is enabled again (lambda-permissions.md §1.4): it refuses the
 * update for the source's reads it checks, and enables the mapping for any other, which then fails (or runs degraded)
 * as it did before it was disabled.
 */
function enableOutcome(type: string): string {
  const check = enableCheck(type);
  if (!check) return "it fails again otherwise; Lambda refuses at once only a credentials secret the role cannot read";
  return (
    `Lambda checks the role for ${check.refusedWithout.join(", ")} when it enables the mapping, and refuses without them` +
    (check.presumed ? ` (${check.presumed})` : "") +
    "; anything else the role lacks is not checked then, and the mapping is enabled and fails later" +
    (check.degradedWithout.length ? `, or runs degraded if the role lacks only ${check.degradedWithout.join(", ")}` : "")
  );
}

export const eventSourceMappingFailing: Rule = {
  id: "event-source-mapping-failing",
  title: "Event source mapping disabled or failing",
  severity: "medium",
  needs: ["ListEventSourceMappings"],
  // What AWS reports of each mapping that was read: one the snapshot lacks could add a verdict, never change one.
  judgedWithout: ["ListEventSourceMappings"],
  description: "AWS reports the mapping as Disabled or failed, or its LastProcessingResult starts with PROBLEM.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, needsOutright(this))) {
      for (const m of fn.mappings) {
        const result = m.LastProcessingResult ?? "";
        const reason = m.StateTransitionReason ?? "";
        const problem = /^PROBLEM/i.test(result);
        const errorReason = ERROR_REASONS.test(reason);
        const disabled = m.State === "Disabled" || m.State === "Failed";
        if (!problem && !errorReason && !disabled) continue;
        // Lambda checks the role against the source when a mapping is enabled (lambda-permissions.md §1.4): the
        // grants of what it lacks there come first.
        const pollGaps = eventSourceMissingPermissions.id;
        const type = eventSourceType(m);
        const label = eventSourceLabel(type);
        const quoted = [problem ? `LastProcessingResult "${result}"` : "", reason ? `StateTransitionReason "${reason}"` : ""]
          .filter(Boolean)
          .join(", ");
        const headline = problem ? result : errorReason ? reason : `mapping is ${m.State}`;
        findings.push(functionFinding({
          rule: this.id,
          // findings.md: medium whenever AWS reports the mapping Disabled or failed; the detail says when a user disabled it.
          severity: this.severity,
          fn,
          discriminator: m.UUID,
          // AWS's reason is quoted whole in the detail and the evidence.
          title: clip(`${label} ${problem || errorReason ? "failing" : (m.State ?? "").toLowerCase()}: ${headline}`, TITLE_MAX),
          detail:
            `AWS reports event source mapping ${m.UUID} on ${m.EventSourceArn ?? "a self-managed source"} as ${m.State ?? "unknown"}` +
            `${quoted ? ` (${quoted})` : ""}. ` +
            (disabled && !problem && !errorReason
              ? "A disabled mapping delivers no records; if a user disabled it on purpose this is expected."
              : "Records from this source are not being processed."),
          evidence: [mappingEvidence(m, `Mapping ${m.UUID}: State ${m.State ?? "?"}${quoted ? `, ${quoted}` : ""}`, ["State", "LastProcessingResult", "StateTransitionReason"])],
          remediation:
            (problem || errorReason
              ? "Fix the cause AWS reports (permissions of the execution role on the source, secrets, network access" +
                (/function call failed/i.test(result) ? "; \"Function call failed\" is the function's own invocation failing: its errors, timeouts or throttling" : "") +
                ")" +
                (disabled ? ", then " : ". The mapping is not disabled: it retries by itself once the cause is fixed.")
              : "") +
            (disabled
              ? `${problem || errorReason ? "o" : "O"}nce the execution role can do what the ${label} needs (${enableOutcome(type)}: ${grantFirst(pollGaps)}), re-enable the mapping:\n` +
                `aws lambda update-event-source-mapping --uuid ${shellArg(m.UUID)} --enabled${regionArg(fn.arn)}`
              : ""),
          ...(disabled ? { fixesFirst: [pollGaps] } : {}),
        }));
      }
    }
    return findings;
  },
};
