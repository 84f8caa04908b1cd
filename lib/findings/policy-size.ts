/**
 * The size quotas AWS holds a fix's policy document to: a fix that AWS refuses with LimitExceeded (IAM) or
 * PolicyLengthExceededException (Lambda) is no fix. IAM counts characters without white space (IAM User Guide,
 * reference_iam-quotas: "IAM doesn't count white space when calculating the size of a policy"); Lambda counts the
 * function policy's bytes as it stores it (AddPermission: "The final policy size … is bigger than the limit").
 */
import type { RoleModel } from "@/lib/analysis/role-model";

/** Fixed quotas: Service Quotas cannot raise these. */
export const POLICY_LIMITS = {
  /** Every inline policy of one role together. */
  roleInlinePolicies: 10_240,
  /** One managed policy version (a permissions boundary included). */
  managedPolicy: 6_144,
  /** One function's (or alias's, or version's) resource policy, in bytes. */
  functionPolicy: 20_480,
} as const;

/**
 * A role's trust policy: IAM's default, which Service Quotas can raise (to 8,192 characters in 2026, Service Quotas
 * console, "Role trust policy length"), so a fix past it gets a warning, not a refusal.
 */
export const TRUST_POLICY_DEFAULT_QUOTA = 2_048;

/** Managed policies attached to one role: IAM's default, which Service Quotas can raise (to 20), so only a warning. */
export const MANAGED_POLICIES_PER_ROLE = 10;

/** What IAM counts of a policy document: its JSON without white space. */
export function iamPolicySize(document: unknown): number {
  return JSON.stringify(document).replace(/\s/g, "").length;
}

/**
 * The role's inline policies together once `policyName` holds `document` (put-role-policy replaces a policy of that
 * name). Documents the snapshot could not parse count as nothing: their size is unknown, so this is a lower bound.
 */
export function inlinePoliciesAfter(role: RoleModel, policyName: string, document: unknown): number {
  let total = iamPolicySize(document);
  for (const doc of role.identity) {
    if (doc.source.kind === "inline" && doc.source.policyName !== policyName) total += iamPolicySize(doc.raw);
  }
  return total;
}

/**
 * The warning a trust-policy fix carries when its document is past IAM's default quota: AWS refuses it with
 * LimitExceeded unless the account's quota was raised. Empty when it fits.
 */
export function trustPolicyQuotaNote(document: unknown): string {
  const size = iamPolicySize(document);
  if (size <= TRUST_POLICY_DEFAULT_QUOTA) return "";
  return (
    `\nThis trust policy is ${size.toLocaleString("en-US")} characters (white space not counted), past IAM's default quota of ` +
    `${TRUST_POLICY_DEFAULT_QUOTA.toLocaleString("en-US")}: AWS refuses it (LimitExceeded) unless the account's "Role trust policy length" ` +
    `quota was raised in Service Quotas. Raise it, or fold statements that differ only in their principals first.`
  );
}
