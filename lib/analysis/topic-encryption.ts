/**
 * How an SNS topic is encrypted, from the scan's GetTopicAttributes (KmsMasterKeyId): not at all, or with a KMS key
 * (SSE-KMS: a publisher needs kms:GenerateDataKey* and kms:Decrypt on the key, and the AWS managed key alias/aws/sns
 * serves only its own account's publishers, https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
 * A topic whose read failed, whose answer is malformed, or that the snapshot's reads left out is unknown, never
 * unencrypted. SNS leaves KmsMasterKeyId out of an unencrypted topic's answer, and scans before the attribute was
 * kept dropped it from every answer: a missing key reads as "unencrypted" only where the stored answer's
 * KeptAttributes names KmsMasterKeyId; otherwise the topic's encryption was not read (said once for the account).
 */
import type { TopicAttributes } from "@/lib/snapshot/schema";
import type { KmsKeyRef } from "./kms-key";
import { masterKey, noMasterKey } from "./master-key";
import { parseTopicArn } from "./queues-used";
import { readOf, type ResourceReads, type Unread } from "./resource-reads";

export type TopicEncryption =
  | { kind: "unencrypted" }
  | { kind: "kms"; key: KmsKeyRef; keyId: string; topicArn: string; response: TopicAttributes }
  | Unread;

/** The scan's topic answers, as topic-policies.ts's model holds them. */
export type TopicReads = ResourceReads<"GetTopicAttributes">;

export function topicEncryption(reads: TopicReads, topicArn: string): TopicEncryption {
  const read = readOf(reads, topicArn);
  if (read.kind !== "read") return read;
  const { response } = read;
  const keyId = response.Attributes?.KmsMasterKeyId;
  if (noMasterKey(keyId)) {
    const kept = response.KeptAttributes;
    return Array.isArray(kept) && kept.includes("KmsMasterKeyId") ? { kind: "unencrypted" } : { kind: "not-read" };
  }
  const named = masterKey(keyId, parseTopicArn(topicArn));
  return named.kind === "kms" ? { ...named, topicArn, response } : named;
}
