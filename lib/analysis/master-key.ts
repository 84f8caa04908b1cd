/**
 * The KMS key an SQS queue's or SNS topic's KmsMasterKeyId names: both services take a key id, key ARN, alias name
 * or alias ARN there, a bare one read in the resource's own account and region. Shared by queue-encryption.ts and
 * topic-encryption.ts, which differ only in what an absent key means.
 */
import { kmsKeyRef, type KeyHome, type KmsKeyRef } from "./kms-key";

/** True when the attribute names no key at all (absent or empty): the resource is not KMS-encrypted. */
export function noMasterKey(keyId: unknown): boolean {
  return keyId === undefined || keyId === null || keyId === "";
}

/** The key a set KmsMasterKeyId names, or why it names none (malformed, or the resource's ARN gives no home). */
export function masterKey(keyId: unknown, home: KeyHome | undefined): { kind: "kms"; key: KmsKeyRef; keyId: string } | { kind: "unknown"; why: string } {
  const key = typeof keyId === "string" && home ? kmsKeyRef(keyId, home) : undefined;
  if (!key || typeof keyId !== "string") return { kind: "unknown", why: `its KmsMasterKeyId ${JSON.stringify(keyId).slice(0, 80)} names no KMS key` };
  return { kind: "kms", key, keyId };
}
