/**
 * A queue or topic under another account's AWS managed key (alias/aws/sqs, alias/aws/sns). AWS writes that key's
 * policy, and no one can change it: it admits only callers of its own account, through the service
 * (kms:CallerAccount, kms:ViaService). So Lambda cannot use the key for a function of another account, whatever the
 * role allows (SQS guide, sqs-configure-lambda-function-trigger; lambda-permissions.md §1.1 SQS row). One wording
 * for a trigger that reads such a queue and a dead-letter target or destination that sends to one.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { Evidence, Finding, Severity } from "@/lib/analysis/types";
import { functionFinding } from "./function-finding";
import type { ResourceKeyNeeds } from "./resource-key-needs";

export interface ForeignKeyUse {
  rule: string;
  severity: Severity;
  fn: FunctionModel;
  /** The alias or version the finding is about, when not the function itself. */
  about?: string;
  discriminator: string;
  /** The title's subject and what it cannot do: "SQS trigger cannot decrypt". */
  cannot: string;
  /** A clause ending with the queue's or topic's ARN: "Event source mapping <uuid> polls <queue>". */
  lead: string;
  /** What fails, after "Lambda cannot ": "decrypt the queue's messages for …, so the queue cannot feed the function." */
  consequence: string;
  service: "sqs" | "sns";
  /** The KMS actions a customer managed key in its place must allow the role. */
  actions: string;
  /** Where the function names the queue or topic (a mapping, a configuration); the key's evidence follows. */
  context: Evidence[];
}

/** `owner`: the account whose AWS managed key it is (the needs' foreignAwsManagedKey). */
export function foreignKeyFinding(use: ForeignKeyUse, key: ResourceKeyNeeds, owner: string): Finding {
  const { fn, service, actions } = use;
  const kind = service === "sqs" ? "queue" : "topic";
  const alias = `alias/aws/${service}`;
  // SNS has no service-managed encryption of its own: a topic is unencrypted, or under a KMS key.
  const managed = service === "sqs" ? "SQS-managed keys (SSE-SQS) or " : "";
  return functionFinding({
    rule: use.rule,
    severity: use.severity,
    fn,
    about: use.about,
    discriminator: use.discriminator,
    title: `${use.cannot}: ${kind} uses account ${owner}'s ${alias}`,
    detail:
      `${use.lead}, which is encrypted with the AWS managed key ${alias} of account ${owner}. ` +
      `That key's policy lets only its own account use it, and no policy can change it: Lambda cannot ${use.consequence}`,
    evidence: [...use.context, ...key.evidence],
    remediation:
      `In account ${owner}, encrypt the ${kind} with ${managed}a customer managed key whose key policy lets ${fn.roleArn ?? "the function's execution role"} use ${actions}, ` +
      `and ${managed ? "(for a customer managed key) " : ""}allow ${actions} on that key in the role's identity policy.`,
  });
}
