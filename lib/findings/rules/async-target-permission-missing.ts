/**
 * async-target-permission-missing: a dead-letter queue/topic, an async on-success/on-failure destination (per
 * qualifier) or a stream/Kafka mapping's on-failure destination that the execution role cannot deliver to.
 * Each part is judged only when its data was read (DLQ: function config; destinations: invoke configs; mapping
 * destinations: mappings).
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { parseArn } from "@/lib/analysis/arn";
import type { Evidence, Finding } from "@/lib/analysis/types";
import { configEvidence, mappingEvidence } from "../evidence";
import { hasData } from "../data-needs";
import { checkNeeds, needsFinding, type Need } from "../role-needs";
import { qualifiedRoles } from "../qualified-role";
import type { Rule } from "../types";

/** What the role needs to deliver to a destination, by the destination's service (§1.2, §2). */
export function destinationNeeds(target: string): Need[] | undefined {
  switch (parseArn(target)?.service) {
    case "sqs":
      return [{ action: "sqs:SendMessage", resources: [target] }];
    case "sns":
      return [{ action: "sns:Publish", resources: [target] }];
    case "lambda":
      return [{ action: "lambda:InvokeFunction", resources: [target] }];
    case "events":
      return [{ action: "events:PutEvents", resources: [target] }];
    case "s3":
      return [
        { action: "s3:PutObject", resources: [`${target}/*`] },
        { action: "s3:ListBucket", resources: [target] },
      ];
    default:
      return undefined; // Kafka topics and unknown targets
  }
}

interface Target {
  arn: string;
  /** The alias or version whose configuration names the target; undefined for the function's own. */
  qualifiedArn?: string;
  subject: string;
  discriminator: string;
  intro: string;
  context: Evidence;
}

function targetsOf(fn: FunctionModel): Target[] {
  const out: Target[] = [];
  const dlq = fn.config.DeadLetterConfig?.TargetArn;
  if (dlq) {
    out.push({
      arn: dlq,
      subject: "Dead-letter queue",
      discriminator: `dlq/${dlq}`,
      intro: `Failed asynchronous invocations go to the dead-letter target ${dlq}.`,
      context: configEvidence(fn.arn, `DeadLetterConfig target ${dlq}`, fn.config.DeadLetterConfig, ["TargetArn"]),
    });
  }
  if (hasData(fn, ["GetFunctionEventInvokeConfig"])) {
    for (const { qualifiedArn, config } of fn.invokeConfigs) {
      for (const [when, dest] of [
        ["on-success", config.DestinationConfig?.OnSuccess?.Destination],
        ["on-failure", config.DestinationConfig?.OnFailure?.Destination],
      ] as const) {
        if (!dest) continue;
        out.push({
          arn: dest,
          qualifiedArn,
          subject: when === "on-success" ? "On-success destination" : "On-failure destination",
          discriminator: `${when}/${qualifiedArn}/${dest}`,
          intro: `Asynchronous invocations of ${qualifiedArn} send ${when} records to ${dest}.`,
          context: configEvidence(qualifiedArn, `Async ${when} destination ${dest}`, config, ["DestinationConfig", dest]),
        });
      }
    }
  }
  if (hasData(fn, ["ListEventSourceMappings"])) {
    for (const m of fn.mappings) {
      const dest = m.DestinationConfig?.OnFailure?.Destination;
      if (!dest) continue;
      out.push({
        arn: dest,
        qualifiedArn: m.FunctionArn ?? undefined,
        subject: "Mapping on-failure destination",
        discriminator: `mapping/${m.UUID}/${dest}`,
        intro: `Event source mapping ${m.UUID} sends records that fail processing to ${dest}.`,
        context: mappingEvidence(m, `Mapping ${m.UUID} on-failure destination ${dest}`, ["DestinationConfig", dest]),
      });
    }
  }
  return out;
}

export const asyncTargetPermissionMissing: Rule = {
  id: "async-target-permission-missing",
  title: "Cannot deliver to dead-letter queue or destination",
  severity: "medium",
  needs: ["GetAccountAuthorizationDetails", "GetFunctionEventInvokeConfig"],
  description:
    "A dead-letter queue or an on-success/on-failure destination is configured that the role cannot send to (sqs:SendMessage, sns:Publish, lambda:InvokeFunction, events:PutEvents, s3:PutObject).",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of ctx.model.functions) {
      if (!hasData(fn, ["GetAccountAuthorizationDetails"])) continue;
      for (const t of targetsOf(fn)) {
        const needs = destinationNeeds(t.arn);
        if (!needs) continue;
        const roles = qualifiedRoles(ctx, fn, t.qualifiedArn, `${t.subject.toLowerCase()} ${t.arn}`);
        for (const runsAs of roles) {
          const outcomes = checkNeeds(ctx, fn, needs, runsAs.role);
          if (!outcomes) continue;
          const finding = needsFinding({
            rule: this.id,
            severity: this.severity,
            fn,
            discriminator: roles.length > 1 ? `${t.discriminator}/${runsAs.role?.name}` : t.discriminator,
            subject: t.subject,
            outcomes,
            intro: runsAs.role === fn.role ? t.intro : `${t.intro} It is delivered with ${runsAs.note}.`,
            role: runsAs.role,
            impact: "Lambda cannot deliver these records: they are lost after the retries.",
            context: [t.context],
          });
          if (finding) findings.push(finding);
        }
      }
    }
    return findings;
  },
};
