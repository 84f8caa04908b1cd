/**
 * The KMS keys the scan read (lib/aws/kms-keys.ts): DescribeKey by the reference as sent, GetKeyPolicy and ListGrants
 * by key ARN, and their failures. Indexed once per model, each key policy parsed once: every question on a key
 * (role-access.ts) looks it up here. A snapshot without any KMS read (an older scan, another tool) has `read`
 * false, and every answer on a key keeps depending on a key policy the snapshot does not hold.
 */
import { parsePolicyDocument, type PolicyReading } from "@/lib/policy/parse";
import type { PolicyDocument } from "@/lib/policy/types";
import type { DescribeKeyResponse, ListGrantsResponse, Snapshot, SnapshotError } from "@/lib/snapshot/schema";
import { isTruncated } from "./snapshot-gaps";
import type { ParseProblem } from "./types";
import { aliasArn, kmsKeyRef, type KmsKeyRef } from "./kms-key";
import { grantsDocument } from "./kms-grants";

/** Key states in which KMS refuses every cryptographic operation (KeyUnavailable, Disabled, KMSInvalidState). */
const UNUSABLE_STATES = new Set(["Disabled", "PendingDeletion", "PendingImport", "PendingReplicaDeletion", "Unavailable"]);

export interface KmsKey {
  arn: string;
  /** The DescribeKey answer that named this key, for evidence (state, manager, owner). */
  describe?: DescribeKeyResponse;
  policy?: PolicyDocument;
  /** Why the key policy is unknown: its read failed, was malformed, or was never made. */
  policyUnread?: string;
  /** Only when the key has grants: one Allow statement each. */
  grants?: PolicyDocument;
  /** Why some or all of its grants are unknown. */
  grantsUnread?: string;
  /** With grantsUnread: which of them, as answers name it ("depends on the key's grants past those listed, …"). */
  grantsUnreadLabel?: string;
  /** The key's state when KMS refuses every cryptographic operation with it (Disabled, PendingDeletion, …). */
  unusableState?: string;
}

export type KeyResolution = { arn: string; response: DescribeKeyResponse } | { error: SnapshotError } | undefined;

export interface KmsReads {
  /** The snapshot holds some KMS read or failed read: a key absent from it was left out, not "no policy". */
  read: boolean;
  /** DescribeKey answers and failures by the canonical reference (key ARN, or alias ARN): see canonicalRef. */
  resolved: Map<string, { arn: string; response: DescribeKeyResponse } | { error: SnapshotError }>;
  keys: Map<string, KmsKey>;
}

const KMS_OPERATIONS = new Set(["DescribeKey", "GetKeyPolicy", "ListGrants"]);

/** The ARN form of a reference (key ARN, or alias ARN): how bare ids and names read in their region are compared. */
export function canonicalRef(ref: KmsKeyRef): string {
  return ref.kind === "key" ? ref.arn : aliasArn(ref);
}

export function kmsReads(snapshot: Snapshot, problems: ParseProblem[]): KmsReads {
  const resolved: KmsReads["resolved"] = new Map();
  const keys = new Map<string, KmsKey>();
  const key = (arn: string) => {
    let k = keys.get(arn);
    if (!k) keys.set(arn, (k = { arn }));
    return k;
  };
  let read = false;
  const policies = new Map<string, unknown>();
  const grants = new Map<string, ListGrantsResponse>();
  for (const [region, data] of Object.entries(snapshot.regions)) {
    if (!data) continue;
    const home = { partition: snapshot.partition, region, account: snapshot.account };
    for (const [sent, response] of Object.entries(data.DescribeKey ?? {})) {
      read = true;
      const ref = kmsKeyRef(sent, home);
      const arn = response.KeyMetadata?.Arn;
      if (!ref || typeof arn !== "string") continue;
      resolved.set(canonicalRef(ref), { arn, response });
      const k = key(arn);
      k.describe ??= response;
      const state = response.KeyMetadata?.KeyState;
      if (typeof state === "string" && UNUSABLE_STATES.has(state)) k.unusableState = state;
    }
    for (const [arn, response] of Object.entries(data.GetKeyPolicy ?? {})) {
      read = true;
      policies.set(arn, response.Policy);
    }
    for (const [arn, response] of Object.entries(data.ListGrants ?? {})) {
      read = true;
      grants.set(arn, response);
    }
  }
  const failures = new Map<string, SnapshotError>();
  for (const e of snapshot.errors) {
    if (!KMS_OPERATIONS.has(e.operation) || !e.target) continue;
    read = true;
    if (e.operation === "DescribeKey") {
      const ref = kmsKeyRef(e.target, { partition: snapshot.partition, region: e.region ?? "", account: snapshot.account });
      if (ref && !resolved.has(canonicalRef(ref))) resolved.set(canonicalRef(ref), { error: e });
    } else {
      failures.set(`${e.operation} ${e.target}`, e);
      key(e.target);
    }
  }
  for (const arn of [...policies.keys(), ...grants.keys()]) key(arn);
  for (const k of keys.values()) {
    readPolicy(k, policies, failures, snapshot, problems);
    readGrants(k, grants, failures, snapshot);
  }
  return { read, resolved, keys };
}

/** A failed KMS read in the words answers give it: "DescribeKey failed: AccessDeniedException". */
export function readFailure(e: SnapshotError): string {
  return `${e.operation} failed: ${e.code ?? "error"}`;
}

function readPolicy(k: KmsKey, policies: Map<string, unknown>, failures: Map<string, SnapshotError>, reading: PolicyReading, problems: ParseProblem[]): void {
  const text = policies.get(k.arn);
  if (text === undefined) {
    const e = failures.get(`GetKeyPolicy ${k.arn}`);
    k.policyUnread = `the key policy of ${k.arn} (${e ? readFailure(e) : "the scan did not read it"})`;
    return;
  }
  const parsed = parsePolicyDocument(text, { kind: "resource", policyName: "default", resourceArn: k.arn }, reading);
  if (parsed.ok) {
    k.policy = parsed.policy;
    return;
  }
  k.policyUnread = `the key policy of ${k.arn}, which is malformed`;
  problems.push({ where: `key policy of ${k.arn}`, why: parsed.error });
}

function readGrants(k: KmsKey, grants: Map<string, ListGrantsResponse>, failures: Map<string, SnapshotError>, reading: PolicyReading): void {
  const response = grants.get(k.arn);
  const list = response?.Grants;
  if (list === undefined) {
    const e = failures.get(`ListGrants ${k.arn}`);
    grantsGap(k, "all", e ? readFailure(e) : "the scan did not list them");
    return;
  }
  const { document, malformed } = grantsDocument(Array.isArray(list) ? list : [], k.arn, reading);
  if (document) k.grants = document;
  if (malformed) grantsGap(k, "malformed", malformed);
  // Grants beside a failure are the pages read before a later one failed (lib/aws/kms-keys.ts): they still let
  // their grantees in, and the grants on the pages not read are unknown, never absent.
  // A file from another tool may hold one page of them, saying so as KMS does (Truncated, NextMarker).
  const e = failures.get(`ListGrants ${k.arn}`);
  if (e) grantsGap(k, "past-listed", readFailure(e));
  else if (response && isTruncated(response)) grantsGap(k, "past-listed", "the snapshot holds the first pages only");
}

/**
 * Which of a key's grants are unknown, said once for the reasons and for the label answers name them by: a title's
 * "depends on the key's grants, which could not be read" is true only where none was read.
 */
function grantsGap(k: KmsKey, which: "all" | "past-listed" | "malformed", detail: string): void {
  if (which === "malformed") {
    k.grantsUnread = `grant ${detail} of ${k.arn}, which is malformed`;
    k.grantsUnreadLabel = "one of the key's grants";
  } else {
    k.grantsUnread = `the grants of ${k.arn}${which === "past-listed" ? " past those listed" : ""} (${detail})`;
    k.grantsUnreadLabel = which === "past-listed" ? "the key's grants past those listed" : "the key's grants";
  }
}

/** The key a reference names, as DescribeKey resolved it; undefined when the snapshot holds no answer for it. */
export function resolveKey(reads: KmsReads, ref: KmsKeyRef): KeyResolution {
  return reads.resolved.get(canonicalRef(ref));
}

/**
 * Why the snapshot does not hold the key policy of `resource` (a key ARN, or an alias ARN DescribeKey resolved), in
 * the words the evaluator uses (role-access.ts `keyPolicy`); undefined when it holds that policy. The scan reads
 * key policies only for the keys functions and queues name (lib/aws/kms-keys.ts).
 */
export function keyPolicyUnread(reads: KmsReads, resource: string): string | undefined {
  const alias = reads.resolved.get(resource);
  const key = reads.keys.get(alias && "arn" in alias ? alias.arn : resource);
  if (key?.policy) return undefined;
  return key?.policyUnread ?? `the key policy of ${resource}, which the snapshot does not hold`;
}

/** A snapshot without KMS reads (for callers and tests that have no model). */
export const NO_KMS_READS: KmsReads = Object.freeze({ read: false, resolved: new Map(), keys: new Map() });
