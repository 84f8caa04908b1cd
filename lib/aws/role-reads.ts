/**
 * IAM read role by role, when GetAccountAuthorizationDetails is refused: a least-privilege scanning role often lacks
 * it but may call iam:GetRole, ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies, GetPolicy and
 * GetPolicyVersion. Only the execution roles the functions and their published versions name are read (what the
 * graph needs); other roles and the IAM users stay unread, which the analysis says (never "none"). Each answer is
 * stored as IAM returns it under `iam.<operation>` keyed by the role's ARN (GetRolePolicy by role ARN, then policy
 * name; the lists with every page merged), and the managed policies the roles attach or are bounded by are read as
 * managed-policies.ts reads those GAAD leaves out. A failed call is an error naming the role's ARN (GetRolePolicy's
 * message names the policy too), so only that role, or that part of it, is unknown (lib/analysis/role-reads.ts).
 */
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  type IAMClient,
} from "@aws-sdk/client-iam";
import {
  IamGetRolePolicySchema,
  IamGetRoleSchema,
  IamListAttachedRolePoliciesSchema,
  IamListRolePoliciesSchema,
  type SnapshotError,
} from "@/lib/snapshot/schema";
import { collectManagedPolicies, managedPoliciesMissing, type ManagedPolicyReads } from "./managed-policies";
import { collectPerResource, resourceReads } from "./per-resource";
import { allPages } from "./pages";
import { sortedKeys } from "./plain";

type Json = Record<string, unknown>;

export interface RoleReads extends ManagedPolicyReads {
  GetRole?: Record<string, Json>;
  ListRolePolicies?: Record<string, Json>;
  GetRolePolicy?: Record<string, Record<string, Json>>;
  ListAttachedRolePolicies?: Record<string, Json>;
}

/** What of a region's Lambda data names roles: its functions' and their versions' configurations. */
interface NamesRoles {
  ListFunctions?: { Functions: readonly { Role?: string | null }[] };
  ListVersionsByFunction: Record<string, { Versions: readonly { Role?: string | null }[] }>;
}

/** The account's own roles the functions and their versions run as, sorted: GetRole reads no other account's. */
export function executionRoles(regions: Iterable<NamesRoles>, account: string, partition: string): string[] {
  const own = `arn:${partition}:iam::${account}:role/`;
  const roles = new Set<string>();
  for (const data of regions) {
    const configs = [...(data.ListFunctions?.Functions ?? []), ...Object.values(data.ListVersionsByFunction).flatMap((v) => v.Versions)];
    for (const { Role } of configs) if (Role?.startsWith(own)) roles.add(Role);
  }
  return [...roles].sort();
}

/** IAM names a role by its name alone, the ARN's last part (the path before it is not part of the name). */
function roleName(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

/** Every page of a role's list, merged into one answer as snapshot.md merges pages. */
async function merged<K extends string, T>(pages: AsyncIterable<Partial<Record<K, T[]>>>, key: K): Promise<Record<K, T[]>> {
  const items: T[] = [];
  for await (const page of allPages(pages)) items.push(...(page[key] ?? []));
  return { [key]: items } as Record<K, T[]>;
}

export async function collectRoleReads(iam: IAMClient, roleArns: readonly string[], record: (e: SnapshotError) => void): Promise<RoleReads> {
  const roles = await collectPerResource("GetRole", roleArns, undefined, record, IamGetRoleSchema, (arn) => iam.send(new GetRoleCommand({ RoleName: roleName(arn) })));
  // A role GetRole could not read is unknown already: its policies are not asked for.
  const read = Object.keys(roles);
  const [inlineNames, attached] = await Promise.all([
    collectPerResource("ListRolePolicies", read, undefined, record, IamListRolePoliciesSchema, (arn) =>
      merged(paginateListRolePolicies({ client: iam }, { RoleName: roleName(arn) }), "PolicyNames"),
    ),
    collectPerResource("ListAttachedRolePolicies", read, undefined, record, IamListAttachedRolePoliciesSchema, (arn) =>
      merged(paginateListAttachedRolePolicies({ client: iam }, { RoleName: roleName(arn) }), "AttachedPolicies"),
    ),
  ]);
  const inline: Record<string, Record<string, Json>> = {};
  await Promise.all(
    Object.entries(inlineNames).map(async ([arn, answer]) => {
      // Recorded against the role, as roleReadGap reads it; the message says which of its policies.
      const failed = (e: SnapshotError) => record({ ...e, target: arn, message: `inline policy ${e.target}: ${e.message ?? ""}` });
      const names = (answer as { PolicyNames: string[] }).PolicyNames;
      const documents = await collectPerResource("GetRolePolicy", names, undefined, failed, IamGetRolePolicySchema, (name) =>
        iam.send(new GetRolePolicyCommand({ RoleName: roleName(arn), PolicyName: name })),
      );
      if (Object.keys(documents).length) inline[arn] = sortedKeys(documents);
    }),
  );
  const holders = read.map((arn) => ({
    AttachedManagedPolicies: (attached[arn] as { AttachedPolicies?: { PolicyArn?: string }[] } | undefined)?.AttachedPolicies,
    PermissionsBoundary: (roles[arn]?.Role as { PermissionsBoundary?: { PermissionsBoundaryArn?: string } }).PermissionsBoundary,
  }));
  const policies = await collectManagedPolicies(iam, managedPoliciesMissing({ RoleDetailList: holders, UserDetailList: [], GroupDetailList: [], Policies: [] }), record);
  return {
    ...resourceReads("GetRole", roles),
    ...resourceReads("ListRolePolicies", inlineNames),
    ...resourceReads("GetRolePolicy", inline),
    ...resourceReads("ListAttachedRolePolicies", attached),
    ...policies,
  };
}
