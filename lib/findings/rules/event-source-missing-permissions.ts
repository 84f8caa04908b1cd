/**
 * event-source-missing-permissions: the execution role cannot do what Lambda's poller needs on the mapping's
 * source (event-source-needs.ts has the table). Titles name the source and every missing action.
 */
import type { Finding } from "@/lib/analysis/types";
import { mappingEvidence } from "../evidence";
import { eventSourceNeeds } from "../event-source-needs";
import { eventSourceType } from "@/lib/analysis/invokers";
import { functionsWithData } from "../data-needs";
import { checkNeeds, needsFinding } from "../role-needs";
import { qualifiedRoles } from "../qualified-role";
import type { Rule } from "../types";

export const eventSourceMissingPermissions: Rule = {
  id: "event-source-missing-permissions",
  title: "Event source mapping lacks permissions",
  severity: "high",
  needs: ["ListEventSourceMappings", "GetAccountAuthorizationDetails"],
  description:
    "An event source mapping (SQS, Kinesis, DynamoDB Streams, MSK, self-managed Kafka, MQ, DocumentDB) exists but the execution role cannot perform every action that source needs on the source's ARN.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      for (const m of fn.mappings) {
        const spec = eventSourceNeeds(m, fn, ctx.model.partition);
        if (!spec) {
          // A source kind newer than this table: unknown, never "fine".
          ctx.model.problems.push({
            where: `event source mapping ${m.UUID}`,
            why: `${fn.name} polls ${m.EventSourceArn ?? "a source without an ARN"}, a kind of source (${eventSourceType(m)}) whose permissions this analysis does not know: not judged`,
          });
          continue;
        }
        if (spec.needs.length === 0) continue;
        const roles = qualifiedRoles(ctx, fn, m.FunctionArn, `event source mapping ${m.UUID}`);
        for (const runsAs of roles) {
          // Lambda's poller reads the source with the role, outside the function's execution environment.
          const outcomes = checkNeeds(ctx, fn, spec.needs, runsAs.role, "lambda");
          if (!outcomes) continue;
          const source = m.EventSourceArn ?? "a self-managed Kafka cluster";
          const finding = needsFinding({
            rule: this.id,
            severity: this.severity,
            fn,
            // A weighted alias runs two roles: one finding per role that lacks something.
            discriminator: roles.length > 1 ? `${m.UUID}/${runsAs.role?.name}` : m.UUID,
            subject: spec.label,
            outcomes,
            intro: `Event source mapping ${m.UUID} polls ${source} with ${runsAs.note}.`,
            role: runsAs.role,
            impact:
              "Without these permissions Lambda cannot read (or delete) records from the source: the mapping fails to create or update, or records are not processed.",
            context: [mappingEvidence(m, `${spec.label} mapping ${m.UUID} (${m.State ?? "state unknown"}) on ${source}`, ["EventSourceArn", "UUID"])],
          });
          if (finding) findings.push(finding);
        }
      }
    }
    return findings;
  },
};
