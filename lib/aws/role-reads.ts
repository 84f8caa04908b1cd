/**
 * IAM read role by role, when GetAccountAuthorizationDetails is refused: a least-privilege scanning role often lacks
 * it but may call iam:GetRole, ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies, GetPolicy and
 * GetPolicyVersion. Only the execution roles the functions and their published versions name are read (what the
 * graph needs); other roles and the IAM users stay unread, which the analysis says (never "none"). Each answer is
 * stored as IAM returns it under `iam.<operation>` keyed by the role's ARN (GetRolePolicy by role ARN, then policy
 * name; the lists with every page merged, or those read before a page failed, with IsTruncated and Marker), and the managed policies the roles attach or are bounded by are read as
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
import type { z } from "zod";
import {
  IamGetRolePolicySchema,
  IamGetRoleSchema,
  IamListAttachedRolePoliciesSchema,
  IamListRolePoliciesSchema,
  type SnapshotError,
} from "@/lib/snapshot/schema";
import { collectManagedPolicies, managedPoliciesMissing, type ManagedPolicyReads } from "./managed-policies";
import { collectPerResource, failure, resourceReads } from "./per-resource";
import { pagedItems } from "./pages";
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

/**
 * Every page of a role's list, merged into one answer as snapshot.md merges pages. When a later page fails, the pages
 * read are kept and the failure is recorded against the role; `cut` gets the last page's Marker, which listed() puts
 * back with IsTruncated (plain() drops paging fields). A list with nothing read fails whole, as before.
 */
async function merged<K extends string, T>(
  operation: string,
  arn: string,
  pages: AsyncIterable<Partial<Record<K, T[]>>>,
  key: K,
  record: (e: SnapshotError) => void,
  cut: Map<string, string>,
): Promise<Record<K, T[]>> {
  const { items, error, nextToken } = await pagedItems(pages, (page) => page[key] ?? []);
  if (error !== undefined) {
    if (items.length === 0 || nextToken === undefined) throw error;
    record(failure(operation, arn, error));
    cut.set(arn, nextToken);
  }
  return { [key]: items } as Record<K, T[]>;
}

/**
 * Each role's list (ListRolePolicies, ListAttachedRolePolicies). One cut short by a failed page keeps the pages read
 * with IAM's IsTruncated and the last Marker, its own word that more follow, as organizations.ts keeps a list cut
 * short: the analysis applies the policies listed and takes the rest for unknown (lib/analysis/role-reads.ts).
 */
async function listed<K extends string, T>(
  operation: string,
  roles: readonly string[],
  schema: z.ZodType,
  pages: (arn: string) => AsyncIterable<Partial<Record<K, T[]>>>,
  key: K,
  record: (e: SnapshotError) => void,
): Promise<Record<string, Json>> {
  const cut = new Map<string, string>();
  const answers = await collectPerResource(operation, roles, undefined, record, schema, (arn) => merged(operation, arn, pages(arn), key, record, cut));
  for (const [arn, Marker] of cut) if (answers[arn]) answers[arn] = { ...answers[arn], IsTruncated: true, Marker };
  return answers;
}

export async function collectRoleReads(iam: IAMClient, roleArns: readonly string[], record: (e: SnapshotError) => void): Promise<RoleReads> {
  const roles = await collectPerResource("GetRole", roleArns, undefined, record, IamGetRoleSchema, (arn) => iam.send(new GetRoleCommand({ RoleName: roleName(arn) })));
  // A role GetRole could not read is unknown already: its policies are not asked for.
  const read = Object.keys(roles);
  const [inlineNames, attached] = await Promise.all([
    listed("ListRolePolicies", read, IamListRolePoliciesSchema, (arn) => paginateListRolePolicies({ client: iam }, { RoleName: roleName(arn) }), "PolicyNames", record),
    listed("ListAttachedRolePolicies", read, IamListAttachedRolePoliciesSchema, (arn) => paginateListAttachedRolePolicies({ client: iam }, { RoleName: roleName(arn) }), "AttachedPolicies", record),
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
