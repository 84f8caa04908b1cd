/**
 * Managed policies GetAccountAuthorizationDetails leaves out: it lists an AWS managed policy only when the account
 * uses it, and one used only as a permissions boundary (AttachmentCount 0) may be missing (lambda-permissions.md
 * §4.1). Without its document every role or user it bounds, or that attaches it, would be judged on what could be
 * read only. Each policy a role, user or group names (PermissionsBoundaryArn, AttachedManagedPolicies) that GAAD's
 * Policies lack is read with IAM GetPolicy (its DefaultVersionId) and then GetPolicyVersion of that version, both
 * read-only, and stored as IAM returns them under `iam.GetPolicy` and `iam.GetPolicyVersion` keyed by policy ARN.
 * A failure (AccessDenied: a read policy without iam:GetPolicy; NoSuchEntity) is an error naming the policy ARN, so
 * the analysis says which call left the document unknown (lib/analysis/role-model.ts).
 */
import { GetPolicyCommand, GetPolicyVersionCommand, type IAMClient } from "@aws-sdk/client-iam";
import { IamGetPolicySchema, IamGetPolicyVersionSchema, type SnapshotError } from "@/lib/snapshot/schema";
import { collectPerResource } from "./per-resource";
import { sortedKeys } from "./plain";

type Json = Record<string, unknown>;

interface PolicyUser {
  AttachedManagedPolicies?: readonly { PolicyArn?: string }[] | null;
  PermissionsBoundary?: { PermissionsBoundaryArn?: string } | null;
}

export interface AuthorizationDetails {
  RoleDetailList: readonly PolicyUser[];
  UserDetailList: readonly PolicyUser[];
  GroupDetailList: readonly PolicyUser[];
  Policies: readonly { Arn?: string }[];
}

/** The managed-policy ARNs the roles, users and groups name that the Policies list lacks, sorted. */
export function managedPoliciesMissing(gaad: AuthorizationDetails): string[] {
  const listed = new Set(gaad.Policies.map((p) => p.Arn));
  const named = new Set<string>();
  for (const holder of [...gaad.RoleDetailList, ...gaad.UserDetailList, ...gaad.GroupDetailList]) {
    for (const a of holder.AttachedManagedPolicies ?? []) if (a.PolicyArn) named.add(a.PolicyArn);
    const boundary = holder.PermissionsBoundary?.PermissionsBoundaryArn;
    if (boundary) named.add(boundary);
  }
  return [...named].filter((arn) => !listed.has(arn)).sort();
}

export interface ManagedPolicyReads {
  GetPolicy?: Record<string, Json>;
  GetPolicyVersion?: Record<string, Json>;
}

/** GetPolicy, then GetPolicyVersion of its default version, for each ARN; nothing written when none is missing. */
export async function collectManagedPolicies(iam: IAMClient, arns: readonly string[], record: (e: SnapshotError) => void): Promise<ManagedPolicyReads> {
  if (arns.length === 0) return {};
  const policies = await collectPerResource("GetPolicy", arns, undefined, record, IamGetPolicySchema, (arn) => iam.send(new GetPolicyCommand({ PolicyArn: arn })));
  const versions = await collectPerResource("GetPolicyVersion", Object.keys(policies), undefined, record, IamGetPolicyVersionSchema, (arn) => {
    // The schema required it of the GetPolicy answer.
    const VersionId = (policies[arn]?.Policy as { DefaultVersionId: string }).DefaultVersionId;
    return iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId }));
  });
  return {
    ...(Object.keys(policies).length ? { GetPolicy: sortedKeys(policies) } : {}),
    ...(Object.keys(versions).length ? { GetPolicyVersion: sortedKeys(versions) } : {}),
  };
}
