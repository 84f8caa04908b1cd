/**
 * IAM users and groups (GetAccountAuthorizationDetails' UserDetailList and GroupDetailList) → principal models the
 * evaluator asks as it asks roles: a user's policies are its inline and attached managed ones plus those of each
 * of its groups, under its own permissions boundary. A group is parsed once for all its members. A group the user is
 * in but the snapshot lacks, and any unreadable document, is named in `unreadable`: the user's answers are then
 * conditional, never "cannot invoke".
 */
import type { GroupDetail, UserDetail } from "@/lib/snapshot/schema";
import type { PolicyReading } from "@/lib/policy/parse";
import type { PolicyDocument } from "@/lib/policy/types";
import type { ParseProblem } from "./types";
import { nameFromArn } from "./arn";
import { addAttachedPolicies, addBoundary, addInlinePolicies, principalBase, unreadIdentity, type ManagedEntry, type PrincipalModel } from "./role-model";

export interface UserModel extends PrincipalModel {
  kind: "user";
  /** The groups its GroupList names. */
  groups: string[];
  raw: UserDetail;
}

interface GroupPolicies {
  identity: PolicyDocument[];
  unreadable: string[];
  unreadableIdentity: string[];
  unseen: Map<string, string>;
}

/** Each group's readable policies and unreadable ones, parsed once; problems reported once per group. */
export function buildGroups(groups: readonly GroupDetail[], managed: Map<string, ManagedEntry>, problems: ParseProblem[], reading: PolicyReading): Map<string, GroupPolicies> {
  const out = new Map<string, GroupPolicies>();
  for (const g of groups) {
    const name = g.GroupName || nameFromArn(g.Arn);
    const model: GroupPolicies = { identity: [], unreadable: [], unreadableIdentity: [], unseen: new Map() };
    const owner = { where: `group ${name}`, source: { groupName: name } };
    addInlinePolicies(model, g.GroupPolicyList, owner, problems, reading);
    addAttachedPolicies(model, g.AttachedManagedPolicies, owner, managed, problems);
    out.set(name, model);
  }
  return out;
}

export function buildUser(
  user: UserDetail,
  groups: Map<string, GroupPolicies>,
  managed: Map<string, ManagedEntry>,
  problems: ParseProblem[],
  reading: PolicyReading,
): UserModel {
  const name = user.UserName || nameFromArn(user.Arn);
  const model: UserModel = principalBase(user.Arn, name, user.UserId, user, { kind: "user" as const, groups: [...(user.GroupList ?? [])], raw: user });
  const owner = { where: `user ${name}`, source: {} };
  addInlinePolicies(model, user.UserPolicyList, owner, problems, reading);
  addAttachedPolicies(model, user.AttachedManagedPolicies, owner, managed, problems);
  for (const groupName of model.groups) {
    const group = groups.get(groupName);
    if (!group) {
      const missing = `group ${groupName}: not in the snapshot`;
      unreadIdentity(model, missing);
      problems.push({ where: `user ${name} group ${groupName}`, why: "the user is in it, but the group is not in the snapshot" });
      continue;
    }
    model.identity.push(...group.identity);
    model.unreadable.push(...group.unreadable);
    model.unreadableIdentity.push(...group.unreadableIdentity);
    for (const [entry, read] of group.unseen) model.unseen.set(entry, read);
  }
  addBoundary(model, user.PermissionsBoundary?.PermissionsBoundaryArn, owner, managed, problems);
  return model;
}
