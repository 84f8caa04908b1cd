/**
 * IAM role details (GetAccountAuthorizationDetails) → role models: trust policy, inline and attached managed
 * policies (the default version only) and the permissions boundary, each parsed once. A document that is missing
 * or malformed is named in `unreadable` and in the problems, never read as "no permissions".
 */
import { NOT_READ, type RoleDetail, type Snapshot, type SnapshotError } from "@/lib/snapshot/schema";
import { INCOMPLETE_SNAPSHOT, roleReadGap } from "./snapshot-gaps";
import { parsePolicyDocument, type PolicyReading } from "@/lib/policy/parse";
import type { PolicyDocument, PolicySource } from "@/lib/policy/types";
import type { ParseProblem } from "./types";
import { accountOfArn, nameFromArn } from "./arn";
import { unlistedPolicies, unlistedPolicyErrors } from "./unlisted-policies";

/**
 * What the evaluator needs of a caller of the account, a role or an IAM user: its identity policies (for a user with
 * its groups'), its boundary and tags, and which of them could not be read.
 */
export interface PrincipalModel {
  kind: "role" | "user";
  arn: string;
  name: string;
  id?: string;
  account: string;
  tags: Record<string, string>;
  identity: PolicyDocument[];
  boundaryArn?: string;
  boundary?: PolicyDocument;
  /** Documents that are missing or malformed (identity policies, boundary, trust policy, a group), for the report. */
  unreadable: string[];
  /** The identity policies among them: they may allow what the readable ones deny, or deny what they allow. */
  unreadableIdentity: string[];
  /**
   * The entries of `unreadable` the scan never saw, each with the read that failed or was not made (GetRolePolicy,
   * GetPolicyVersion…). The others were seen and found malformed, or are absent from the file: the snapshot holds
   * what there was to judge. Recorded where the entry is written, so no reader depends on its wording.
   */
  unseen: Map<string, string>;
  /**
   * The account's organization as its requests carry it (aws:PrincipalOrgID, and aws:PrincipalOrgPaths where the path
   * was read); NO_ORGANIZATION where AWS said there is none (the keys are then absent); undefined where the snapshot
   * does not say (the keys are then unknown). organization.ts.
   */
  organization?: PrincipalOrganization | typeof NO_ORGANIZATION;
}

/** The account is in no organization: its requests carry neither aws:PrincipalOrgID nor aws:PrincipalOrgPaths. */
export const NO_ORGANIZATION = "no organization";

export interface PrincipalOrganization {
  id: string;
  /** "o-…/r-…/ou-…/…/", the account's parent's path: the one value of aws:PrincipalOrgPaths. */
  path?: string;
}

/** aws:PrincipalOrgID and aws:PrincipalOrgPaths, where the snapshot says which organization the account is in. */
export function organizationKeys(principal: Pick<PrincipalModel, "organization">): Record<string, string | string[]> {
  const org = principal.organization;
  if (!org || org === NO_ORGANIZATION) return {};
  return org.path ? { "aws:principalorgid": org.id, "aws:principalorgpaths": [org.path] } : { "aws:principalorgid": org.id };
}

export interface RoleModel extends PrincipalModel {
  kind: "role";
  trust?: PolicyDocument;
  /** The trust policy is missing or malformed: who may assume the role is unknown. */
  trustUnreadable?: string;
  raw: RoleDetail;
}

export function tagsOf(detail: { Tags?: { Key: string; Value?: string | null }[] | null }): Record<string, string> {
  // fromEntries defines own properties: `tags[key] = …` dropped a tag keyed "__proto__" (a valid IAM tag key).
  return Object.fromEntries((detail.Tags ?? []).map((t) => [t.Key, t.Value ?? ""]));
}

export interface ManagedEntry {
  doc?: PolicyDocument;
  error?: string;
  /** The scanner's own read of it (GetPolicy, GetPolicyVersion) failed or was not made: the document was never seen. */
  unseenBy?: string;
}

/**
 * Each managed policy's default version, from GAAD's Policies first, else from the scanner's own GetPolicyVersion of
 * a policy GAAD left out (unlisted-policies.ts); one whose read failed is known by that failure only.
 */
export function buildManagedPolicies(snapshot: Snapshot, problems: ParseProblem[]): Map<string, ManagedEntry> {
  const map = new Map<string, ManagedEntry>();
  const listed = snapshot.iam?.GetAccountAuthorizationDetails.Policies ?? [];
  const unlisted = snapshot.iam?.GetPolicyVersion ? unlistedPolicies(snapshot, new Set(listed.map((p) => p.Arn))) : [];
  for (const p of unlisted.length ? [...listed, ...unlisted] : listed) {
    const name = p.PolicyName || nameFromArn(p.Arn);
    const versions = p.PolicyVersionList ?? [];
    // Only the default version is in force; others are history (lambda-permissions.md §6.2).
    // A lone version stands in for the default only when nothing says another one is in force.
    const lone = versions.length === 1 ? versions[0] : undefined;
    const version =
      versions.find((v) => v.IsDefaultVersion === true) ??
      versions.find((v) => p.DefaultVersionId && v.VersionId === p.DefaultVersionId) ??
      (lone && lone.IsDefaultVersion !== false && !(p.DefaultVersionId && lone.VersionId && lone.VersionId !== p.DefaultVersionId) ? lone : undefined);
    if (!version) {
      const error = "no default policy version in the snapshot";
      map.set(p.Arn, { error });
      problems.push({ where: `managed policy ${name} (${p.Arn})`, why: error });
      continue;
    }
    const source: PolicySource = {
      kind: "managed",
      policyName: name,
      policyArn: p.Arn,
      versionId: version.VersionId ?? undefined,
    };
    const parsed = parsePolicyDocument(version.Document, source, snapshot);
    if (parsed.ok) map.set(p.Arn, { doc: parsed.policy });
    else {
      map.set(p.Arn, { error: parsed.error });
      problems.push({ where: `managed policy ${name} (${p.Arn}) version ${version.VersionId ?? "?"}`, why: parsed.error });
    }
  }
  for (const [arn, { operation, error }] of unlistedPolicyErrors(snapshot)) {
    if (map.has(arn)) continue;
    map.set(arn, { error, unseenBy: operation });
    problems.push({ where: `managed policy ${nameFromArn(arn)} (${arn})`, why: error });
  }
  return map;
}

/**
 * What every principal starts with: who it is, no policies yet, and its kind's own fields (`own`, every one written,
 * absent ones undefined). The fields a principal may be given later are written too, undefined, so every role has one
 * shape: spreading this base before `kind` and then adding `trust`, the boundary and the organization one by one
 * gave 5,000 roles ~5,000 hidden classes and cost a tenth of the account model (analysis-performance.md, forty-sixth
 * session). The order is the one the fields were added in before, so a principal's JSON is unchanged.
 */
export function principalBase<Own extends { kind: PrincipalModel["kind"] }>(
  arn: string,
  name: string,
  id: string | null | undefined,
  tagged: Parameters<typeof tagsOf>[0],
  own: Own,
): Omit<PrincipalModel, "kind"> & Own {
  return {
    arn,
    name,
    id: id ?? undefined,
    account: accountOfArn(arn) ?? "",
    tags: tagsOf(tagged),
    identity: [],
    unreadable: [],
    unreadableIdentity: [],
    unseen: new Map(),
    ...own,
    boundaryArn: undefined,
    boundary: undefined,
    organization: undefined,
  };
}

export const NOT_IN_SNAPSHOT = "document is not in the snapshot";

/** "managed policy x" of an `unreadable` entry ("managed policy x: why"), for sentences that name the gap. */
export function documentName(unreadable: string): string {
  return unreadable.split(": ")[0] ?? unreadable;
}

export function buildRole(role: RoleDetail, managed: Map<string, ManagedEntry>, problems: ParseProblem[], reading: PolicyReading): RoleModel {
  const name = role.RoleName || nameFromArn(role.Arn);
  const model: RoleModel = principalBase(role.Arn, name, role.RoleId, role, { kind: "role" as const, raw: role, trust: undefined, trustUnreadable: undefined });
  const where = `role ${name}`;
  if (role.AssumeRolePolicyDocument !== undefined && role.AssumeRolePolicyDocument !== null) {
    const parsed = parsePolicyDocument(role.AssumeRolePolicyDocument, {
      kind: "trust",
      policyName: "trust policy",
      roleArn: role.Arn,
      roleName: name,
    }, reading);
    if (parsed.ok) model.trust = parsed.policy;
    else {
      model.trustUnreadable = `trust policy: ${parsed.error}`;
      problems.push({ where: `${where} trust policy`, why: parsed.error });
    }
  } else {
    // GetAccountAuthorizationDetails always returns it: its absence is missing data, not "nobody may assume it".
    model.trustUnreadable = `trust policy: ${NOT_IN_SNAPSHOT}`;
    problems.push({ where: `${where} trust policy`, why: `its ${NOT_IN_SNAPSHOT}` });
  }
  if (model.trustUnreadable) model.unreadable.push(model.trustUnreadable);
  const owner: PolicyOwner = { where, source: { roleArn: role.Arn, roleName: name } };
  addInlinePolicies(model, role.RolePolicyList, owner, problems, reading);
  addAttachedPolicies(model, role.AttachedManagedPolicies, owner, managed, problems);
  addBoundary(model, role.PermissionsBoundary?.PermissionsBoundaryArn, owner, managed, problems);
  return model;
}

/**
 * Per-role IAM reads that failed for roles the snapshot holds (roleReadGap): what each left unread is named among the
 * role's unread documents, so its answers lean on what could be read and say so, never "no permissions".
 */
export function markRoleReadsFailed(roles: ReadonlyMap<string, RoleModel>, errors: readonly SnapshotError[]): void {
  let byName: Map<string, RoleModel> | undefined;
  for (const e of errors) {
    const gap = roleReadGap(e);
    if (!gap) continue;
    byName ??= new Map([...roles.values()].map((r) => [r.name, r]));
    const role = roles.get(e.target as string) ?? byName.get(e.target as string);
    // A read the snapshot holds neither an answer nor a failure of (role-reads.ts) was not made, not refused; a list
    // holding a page token and no failure was read in part by a tool that stopped there.
    const entry =
      e.code === NOT_READ
        ? `${gap}: ${e.operation} not in the snapshot`
        : e.code === INCOMPLETE_SNAPSHOT
          ? `${gap}: ${e.operation} read in part (later pages not in the snapshot)`
          : `${gap}: ${e.operation} failed (${e.code ?? "error"})`;
    if (role && !role.unreadable.includes(entry)) unreadIdentity(role, entry, e.operation);
  }
}

/** Whether one of the principal's identity policies was never seen (its read failed or was not made), not malformed. */
export function identityNotSeen(model: Pick<PrincipalModel, "unreadableIdentity" | "unseen">): boolean {
  return model.unreadableIdentity.some((u) => model.unseen.has(u));
}

/** Whose policies these are: for problems ("role x", "group y of user z") and for each document's source. */
export interface PolicyOwner {
  where: string;
  source: Partial<PolicySource>;
}

type PolicyHolder = Pick<PrincipalModel, "identity" | "unreadable" | "unreadableIdentity" | "unseen">;

/** An unread identity policy; `unseenBy`, the read that failed or was not made, where the scan never saw it. */
export function unreadIdentity(model: PolicyHolder, entry: string, unseenBy?: string): void {
  model.unreadableIdentity.push(entry);
  model.unreadable.push(entry);
  if (unseenBy) model.unseen.set(entry, unseenBy);
}

/** Inline policies (RolePolicyList, UserPolicyList, GroupPolicyList): parsed, or named as unreadable. */
export function addInlinePolicies(
  model: PolicyHolder,
  list: readonly { PolicyName?: string | null; PolicyDocument?: unknown }[] | null | undefined,
  { where, source }: PolicyOwner,
  problems: ParseProblem[],
  reading: PolicyReading,
): void {
  (list ?? []).forEach((p, i) => {
    const policyName = p.PolicyName || `inline policy #${i + 1}`;
    const parsed = parsePolicyDocument(p.PolicyDocument, { kind: "inline", policyName, ...source }, reading);
    if (parsed.ok) model.identity.push(parsed.policy);
    else {
      unreadIdentity(model, `${prefixOf(source)}inline policy ${policyName}: ${parsed.error}`);
      problems.push({ where: `${where} inline policy ${policyName}`, why: parsed.error });
    }
  });
}

/** Attached managed policies: the default version, with the owner's source fields; absent or malformed ones named. */
export function addAttachedPolicies(
  model: PolicyHolder,
  list: readonly { PolicyName?: string | null; PolicyArn: string }[] | null | undefined,
  { where, source }: PolicyOwner,
  managed: Map<string, ManagedEntry>,
  problems: ParseProblem[],
): void {
  for (const attached of list ?? []) {
    const entry = managed.get(attached.PolicyArn);
    const policyName = attached.PolicyName || nameFromArn(attached.PolicyArn);
    if (entry?.doc) {
      model.identity.push({ ...entry.doc, source: { ...entry.doc.source, ...source } });
    } else {
      unreadIdentity(model, `${prefixOf(source)}managed policy ${policyName}: ${entry?.error ?? NOT_IN_SNAPSHOT}`, entry?.unseenBy);
      // A malformed document is reported once, where it is parsed; an absent one only here, per owner attaching it.
      if (!entry) problems.push({ where: `${where} managed policy ${policyName} (${attached.PolicyArn})`, why: `attached, but its ${NOT_IN_SNAPSHOT}` });
    }
  }
}

export function addBoundary(
  model: PrincipalModel,
  boundaryArn: string | undefined,
  { where, source }: PolicyOwner,
  managed: Map<string, ManagedEntry>,
  problems: ParseProblem[],
): void {
  if (!boundaryArn) return;
  model.boundaryArn = boundaryArn;
  const entry = managed.get(boundaryArn);
  if (entry?.doc) {
    model.boundary = { ...entry.doc, source: { ...entry.doc.source, ...source, kind: "boundary" } };
  } else {
    const unread = `permissions boundary ${nameFromArn(boundaryArn)}: ${entry?.error ?? NOT_IN_SNAPSHOT}`;
    model.unreadable.push(unread);
    if (entry?.unseenBy) model.unseen.set(unread, entry.unseenBy);
    if (!entry) problems.push({ where: `${where} permissions boundary (${boundaryArn})`, why: `attached, but its ${NOT_IN_SNAPSHOT}` });
  }
}

/** "group deployers " before a group's document in a user's lists: which group gives the user that policy. */
function prefixOf(source: Partial<PolicySource>): string {
  return source.groupName ? `group ${source.groupName} ` : "";
}
