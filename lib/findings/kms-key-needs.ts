/**
 * What the execution role needs on a KMS key (any feature that names one: a queue's, a stream's, a function's). IAM
 * authorises on the key ARN, and the key policy must allow too (role-access.ts): where the scan read it, KMS's rule
 * decides; where not, it is asked as unread, so a role without the grant "may lack" it and one with it passes on
 * the usual delegation to IAM.
 */
import type { KmsKeyRef } from "@/lib/analysis/kms-key";
import { resolveKey, type KmsReads } from "@/lib/analysis/kms-keys";
import type { Evidence } from "@/lib/analysis/types";
import type { UndocumentedValue } from "@/lib/policy/types";
import type { Need } from "./role-needs";

/**
 * Needs of `actions` on the key, a request `viaService` sends on the role's behalf (kms:ViaService, e.g.
 * sqs.<region>.amazonaws.com, or one of several where AWS does not document which: viaServiceValue) when known. An alias is asked on the key DescribeKey resolved it to. An AWS managed key
 * (alias/aws/…) is judged only where its key policy was read: AWS writes that policy to let its own account use the
 * key through the owning service. An alias the snapshot does not resolve is asked on any key of its account and
 * region, and only as a "may lack": the grant may name the key behind it.
 */
export function kmsKeyNeeds(reads: KmsReads, key: KmsKeyRef, actions: readonly string[], viaService?: string | UndocumentedValue): Need[] {
  const resolved = key.kind === "alias" ? resolveKey(reads, key) : undefined;
  const arn = key.kind === "key" ? key.arn : resolved && "arn" in resolved ? resolved.arn : undefined;
  if (arn !== undefined) {
    if (key.kind === "alias" && key.awsManaged && !reads.keys.get(arn)?.policy) return [];
    const context =
      viaService === undefined ? {} : typeof viaService === "string" ? { context: { [arn]: { "kms:ViaService": viaService } } } : { undocumented: { [arn]: { "kms:viaservice": viaService } } };
    const awsManaged = (key.kind === "alias" && key.awsManaged) || reads.keys.get(arn)?.describe?.KeyMetadata?.KeyManager === "AWS" ? { awsManagedKey: true as const } : {};
    return actions.map((action) => ({ action, resources: [arn], ...context, ...awsManaged }));
  }
  if (key.kind === "key" || key.awsManaged) return [];
  const keys = `arn:${key.partition}:kms:${key.region}:${key.account}:key`;
  return actions.map((action) => ({
    action,
    resources: [`${keys}/*`],
    grantResource: `${keys}/<key behind ${key.alias}>`,
    assumption: `on the key behind ${key.alias}, which the snapshot does not resolve`,
  }));
}

/** Why KMS will not use the key (its state, as DescribeKey gave it), as a sentence; undefined for a usable or unread key. */
export function unusableKeySentence(reads: KmsReads, keyArn: string): string | undefined {
  const state = reads.keys.get(keyArn)?.unusableState;
  return state ? `DescribeKey gives ${keyArn} the state ${state}: KMS refuses every cryptographic operation with it, whatever its policies say.` : undefined;
}

/** The DescribeKey answer of a key KMS will not use (Disabled, PendingDeletion, …), for the findings on it. */
export function unusableKeyEvidence(reads: KmsReads, keyArn: string): Evidence[] {
  const key = reads.keys.get(keyArn);
  if (!key?.unusableState || !key.describe) return [];
  return [
    {
      kind: "configuration",
      description: unusableKeySentence(reads, keyArn) as string,
      source: { operation: "DescribeKey" },
      document: key.describe,
      highlight: ["KeyState", key.unusableState],
    },
  ];
}
