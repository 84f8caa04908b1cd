/**
 * Managed policies GetAccountAuthorizationDetails left out, as the scanner read them one by one (lib/aws/
 * managed-policies.ts): GetPolicy (which version is in force) and GetPolicyVersion (that version's document), keyed
 * by policy ARN under `iam`. Each is given the shape of a GAAD Policies entry, so one reading of "the default
 * version" (role-model.ts buildManagedPolicies) serves both; a failed read of either becomes the reason the policy is
 * unknown, naming the call.
 */
import type { ManagedPolicy, Snapshot } from "@/lib/snapshot/schema";

/** The IAM reads of one managed policy, by ARN. */
const POLICY_READS = ["GetPolicy", "GetPolicyVersion"] as const;
const IAM_POLICY_ARN = /^arn:[\w-]+:iam::[^:]*:policy\//;

/** Policies GAAD does not list but GetPolicyVersion returned, as GAAD entries with that one version. */
export function unlistedPolicies(snapshot: Snapshot, listed: ReadonlySet<string>): ManagedPolicy[] {
  const iam = snapshot.iam;
  return Object.entries(iam?.GetPolicyVersion ?? {})
    .filter(([arn]) => !listed.has(arn))
    .map(([arn, { PolicyVersion }]) => {
      const policy = iam?.GetPolicy?.[arn]?.Policy;
      return { Arn: arn, PolicyName: policy?.PolicyName, DefaultVersionId: policy?.DefaultVersionId, PolicyVersionList: [PolicyVersion] };
    });
}

/** A managed policy the scanner could not read one by one: the call that failed or was not made, and why, in words. */
export interface UnlistedPolicyError {
  operation: (typeof POLICY_READS)[number];
  /** "GetPolicyVersion failed (AccessDenied)" */
  error: string;
}

/**
 * Why each managed policy the scanner tried to read one by one is not known, by ARN: the failed call (an IAM read
 * names no region and targets a policy ARN; Lambda's GetPolicy, named alike, targets a function).
 */
export function unlistedPolicyErrors(snapshot: Snapshot): Map<string, UnlistedPolicyError> {
  const out = new Map<string, UnlistedPolicyError>();
  for (const e of snapshot.errors) {
    const operation = POLICY_READS.find((op) => op === e.operation);
    if (e.region || !e.target || !IAM_POLICY_ARN.test(e.target) || !operation) continue;
    if (!out.has(e.target)) out.set(e.target, { operation, error: `${operation} failed (${e.code ?? "error"})` });
  }
  return out;
}

/** Whether a read the scan could not make (PrincipalModel.unseen) is one of a managed policy's, not of a role's. */
export function isPolicyRead(operation: string): boolean {
  return (POLICY_READS as readonly string[]).includes(operation);
}
