/**
 * KMS needs of an SQS queue the role reads from (a trigger: kms:Decrypt) or sends to (a dead-letter queue or
 * destination: kms:GenerateDataKey and kms:Decrypt), from the queue's encryption as the scan read it
 * (lambda-permissions.md §1.1 SQS row, §1.2). SQS-managed or no encryption needs nothing from IAM; an unknown one
 * is judged by no rule and named by data-unavailable instead.
 */
import type { AccountModel } from "@/lib/analysis/account-model";
import { queueEncryption } from "@/lib/analysis/queue-encryption";
import { viaServiceValue } from "@/lib/policy/principal";
import { resourceKeyNeeds, type ResourceKeyNeeds } from "./resource-key-needs";

const ACTIONS = { receive: ["kms:Decrypt"], send: ["kms:GenerateDataKey", "kms:Decrypt"] } as const;

/** `foreignAwsManagedKey`: the queue uses alias/aws/sqs of another account than the function, which cannot feed it. */
export function queueKeyNeeds(model: AccountModel, queueArn: string, use: keyof typeof ACTIONS, functionAccount: string): ResourceKeyNeeds | undefined {
  const encryption = queueEncryption(model.queues, queueArn);
  if (encryption.kind !== "kms") return undefined;
  const { key, keyId, response } = encryption;
  // SQS makes the KMS requests for the role's receives and sends (its AWS managed key's policy tests exactly this).
  const needs = resourceKeyNeeds(
    model.kms,
    { operation: "GetQueueAttributes", arn: queueArn, key, keyId, document: { QueueArn: queueArn, ...response }, keyField: "KmsMasterKeyId", viaService: viaServiceValue("sqs", key.region, key.partition) },
    ACTIONS[use],
  );
  const foreign = key.kind === "alias" && key.awsManaged && key.account !== functionAccount ? key.account : undefined;
  return foreign ? { ...needs, foreignAwsManagedKey: foreign } : needs;
}
