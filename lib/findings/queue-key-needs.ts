/**
 * KMS needs of an SQS queue the role reads from (a trigger: kms:Decrypt) or sends to (a dead-letter queue or
 * destination: kms:GenerateDataKey and kms:Decrypt), from the queue's encryption as the scan read it
 * (lambda-permissions.md §1.1 SQS row, §1.2). SQS-managed or no encryption needs nothing from IAM; an unknown one
 * is judged by no rule and named by data-unavailable instead.
 */
import type { AccountModel } from "@/lib/analysis/account-model";
import { queueEncryption } from "@/lib/analysis/queue-encryption";
import type { Evidence } from "@/lib/analysis/types";
import { kmsKeyNeeds } from "./kms-key-needs";
import type { Need, NeedOutcome } from "./role-needs";

const ACTIONS = { receive: ["kms:Decrypt"], send: ["kms:GenerateDataKey", "kms:Decrypt"] } as const;

export interface QueueKeyNeeds {
  needs: Need[];
  /** The GetQueueAttributes answer that names the key. */
  evidence: Evidence;
  /** The queue uses the AWS managed key alias/aws/sqs of another account than the function: it cannot feed it. */
  foreignAwsManagedKey?: string;
}

export function queueKeyNeeds(model: AccountModel, queueArn: string, use: keyof typeof ACTIONS, functionAccount: string): QueueKeyNeeds | undefined {
  const encryption = queueEncryption(model.queues, queueArn);
  if (encryption.kind !== "kms") return undefined;
  const { key, keyId, response } = encryption;
  const evidence: Evidence = {
    kind: "configuration",
    description: `GetQueueAttributes of ${queueArn}: encrypted with KMS key ${keyId}`,
    source: { operation: "GetQueueAttributes" },
    document: { QueueArn: queueArn, ...response },
    highlight: ["KmsMasterKeyId", keyId],
  };
  const foreign = key.kind === "alias" && key.awsManaged && key.account !== functionAccount ? key.account : undefined;
  return { needs: kmsKeyNeeds(key, ACTIONS[use]), evidence, ...(foreign ? { foreignAwsManagedKey: foreign } : {}) };
}

/** The queue's evidence, for findings where one of its key's needs is unmet (otherwise it says nothing). */
export function keyEvidenceIfUnmet(outcomes: readonly NeedOutcome[], key: QueueKeyNeeds | undefined): Evidence[] {
  if (!key) return [];
  return outcomes.some((o) => o.decision !== "allowed" && key.needs.includes(o.need)) ? [key.evidence] : [];
}
