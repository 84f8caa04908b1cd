/**
 * KMS needs of an SQS queue the role reads from (a trigger: kms:Decrypt) or sends to (a dead-letter queue or
 * destination: kms:GenerateDataKey and kms:Decrypt), and of an SNS topic it publishes to (a dead-letter topic or
 * destination: the same two, https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html, which asks
 * kms:GenerateDataKey*), from the KmsMasterKeyId the scan read (lambda-permissions.md §1.1 SQS row, §1.2).
 * SQS-managed or no encryption needs nothing from IAM; an unknown one is judged by no rule and named by
 * data-unavailable instead.
 */
import type { AccountModel } from "@/lib/analysis/account-model";
import type { KmsKeyRef } from "@/lib/analysis/kms-key";
import { queueEncryption } from "@/lib/analysis/queue-encryption";
import { topicEncryption } from "@/lib/analysis/topic-encryption";
import { viaServiceValue } from "@/lib/policy/principal";
import { resourceKeyNeeds, type ResourceKeyNeeds } from "./resource-key-needs";

const ACTIONS = { receive: ["kms:Decrypt"], send: ["kms:GenerateDataKey", "kms:Decrypt"] } as const;

/** `foreignAwsManagedKey`: the queue uses alias/aws/sqs of another account than the function, which cannot feed it. */
export function queueKeyNeeds(model: AccountModel, queueArn: string, use: keyof typeof ACTIONS, functionAccount: string): ResourceKeyNeeds | undefined {
  const encryption = queueEncryption(model.queues, queueArn);
  if (encryption.kind !== "kms") return undefined;
  const { key, keyId, response } = encryption;
  return masterKeyNeeds(model, { service: "sqs", operation: "GetQueueAttributes", arn: queueArn, key, keyId, document: { QueueArn: queueArn, ...response } }, ACTIONS[use], functionAccount);
}

/** `foreignAwsManagedKey`: the topic uses alias/aws/sns of another account than the function, which cannot publish to it. */
export function topicKeyNeeds(model: AccountModel, topicArn: string, functionAccount: string): ResourceKeyNeeds | undefined {
  const encryption = topicEncryption(model.topics.reads, topicArn);
  if (encryption.kind !== "kms") return undefined;
  const { key, keyId, response } = encryption;
  // The answer as SNS gave it, without the scan's list of attributes kept.
  const document = { TopicArn: topicArn, Attributes: response.Attributes };
  return masterKeyNeeds(model, { service: "sns", operation: "GetTopicAttributes", arn: topicArn, key, keyId, document }, ACTIONS.send, functionAccount);
}

interface MasterKeyed {
  service: "sqs" | "sns";
  operation: string;
  arn: string;
  key: KmsKeyRef;
  keyId: string;
  document: Record<string, unknown>;
}

function masterKeyNeeds(model: AccountModel, resource: MasterKeyed, actions: readonly string[], functionAccount: string): ResourceKeyNeeds {
  const { service, key } = resource;
  // The service makes the KMS requests for the role's receives and sends (its AWS managed key's policy tests exactly this).
  const needs = resourceKeyNeeds(model.kms, { ...resource, keyField: "KmsMasterKeyId", viaService: viaServiceValue(service, key.region, key.partition) }, actions);
  const foreign = key.kind === "alias" && key.awsManaged && key.account !== functionAccount ? key.account : undefined;
  return foreign ? { ...needs, foreignAwsManagedKey: foreign } : needs;
}
