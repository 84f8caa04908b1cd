/**
 * How an SQS queue is encrypted, from the scan's GetQueueAttributes (KmsMasterKeyId, SqsManagedSseEnabled): not at
 * all, with SQS-managed keys (SSE-SQS: nothing for IAM to allow), or with a KMS key (SSE-KMS: Lambda's requests
 * carry the role's credentials to KMS, lambda-permissions.md §1.1 and §1.2). A queue whose read failed, whose
 * answer is malformed, or that the snapshot's reads left out is unknown, never unencrypted.
 */
import type { QueueAttributes, Snapshot } from "@/lib/snapshot/schema";
import { kmsKeyRef, type KmsKeyRef } from "./kms-key";
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
  if (keyId === undefined || keyId === null || keyId === "") {
    const sse = attributes.SqsManagedSseEnabled;
    if (sse !== undefined && sse !== null && typeof sse !== "string" && typeof sse !== "boolean") return { kind: "unknown", why: "its SqsManagedSseEnabled is malformed" };
    return { kind: String(sse) === "true" ? "sse-sqs" : "unencrypted" };
  }
  const home = parseQueueArn(queueArn);
  const key = typeof keyId === "string" && home ? kmsKeyRef(keyId, home) : undefined;
  if (!key || typeof keyId !== "string") return { kind: "unknown", why: `its KmsMasterKeyId ${JSON.stringify(keyId).slice(0, 80)} names no KMS key` };
  return { kind: "kms", key, keyId, queueArn, response };
}
