/**
 * async-target-permission-missing: a dead-letter queue/topic, an async on-success/on-failure destination (per
 * qualifier) or a stream/Kafka mapping's on-failure destination that the execution role cannot deliver to.
 * Each part is judged only when its data was read (DLQ: function config; destinations: invoke configs; mapping
 * destinations: each mapping read, though the mapping list is partial). A Kafka topic is judged where IAM authorises writing to it (MSK with IAM authentication);
 * it and a destination of an unknown kind are otherwise listed as not checked. A destination on an alias or version
 * is judged with the role that version was published with; the same destination for the same role on several
 * qualifiers (the function, an alias, the version it routes to) is one missing grant, so one finding naming each of
 * them. A routed-to version published with another dead-letter target or role is judged by its own (deployments.ts).
 * A target queue or topic under a customer managed KMS key also needs kms:GenerateDataKey and kms:Decrypt (master-key-needs.ts);
 * one under another account's AWS managed key cannot take the records at all, whatever the role allows: its own finding.
 * A FIFO queue or topic as dead-letter queue or async destination is reported as undeliverable (fifoKind).
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { parseArn, qualifiedFunctionName } from "@/lib/analysis/arn";
import type { Evidence, Finding } from "@/lib/analysis/types";
import type { EventSourceMapping } from "@/lib/snapshot/schema";
import { configEvidence, mappingEvidence } from "../evidence";
import { functionFinding } from "../function-finding";
import { foreignKeyFinding } from "../foreign-managed-key";
import { republishCommands } from "../republish";
import { cliFlag, functionArgs } from "../remediation";
import { kafkaDestinationNeeds } from "../event-source-needs";
import { hasData } from "../data-needs";
import { checkNeeds, needsFinding, type Need, type NeedOutcome } from "../role-needs";
import { queueKeyNeeds, topicKeyNeeds } from "../master-key-needs";
import { keyEvidenceIfUnmet, type ResourceKeyNeeds } from "../resource-key-needs";
import { qualifiedRoles, type QualifiedRole } from "../qualified-role";
import { deployments } from "../deployments";
import type { Rule, RuleContext } from "../types";

const KAFKA_TOPIC = "kafka://";

/**
 * What the role needs to deliver to a destination, by the destination's service (§1.2, §2); a mapping's Kafka topic
 * by its source (event-source-needs.ts). Undefined when IAM does not decide it or the kind is unknown: not checked.
 */
export function destinationNeeds(target: string, mapping?: EventSourceMapping): Need[] | undefined {
  if (mapping && target.startsWith(KAFKA_TOPIC)) return kafkaDestinationNeeds(mapping, target.slice(KAFKA_TOPIC.length));
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
      return undefined;
  }
}

/** Why a destination is not checked, for the analysis's list of what it could not judge. */
function notChecked(fn: FunctionModel, t: Target): string {
  if (t.mapping && t.arn.startsWith(KAFKA_TOPIC)) {
    return (
      `${fn.name}'s event source mapping ${t.mapping.UUID} sends failed records to Kafka topic ${t.arn.slice(KAFKA_TOPIC.length)}; ` +
      "the cluster, not IAM, authorises writing to it (the mapping does not use MSK IAM authentication): not checked"
    );
  }
  return `${fn.name} sends records to ${t.arn}, a kind of destination whose permissions this analysis does not know: not checked`;
}

interface Target {
  arn: string;
  /** The alias or version whose configuration names the target; undefined for the function's own. */
  qualifiedArn?: string;
  /** A published version's own dead-letter target: the finding is about the version (deployments.ts). */
  about?: string;
  subject: string;
  discriminator: string;
  intro: string;
  context: Evidence;
  /** Async destinations: which delivery it is; targets with the same `when` and `arn` share a finding per role. */
  when?: "on-success" | "on-failure";
  /** The mapping whose on-failure destination this is (a Kafka topic's needs depend on its source). */
  mapping?: EventSourceMapping;
}

/** The function's own config first, then aliases, then versions (oldest first): a shared finding keeps the first's id. */
function qualifierRank(fn: FunctionModel, qualifiedArn: string): [number, number, string] {
  if (qualifiedArn === fn.arn) return [0, 0, ""];
  const q = qualifiedArn.slice(fn.arn.length + 1);
  return /^\d+$/.test(q) ? [2, Number(q), q] : [1, 0, q];
}

function byQualifier(fn: FunctionModel) {
  return (a: { qualifiedArn: string }, b: { qualifiedArn: string }) => {
    const [ra, na, qa] = qualifierRank(fn, a.qualifiedArn);
    const [rb, nb, qb] = qualifierRank(fn, b.qualifiedArn);
    return ra - rb || na - nb || (qa < qb ? -1 : qa > qb ? 1 : 0);
  };
}

function asyncIntro(qualifiedArns: string[], when: string, dest: string): string {
  const who = qualifiedArns.length > 1 ? `${qualifiedArns.slice(0, -1).join(", ")} and ${qualifiedArns.at(-1)}` : qualifiedArns[0];
  return `Asynchronous invocations of ${who} send ${when} records to ${dest}.`;
}

function targetsOf(ctx: RuleContext, fn: FunctionModel): Target[] {
  const out: Target[] = [];
  // A version keeps the dead-letter target (and role) it was published with: one a routed-to version differs in.
  for (const { config, versionArn, label } of deployments(ctx, fn, (c) => c.DeadLetterConfig?.TargetArn ?? "")) {
    const dlq = config.DeadLetterConfig?.TargetArn;
    if (!dlq) continue;
    out.push({
      arn: dlq,
      qualifiedArn: versionArn,
      about: versionArn,
      subject: label ? `Dead-letter queue of ${label}` : "Dead-letter queue",
      discriminator: `dlq/${dlq}`,
      intro: `Failed asynchronous invocations${label ? ` of the function's ${label}, as published,` : ""} go to the dead-letter target ${dlq}.`,
      context: configEvidence(versionArn ?? fn.arn, `DeadLetterConfig target ${dlq}${label ? ` of ${label}` : ""}`, config.DeadLetterConfig, ["TargetArn"]),
    });
  }
  if (hasData(fn, ["GetFunctionEventInvokeConfig"])) {
    for (const { qualifiedArn, config } of [...fn.invokeConfigs].sort(byQualifier(fn))) {
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
          intro: asyncIntro([qualifiedArn], when, dest),
          context: configEvidence(qualifiedArn, `Async ${when} destination of ${qualifiedFunctionName(fn.name, qualifiedArn)}: ${dest}`, config, ["DestinationConfig", dest]),
          when,
        });
      }
    }
  }
  // Every mapping that was read, its list whole or not: one the snapshot lacks could add a verdict, never change this
  // one (judgedWithout), and the function's unknown and data-unavailable name the gap.
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
      mapping: m,
    });
  }
  return out;
}

/**
 * "queue" or "topic" for an SQS queue or SNS topic of the FIFO kind (its name ends in .fifo). Lambda supports only
 * standard ones as dead-letter queues and async destinations (invocation-async-retain-records.html): deliveries to a
 * FIFO one fail, counted in DestinationDeliveryFailures, whatever the role may do. Mapping destinations are left to the
 * permission check: AWS documents no such limit for them.
 */
function fifoKind(arn: string): "queue" | "topic" | undefined {
  const parsed = parseArn(arn);
  if (!parsed?.resource.endsWith(".fifo")) return undefined;
  return parsed.service === "sqs" ? "queue" : parsed.service === "sns" ? "topic" : undefined;
}

function fifoFinding(rule: Rule, fn: FunctionModel, t: Target, kind: "queue" | "topic"): Finding {
  const qualifier = t.qualifiedArn && t.qualifiedArn !== fn.arn ? t.qualifiedArn.slice(fn.arn.length + 1) : undefined;
  const standard = `<standard ${kind} ARN>`;
  const dlq = `aws lambda update-function-configuration${functionArgs(fn.arn)}${cliFlag("--dead-letter-config", `TargetArn=${standard}`)}`;
  // A published version keeps its dead-letter queue, and update-function-configuration takes no qualifier.
  const republish = !t.when && qualifier ? republishCommands(fn, qualifier) : undefined;
  const change = t.when
    ? `aws lambda update-function-event-invoke-config${functionArgs(fn.arn, qualifier)} --destination-config '{"${t.when === "on-success" ? "OnSuccess" : "OnFailure"}":{"Destination":"${standard}"}}'`
    : republish
      ? `Version ${qualifier} keeps the one it was published with: set it on the function, then publish a version and move what routes to ${qualifier} to it:\n${dlq}\n${republish.text}`
      : dlq;
  return functionFinding({
    rule: rule.id,
    severity: rule.severity,
    fn,
    about: t.about,
    discriminator: t.discriminator,
    title: `${t.subject} is a FIFO ${kind}: Lambda cannot deliver to it`,
    detail:
      `${t.intro} ${t.arn} is a FIFO ${kind}, and Lambda sends these records only to a standard SQS queue or SNS topic: every ` +
      "delivery fails (the DestinationDeliveryFailures metric counts them), so the records are lost after the retries, whatever the role may do.",
    evidence: [t.context],
    remediation: `Send the records to a standard ${kind} (and grant the role ${kind === "queue" ? "sqs:SendMessage" : "sns:Publish"} on it):\n${change}`,
    fixesFirst: republish?.fixesFirst,
  });
}

/** The KMS needs of the queue or topic a target is, from its KmsMasterKeyId; undefined for other targets and unencrypted ones. */
function targetKeyNeeds(ctx: RuleContext, target: string, functionAccount: string): ResourceKeyNeeds | undefined {
  const service = parseArn(target)?.service;
  if (service === "sqs") return queueKeyNeeds(ctx.model, target, "send", functionAccount);
  return service === "sns" ? topicKeyNeeds(ctx.model, target, functionAccount) : undefined;
}

/**
 * A queue or topic under another account's AWS managed key, and the targets that send to it: like a missing grant,
 * the same destination on several qualifiers is one finding naming each of them.
 */
interface ForeignKeyed {
  targets: Target[];
  key: ResourceKeyNeeds;
  owner: string;
}

function foreignTargetFinding(rule: Rule, fn: FunctionModel, { targets, key, owner }: ForeignKeyed): Finding {
  const [first] = targets as [Target];
  const intro = targets.length > 1 && first.when ? asyncIntro(targets.map((t) => t.qualifiedArn ?? fn.arn), first.when, first.arn) : first.intro;
  const service = parseArn(first.arn)?.service === "sns" ? "sns" : "sqs";
  return foreignKeyFinding(
    {
      rule: rule.id,
      severity: rule.severity,
      fn,
      about: first.about,
      discriminator: `${first.discriminator}/aws-managed-key`,
      cannot: `${first.subject} cannot accept messages`,
      // Every intro is one sentence that ends with the target's ARN.
      lead: intro.slice(0, -1),
      consequence: `encrypt the records it sends there for ${fn.name} in account ${fn.account}: they are lost after the retries, whatever the role may do.`,
      service,
      actions: "kms:GenerateDataKey and kms:Decrypt",
      context: targets.map((t) => t.context),
    },
    key,
    owner,
  );
}

/** One verdict: a target (or several sharing a destination) and one role it is delivered with. */
interface Judged {
  targets: Target[];
  runsAs: QualifiedRole;
  outcomes: NeedOutcome[] | undefined;
  discriminator: string;
  /** The KMS key of an encrypted target queue or topic, whose needs are among the outcomes. */
  targetKey?: ResourceKeyNeeds;
}

export const asyncTargetPermissionMissing: Rule = {
  id: "async-target-permission-missing",
  title: "Cannot deliver to dead-letter queue or destination",
  severity: "medium",
  needs: ["GetAccountAuthorizationDetails", "GetFunctionEventInvokeConfig", "ListEventSourceMappings"],
  // Each verdict is about one target that was read (the dead-letter queue in the configuration, a destination in an
  // invoke config or a mapping): an invoke config or mapping the snapshot lacks could add a verdict, never change one.
  judgedWithout: ["GetFunctionEventInvokeConfig", "ListEventSourceMappings"],
  description:
    "A dead-letter queue or an on-success/on-failure destination is configured that the role cannot send to (sqs:SendMessage, sns:Publish, lambda:InvokeFunction, events:PutEvents, s3:PutObject, kafka-cluster:WriteData on an MSK topic; kms:GenerateDataKey and kms:Decrypt on the key of a queue or topic under a customer managed key), or is a FIFO queue or topic, to which Lambda never delivers, or a queue or topic under another account's AWS managed key (alias/aws/sqs, alias/aws/sns), which only that account may use.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of ctx.model.functions) {
      if (!hasData(fn, ["GetAccountAuthorizationDetails"])) continue;
      const judged: Judged[] = [];
      const shared = new Map<string, Judged>();
      const foreign: ForeignKeyed[] = [];
      const sharedForeign = new Map<string, ForeignKeyed>();
      for (const t of targetsOf(ctx, fn)) {
        const fifo = t.mapping ? undefined : fifoKind(t.arn);
        if (fifo) {
          findings.push(fifoFinding(this, fn, t, fifo));
          continue;
        }
        const where = `${t.subject.toLowerCase()} ${t.arn}`;
        const delivery = destinationNeeds(t.arn, t.mapping);
        // A queue or topic under a customer managed key: sending takes a data key from KMS as well (§1.2).
        const targetKey = delivery ? targetKeyNeeds(ctx, t.arn, fn.account) : undefined;
        const needs = targetKey && delivery ? [...delivery, ...targetKey.needs] : delivery;
        const owner = targetKey?.foreignAwsManagedKey;
        if (targetKey && owner) {
          const same = t.when ? sharedForeign.get(`${t.when}|${t.arn}`) : undefined;
          if (same) same.targets.push(t);
          else {
            const group = { targets: [t], key: targetKey, owner };
            foreign.push(group);
            if (t.when) sharedForeign.set(`${t.when}|${t.arn}`, group);
          }
        }
        if (!needs) {
          // Unknown, never "fine": the list of what the analysis could not judge names it.
          ctx.model.problems.push({ where, why: notChecked(fn, t) });
          continue;
        }
        const roles = qualifiedRoles(ctx, fn, t.qualifiedArn, where);
        for (const runsAs of roles) {
          const key = t.when && `${t.when}|${t.arn}|${runsAs.role?.arn}`;
          const same = key ? shared.get(key) : undefined;
          if (same) {
            same.targets.push(t);
            continue;
          }
          const j: Judged = {
            targets: [t],
            runsAs,
            // Lambda delivers the records itself, outside the function's execution environment.
            outcomes: checkNeeds(ctx, fn, needs, runsAs.role, "lambda"),
            discriminator: roles.length > 1 ? `${t.discriminator}/${runsAs.role?.name}` : t.discriminator,
            targetKey,
          };
          judged.push(j);
          if (key) shared.set(key, j);
        }
      }
      for (const { targets, runsAs, outcomes, discriminator, targetKey } of judged) {
        if (!outcomes) continue;
        const [first] = targets as [Target];
        const intro = targets.length > 1 && first.when ? asyncIntro(targets.map((t) => t.qualifiedArn ?? fn.arn), first.when, first.arn) : first.intro;
        const finding = needsFinding({
          rule: this.id,
          severity: this.severity,
          fn,
          about: first.about,
          discriminator,
          subject: first.subject,
          outcomes,
          intro: runsAs.role === fn.role && !runsAs.assumed ? intro : `${intro} It is delivered with ${runsAs.note}.`,
          role: runsAs.role,
          impact: "Lambda cannot deliver these records: they are lost after the retries.",
          context: [...targets.map((t) => t.context), ...keyEvidenceIfUnmet(outcomes, targetKey)],
        });
        if (finding) findings.push(finding);
      }
      for (const group of foreign) findings.push(foreignTargetFinding(this, fn, group));
    }
    return findings;
  },
};
