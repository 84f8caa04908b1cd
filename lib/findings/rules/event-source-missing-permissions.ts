/**
 * event-source-missing-permissions: the execution role cannot do what Lambda's poller needs on the mapping's
 * source (event-source-needs.ts has the table), kms:Decrypt on the key of a KMS-encrypted queue or stream
 * included (master-key-needs.ts, stream-key-needs.ts), and the reads of a Kafka mapping's schema registry
 * (schema-registry-needs.ts). Titles name the source and every missing action. A queue under another account's AWS
 * managed key cannot feed the function at all, whatever the role allows: its own finding.
 */
import type { AccountModel } from "@/lib/analysis/account-model";
import type { Finding } from "@/lib/analysis/types";
import { mappingEvidence } from "../evidence";
import { foreignKeyFinding } from "../foreign-managed-key";
import { queueKeyNeeds } from "../master-key-needs";
import { streamKeyNeeds } from "../stream-key-needs";
import { keyEvidenceIfUnmet, type ResourceKeyNeeds } from "../resource-key-needs";
import { eventSourceNeeds } from "../event-source-needs";
import { eventSourceType } from "@/lib/analysis/invokers";
import { functionsWithData, needsOutright } from "../data-needs";
import { checkNeeds, needsFinding } from "../role-needs";
import { qualifiedRoles } from "../qualified-role";
import type { Rule } from "../types";
import { ANOTHER_TURN } from "@/lib/steps";
import { FUNCTIONS_PER_TURN } from "../rule-turns";

export const eventSourceMissingPermissions: Rule = {
  id: "event-source-missing-permissions",
  title: "Event source mapping lacks permissions",
  severity: "high",
  needs: ["ListEventSourceMappings", "GetAccountAuthorizationDetails"],
  // Each verdict is about one mapping that was read: one the snapshot lacks (a failed or truncated list, an entry set
  // aside, whose function may be any of the region's) could add a verdict, never change one. Its role must be known.
  judgedWithout: ["ListEventSourceMappings"],
  description:
    "An event source mapping (SQS, Kinesis, DynamoDB Streams, MSK, self-managed Kafka, MQ, DocumentDB) exists but the execution role cannot perform every action that source needs on the source's ARN (kms:Decrypt on the key of a queue or stream under a customer managed key included, and for Kafka the schema registry it validates records with: the Glue registry's reads, or a Confluent registry's secret).",
  *check(ctx) {
    const findings: Finding[] = [];
    for (const [i, fn] of functionsWithData(ctx.model.functions, needsOutright(this)).entries()) {
      if (i > 0 && i % FUNCTIONS_PER_TURN === 0) yield ANOTHER_TURN;
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
        if (spec.unreadable) {
          // The rest of the mapping is judged; what the unreadable part would need is not, and is never "fine".
          ctx.model.problems.push({ where: `event source mapping ${m.UUID}`, why: `${fn.name}'s mapping: ${spec.unreadable}: what it needs there is not judged` });
        }
        const source = m.EventSourceArn ?? "a self-managed Kafka cluster";
        const mapping = mappingEvidence(m, `${spec.label} mapping ${m.UUID} (${m.State ?? "state unknown"}) on ${source}`, ["EventSourceArn", "UUID"]);
        const sourceKey = sourceKeyNeeds(ctx.model, spec.type, m.EventSourceArn, fn.account);
        const foreign = sourceKey?.foreignAwsManagedKey;
        if (sourceKey && foreign) {
          findings.push(
            foreignKeyFinding(
              {
                rule: this.id,
                severity: "high",
                fn,
                discriminator: `${m.UUID}/aws-managed-key`,
                cannot: "SQS trigger cannot decrypt",
                lead: `Event source mapping ${m.UUID} polls ${source}`,
                consequence: `decrypt the queue's messages for ${fn.name} in account ${fn.account}, so the queue cannot feed the function.`,
                service: "sqs",
                actions: "kms:Decrypt",
                context: [mapping],
              },
              sourceKey,
              foreign,
            ),
          );
        }
        const needs = sourceKey ? [...spec.needs, ...sourceKey.needs] : spec.needs;
        if (needs.length === 0) continue;
        const roles = qualifiedRoles(ctx, fn, m.FunctionArn, `event source mapping ${m.UUID}`);
        for (const runsAs of roles) {
          // Lambda's poller reads the source with the role, outside the function's execution environment.
          const outcomes = checkNeeds(ctx, fn, needs, runsAs.role, "lambda");
          if (!outcomes) continue;
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
            context: [mapping, ...keyEvidenceIfUnmet(outcomes, sourceKey)],
          });
          if (finding) findings.push(finding);
        }
      }
    }
    return findings;
  },
};

/** kms:Decrypt on the key of the queue or stream the mapping reads, when it is KMS-encrypted. */
function sourceKeyNeeds(model: AccountModel, type: string, source: string | null | undefined, functionAccount: string): ResourceKeyNeeds | undefined {
  if (!source) return undefined;
  if (type === "sqs") return queueKeyNeeds(model, source, "receive", functionAccount);
  if (type === "kinesis") return streamKeyNeeds(model, source);
  return undefined;
}
