/**
 * How an SQS queue is encrypted, from the scan's GetQueueAttributes (KmsMasterKeyId, SqsManagedSseEnabled): not at
 * all, with SQS-managed keys (SSE-SQS: nothing for IAM to allow), or with a KMS key (SSE-KMS: Lambda's requests
 * carry the role's credentials to KMS, lambda-permissions.md §1.1 and §1.2). A queue whose read failed, whose
 * answer is malformed, or that the snapshot's reads left out is unknown, never unencrypted.
 */
import type { QueueAttributes, Snapshot, SnapshotError } from "@/lib/snapshot/schema";
import { kmsKeyRef, type KmsKeyRef } from "./kms-key";
import { parseQueueArn } from "./queues-used";

export type QueueEncryption =
  | { kind: "unencrypted" | "sse-sqs" }
  | { kind: "kms"; key: KmsKeyRef; keyId: string; queueArn: string; response: QueueAttributes }
  /** The read failed or its answer cannot be used: the function's unavailable list says why. */
  | { kind: "unknown"; why: string; error?: SnapshotError }
  /** The snapshot holds no queue reads at all (an older scan, another tool): not judged, said once for the account. */
  | { kind: "not-read" };

export interface QueueReads {
  responses: Map<string, QueueAttributes>;
  errors: Map<string, SnapshotError>;
  /** True when the snapshot holds any queue read or failed read: then a queue absent from both was left out. */
  read: boolean;
}

export function queueReads(snapshot: Snapshot): QueueReads {
  const responses = new Map<string, QueueAttributes>();
  let read = false;
  for (const data of Object.values(snapshot.regions)) {
    const map = data?.GetQueueAttributes;
    if (!map) continue;
    read = true;
    for (const [arn, response] of Object.entries(map)) responses.set(arn, response);
  }
  const errors = new Map<string, SnapshotError>();
  for (const e of snapshot.errors) {
    if (e.operation !== "GetQueueAttributes" || !e.target) continue;
    read = true;
    errors.set(e.target, e);
  }
  return { responses, errors, read };
}

export function queueEncryption(reads: QueueReads, queueArn: string): QueueEncryption {
  const response = reads.responses.get(queueArn);
  if (!response) {
    const error = reads.errors.get(queueArn);
    if (error) return { kind: "unknown", why: `GetQueueAttributes failed (${error.code ?? "error"})`, error };
    return reads.read ? { kind: "unknown", why: "the snapshot holds no GetQueueAttributes answer for it" } : { kind: "not-read" };
  }
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
