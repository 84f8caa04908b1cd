/**
 * The KMS reads a function's answers rest on that failed: DescribeKey of a key reference its environment, queues,
 * topics or streams use, GetKeyPolicy or ListGrants of the key behind it. A role whose own policies allow the key would
 * otherwise pass on the usual delegation to IAM with nothing said; the function's `unknown` list and
 * data-unavailable name the failed read instead (a finding on the key already names it in its reasons). Snapshots
 * without any KMS read (older scans) keep today's answers: there is no failure to name.
 */
import type { SnapshotError } from "@/lib/snapshot/schema";
import type { FunctionModel } from "./account-model";
import { kmsKeyRef, type KmsKeyRef } from "./kms-key";
import { resolveKey, type KmsReads } from "./kms-keys";
import { queueEncryption, type QueueReads } from "./queue-encryption";
import { topicEncryption, type TopicReads } from "./topic-encryption";
import { streamEncryption, type StreamReads } from "./stream-encryption";
import { streamsUsed } from "./streams-used";
import { toUnavailable } from "./snapshot-gaps";

const KEY_READS = new Set(["GetKeyPolicy", "ListGrants"]);

interface KeyUsers {
  kms: KmsReads;
  queues: QueueReads;
  topics: TopicReads;
  streams: StreamReads;
  partition: string;
  errors: readonly SnapshotError[];
  queuesOf: (fn: FunctionModel) => string[];
  topicsOf: (fn: FunctionModel) => string[];
}

/** The KMS keys the function's configuration (and its versions'), its queues, its topics and its streams name. */
function keysUsed(fn: FunctionModel, from: KeyUsers): KmsKeyRef[] {
  const home = { partition: from.partition, region: fn.region, account: fn.account };
  const refs: KmsKeyRef[] = [];
  for (const c of [fn.config, ...fn.versions]) {
    const ref = typeof c.KMSKeyArn === "string" && c.KMSKeyArn ? kmsKeyRef(c.KMSKeyArn, home) : undefined;
    if (ref) refs.push(ref);
  }
  const encryptions = [
    ...from.queuesOf(fn).map((queue) => queueEncryption(from.queues, queue)),
    ...from.topicsOf(fn).map((topic) => topicEncryption(from.topics, topic)),
    ...streamsUsed(fn.mappings).map((stream) => streamEncryption(from.streams, stream)),
  ];
  for (const e of encryptions) if (e.kind === "kms") refs.push(e.key);
  return refs;
}

export function addKmsGaps(functions: readonly FunctionModel[], from: KeyUsers): void {
  if (!from.kms.read) return;
  const keyErrors = new Map<string, SnapshotError[]>();
  for (const e of from.errors) {
    if (!e.target || !KEY_READS.has(e.operation)) continue;
    const list = keyErrors.get(e.target) ?? [];
    list.push(e);
    keyErrors.set(e.target, list);
  }
  for (const fn of functions) {
    const failed = new Set<SnapshotError>();
    for (const ref of keysUsed(fn, from)) {
      const resolution = resolveKey(from.kms, ref);
      if (resolution && "error" in resolution) failed.add(resolution.error);
      const arn = ref.kind === "key" ? ref.arn : resolution && "arn" in resolution ? resolution.arn : undefined;
      for (const e of (arn && keyErrors.get(arn)) || []) failed.add(e);
    }
    for (const e of failed) {
      fn.unavailable.push(toUnavailable(e));
      fn.unknownOps.add(e.operation);
    }
  }
}
