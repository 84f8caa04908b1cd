/**
 * How an SQS queue is encrypted, from the scan's GetQueueAttributes (KmsMasterKeyId, SqsManagedSseEnabled): not at
 * all, with SQS-managed keys (SSE-SQS: nothing for IAM to allow), or with a KMS key (SSE-KMS: Lambda's requests
 * carry the role's credentials to KMS, lambda-permissions.md §1.1 and §1.2). A queue whose read failed, whose
 * answer is malformed, or that the snapshot's reads left out is unknown, never unencrypted.
 */
import type { QueueAttributes, Snapshot } from "@/lib/snapshot/schema";
import type { KmsKeyRef } from "./kms-key";
import { masterKey, noMasterKey } from "./master-key";
import { parseQueueArn } from "./queues-used";
import { readOf, resourceReads, type ResourceReads, type Unread } from "./resource-reads";

export type QueueEncryption =
  | { kind: "unencrypted" | "sse-sqs" }
  | { kind: "kms"; key: KmsKeyRef; keyId: string; queueArn: string; response: QueueAttributes }
  | Unread;

export type QueueReads = ResourceReads<"GetQueueAttributes">;

export const queueReads = (snapshot: Snapshot): QueueReads => resourceReads(snapshot, "GetQueueAttributes");

export function queueEncryption(reads: QueueReads, queueArn: string): QueueEncryption {
  const read = readOf(reads, queueArn);
  if (read.kind !== "read") return read;
  const { response } = read;
  const attributes = response.Attributes ?? {};
  const keyId = attributes.KmsMasterKeyId;
  if (noMasterKey(keyId)) {
    const sse = attributes.SqsManagedSseEnabled;
    if (sse !== undefined && sse !== null && typeof sse !== "string" && typeof sse !== "boolean") return { kind: "unknown", why: "its SqsManagedSseEnabled is malformed" };
    return { kind: String(sse) === "true" ? "sse-sqs" : "unencrypted" };
  }
  const named = masterKey(keyId, parseQueueArn(queueArn));
  return named.kind === "kms" ? { ...named, queueArn, response } : named;
}
