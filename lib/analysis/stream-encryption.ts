/**
 * How a Kinesis data stream is encrypted, from the scan's DescribeStreamSummary (EncryptionType, KeyId): not at all
 * (NONE), or server-side with a KMS key (KMS: Lambda reads the records with the role's credentials, so the role
 * needs kms:Decrypt on the key, lambda-permissions.md §1.1 Kinesis row). A stream whose read failed, whose answer
 * does not say NONE or name a key, or that the snapshot's reads left out is unknown, never unencrypted.
 */
import type { Snapshot, StreamSummary } from "@/lib/snapshot/schema";
import { kmsKeyRef, type KmsKeyRef } from "./kms-key";
import { parseStreamArn } from "./streams-used";
import { readOf, resourceReads, type ResourceReads, type Unread } from "./resource-reads";

export type StreamEncryption =
  | { kind: "unencrypted" }
  | { kind: "kms"; key: KmsKeyRef; keyId: string; streamArn: string; response: StreamSummary }
  | Unread;

export type StreamReads = ResourceReads<"DescribeStreamSummary">;

export const streamReads = (snapshot: Snapshot): StreamReads => resourceReads(snapshot, "DescribeStreamSummary");

/** `streamArn` is the stream's own ARN (streams-used.ts maps a consumer to it). */
export function streamEncryption(reads: StreamReads, streamArn: string): StreamEncryption {
  const read = readOf(reads, streamArn);
  if (read.kind !== "read") return read;
  const { response } = read;
  const summary = response.StreamDescriptionSummary;
  if (!summary) return { kind: "unknown", why: "its DescribeStreamSummary answer has no StreamDescriptionSummary" };
  const { EncryptionType: type, KeyId: keyId } = summary;
  if (type === "NONE") return { kind: "unencrypted" };
  // Kinesis documents KMS and NONE only; a missing type is not taken to mean NONE.
  if (type !== "KMS") return { kind: "unknown", why: `its EncryptionType ${JSON.stringify(type ?? null).slice(0, 40)} is neither KMS nor NONE` };
  const home = parseStreamArn(streamArn);
  const key = typeof keyId === "string" && home ? kmsKeyRef(keyId, home) : undefined;
  if (!key || typeof keyId !== "string") return { kind: "unknown", why: `its KeyId ${JSON.stringify(keyId ?? null).slice(0, 80)} names no KMS key` };
  return { kind: "kms", key, keyId, streamArn, response };
}
