/**
 * What the execution role needs on a KMS key (any feature that names one: a queue's, a stream's, a function's). IAM
 * authorises on the key ARN; the key policy, which no snapshot holds, must allow too (role-access.ts asks it as
 * unread, so a role without the grant "may lack" it and one with it passes on the usual delegation to IAM).
 */
import type { KmsKeyRef } from "@/lib/analysis/kms-key";
import type { Need } from "./role-needs";

/**
 * Needs of `actions` on the key. An AWS managed key (alias/aws/…) needs none: its key policy, written by AWS, lets
 * its own account use it through the owning service. An alias the snapshot does not resolve is asked on any key of
 * its account and region, and only as a "may lack": the grant may name the key behind it.
 */
export function kmsKeyNeeds(key: KmsKeyRef, actions: readonly string[]): Need[] {
  if (key.kind === "key") return actions.map((action) => ({ action, resources: [key.arn] }));
  if (key.awsManaged) return [];
  const keys = `arn:${key.partition}:kms:${key.region}:${key.account}:key`;
  return actions.map((action) => ({
    action,
    resources: [`${keys}/*`],
    grantResource: `${keys}/<key behind ${key.alias}>`,
    assumption: `on the key behind ${key.alias}, which the snapshot does not resolve`,
  }));
}
