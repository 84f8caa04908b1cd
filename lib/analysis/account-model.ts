/**
 * Snapshot (raw API responses) → account model (functions with their role, policies, mappings, URLs, and what
 * could not be read). This is the one place that knows the snapshot's layout; rules, invokers, reaches and the
 * graph only see the model. Malformed documents become `problems` and make the affected answers unknown; they
 * never stop the rest of the account from being analysed.
 */
import type {
  Alias,
  EventInvokeConfig,
  EventSourceMapping,
  FunctionConfiguration,
  FunctionUrlConfig,
  RegionData,
  RoleDetail,
  Snapshot,
  SnapshotError,
} from "@/lib/snapshot/schema";
import { parsePolicyDocument } from "@/lib/policy/parse";
import type { PolicyDocument, PolicySource } from "@/lib/policy/types";
import type { ParseProblem } from "./types";
import { accountOfArn, nameFromArn, unqualifiedFunctionArn, withoutLatest } from "./arn";

export interface RoleModel {
  arn: string;
  name: string;
  id?: string;
  account: string;
  tags: Record<string, string>;
  trust?: PolicyDocument;
  identity: PolicyDocument[];
  boundaryArn?: string;
  boundary?: PolicyDocument;
  /** Documents that are missing or malformed (identity policies, boundary, trust policy), for the report. */
  unreadable: string[];
  /** The identity policies among them: they may allow what the readable ones deny, or deny what they allow. */
  unreadableIdentity: string[];
  /** The trust policy is missing or malformed: who may assume the role is unknown. */
  trustUnreadable?: string;
  raw: RoleDetail;
}

export interface ResourcePolicyModel {
  /** The ARN the policy is attached to: the function, or an alias/version. */
  qualifiedArn: string;
  policy: PolicyDocument;
}

/** Operations whose failure leaves part of a function unknown (snapshot.md: "unknown", never "fine"). */
export type DataOperation =
  | "GetPolicy"
  | "GetFunctionUrlConfig"
  | "ListEventSourceMappings"
  | "ListAliases"
  | "GetFunctionEventInvokeConfig"
  | "GetAccountAuthorizationDetails";

export interface Unavailable {
  operation: string;
  target?: string;
  code?: string;
  message?: string;
  region?: string;
}

export interface FunctionModel {
  arn: string;
  name: string;
  region: string;
  account: string;
  config: FunctionConfiguration;
  roleArn?: string;
  role?: RoleModel;
  /** `missing`: the snapshot's roles were read and this one is not among them. */
  roleState: "found" | "missing" | "unknown" | "none";
  policies: ResourcePolicyModel[];
  aliases: Alias[];
  /** Published versions (each with the configuration and role it was published with). */
  versions: FunctionConfiguration[];
  /**
   * The versions were listed, so one missing from `versions` does not exist. False for snapshots from tools that do
   * not list versions (the scanner writes no entry for a function without published versions, only the map) and
   * when the call failed.
   */
  versionsListed: boolean;
  urls: { qualifiedArn: string; config: FunctionUrlConfig }[];
  mappings: EventSourceMapping[];
  invokeConfigs: { qualifiedArn: string; config: EventInvokeConfig }[];
  /** Failed calls that concern this function. */
  unavailable: Unavailable[];
  /** Operations whose data is unknown for this function. */
  unknownOps: Set<string>;
  /**
   * Aliases and versions whose resource policy could not be read (GetPolicy failed, the text is malformed, or the
   * scan skipped it) while the function's own was: rules still judge the function's grants, and treat these as unknown.
   */
  unreadPolicies: Set<string>;
  /** Published versions whose policy the scan skipped on purpose (scan --version-policies); also in unreadPolicies. */
  versionPoliciesNotRead: string[];
}

export interface AccountModel {
  account: string;
  partition: string;
  capturedAt: string;
  regions: string[];
  functions: FunctionModel[];
  functionsByArn: Map<string, FunctionModel>;
  roles: Map<string, RoleModel>;
  /** True when IAM data was read (so a role absent from it really is missing). */
  iamKnown: boolean;
  problems: ParseProblem[];
  errors: SnapshotError[];
  /** Responses the snapshot holds only part of (a page with a NextMarker), in the shape of errors; not failed calls. */
  incomplete: SnapshotError[];
}

function tagsOf(role: RoleDetail): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const t of role.Tags ?? []) tags[t.Key] = t.Value ?? "";
  return tags;
}

interface ManagedEntry {
  doc?: PolicyDocument;
  error?: string;
}

function buildManagedPolicies(snapshot: Snapshot, problems: ParseProblem[]): Map<string, ManagedEntry> {
  const map = new Map<string, ManagedEntry>();
  for (const p of snapshot.iam?.GetAccountAuthorizationDetails.Policies ?? []) {
    const name = p.PolicyName ?? nameFromArn(p.Arn);
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
    const parsed = parsePolicyDocument(version.Document, source, snapshot.partition);
    if (parsed.ok) map.set(p.Arn, { doc: parsed.policy });
    else {
      map.set(p.Arn, { error: parsed.error });
      problems.push({ where: `managed policy ${name} (${p.Arn}) version ${version.VersionId ?? "?"}`, why: parsed.error });
    }
  }
  return map;
}

const NOT_IN_SNAPSHOT = "document is not in the snapshot";

function buildRole(role: RoleDetail, managed: Map<string, ManagedEntry>, problems: ParseProblem[], partition: string): RoleModel {
  const name = role.RoleName ?? nameFromArn(role.Arn);
  const model: RoleModel = {
    arn: role.Arn,
    name,
    id: role.RoleId ?? undefined,
    account: accountOfArn(role.Arn) ?? "",
    tags: tagsOf(role),
    identity: [],
    unreadable: [],
    unreadableIdentity: [],
    raw: role,
  };
  const where = `role ${name}`;
  if (role.AssumeRolePolicyDocument !== undefined && role.AssumeRolePolicyDocument !== null) {
    const parsed = parsePolicyDocument(role.AssumeRolePolicyDocument, {
      kind: "trust",
      policyName: "trust policy",
      roleArn: role.Arn,
      roleName: name,
    }, partition);
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
  (role.RolePolicyList ?? []).forEach((p, i) => {
    const policyName = p.PolicyName ?? `inline policy #${i + 1}`;
    const parsed = parsePolicyDocument(p.PolicyDocument, { kind: "inline", policyName, roleArn: role.Arn, roleName: name }, partition);
    if (parsed.ok) model.identity.push(parsed.policy);
    else {
      model.unreadableIdentity.push(`inline policy ${policyName}: ${parsed.error}`);
      model.unreadable.push(`inline policy ${policyName}: ${parsed.error}`);
      problems.push({ where: `${where} inline policy ${policyName}`, why: parsed.error });
    }
  });
  for (const attached of role.AttachedManagedPolicies ?? []) {
    const entry = managed.get(attached.PolicyArn);
    const policyName = attached.PolicyName ?? nameFromArn(attached.PolicyArn);
    if (entry?.doc) {
      model.identity.push({ ...entry.doc, source: { ...entry.doc.source, roleArn: role.Arn, roleName: name } });
    } else {
      model.unreadableIdentity.push(`managed policy ${policyName}: ${entry?.error ?? NOT_IN_SNAPSHOT}`);
      model.unreadable.push(`managed policy ${policyName}: ${entry?.error ?? NOT_IN_SNAPSHOT}`);
      // A malformed document is reported once, where it is parsed; an absent one only here, per role attaching it.
      if (!entry) problems.push({ where: `${where} managed policy ${policyName} (${attached.PolicyArn})`, why: `attached, but its ${NOT_IN_SNAPSHOT}` });
    }
  }
  const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
  if (boundaryArn) {
    model.boundaryArn = boundaryArn;
    const entry = managed.get(boundaryArn);
    if (entry?.doc) {
      model.boundary = {
        ...entry.doc,
        source: { ...entry.doc.source, kind: "boundary", roleArn: role.Arn, roleName: name },
      };
    } else {
      model.unreadable.push(`permissions boundary ${nameFromArn(boundaryArn)}: ${entry?.error ?? NOT_IN_SNAPSHOT}`);
      if (!entry) problems.push({ where: `${where} permissions boundary (${boundaryArn})`, why: `attached, but its ${NOT_IN_SNAPSHOT}` });
    }
  }
  return model;
}

/** The error code given to gaps a snapshot file shows without an `errors` entry (a page with more to come). */
export const INCOMPLETE_SNAPSHOT = "IncompleteSnapshot";

/** The paging fields of a List response: a truncated one has more pages the snapshot does not hold. */
function isTruncated(response: { IsTruncated?: unknown; Marker?: unknown; NextMarker?: unknown }): boolean {
  return response.IsTruncated === true || (typeof response.NextMarker === "string" && response.NextMarker !== "") || (typeof response.Marker === "string" && response.Marker !== "");
}

/**
 * Gaps a snapshot shows without an `errors` entry: files exported by other tools holding one page of a paginated
 * call. Treated like failed calls by the rules (unknown, never "none"), but kept apart from `errors`, which are
 * calls that failed. A region map left out is not one: snapshot.md reads "no entry, no error" as "none".
 */
function incompleteResponses(snapshot: Snapshot): SnapshotError[] {
  const out: SnapshotError[] = [];
  const recorded = new Set(snapshot.errors.filter((e) => !e.target).map((e) => `${e.region ?? ""}|${e.operation}`));
  const add = (region: string, operation: string, code: string, message: string) => {
    if (!recorded.has(`${region}|${operation}`)) out.push({ ...(region ? { region } : {}), operation, code, message });
  };
  for (const [region, data] of Object.entries(snapshot.regions)) {
    if (!data?.ListFunctions) continue; // the region's functions were not listed: nothing to mark
    if (isTruncated(data.ListFunctions as Record<string, unknown>)) {
      add(region, "ListFunctions", INCOMPLETE_SNAPSHOT, "the response has a NextMarker: later pages of functions are not in the snapshot");
    }
    if (data.ListEventSourceMappings && isTruncated(data.ListEventSourceMappings as Record<string, unknown>)) {
      add(region, "ListEventSourceMappings", INCOMPLETE_SNAPSHOT, "the response has a NextMarker: later pages of mappings are not in the snapshot");
    }
  }
  const gaad = snapshot.iam?.GetAccountAuthorizationDetails as Record<string, unknown> | undefined;
  if (gaad && (isTruncated(gaad) || gaad.RoleDetailList === undefined)) {
    // Not indexed per function (that would skip every role rule): roles it lacks are "unknown" through iamKnown.
    add("", "GetAccountAuthorizationDetails", INCOMPLETE_SNAPSHOT, gaad.RoleDetailList === undefined ? "the response has no RoleDetailList" : "the response is truncated (IsTruncated/Marker): later pages are not in the snapshot");
  }
  return out;
}

/**
 * Published versions of a function: `ListVersionsByFunction` keyed by function ARN, as the scanner writes it.
 * Not in the snapshot contract, so other tools may write another shape: anything else reads as "not listed".
 */
function versionsOf(data: RegionData, fnArn: string): FunctionConfiguration[] {
  const versions = versionEntry(data, fnArn)?.Versions;
  if (!Array.isArray(versions)) return [];
  return versions.filter((v): v is FunctionConfiguration => typeof v === "object" && v !== null && typeof (v as { Version?: unknown }).Version === "string");
}

/** Versions whose resource policy the scan left unread on purpose (scan --version-policies): unknown, not none. */
function policiesNotRead(data: RegionData, fnArn: string): string[] {
  const skipped = versionEntry(data, fnArn)?.PoliciesNotRead;
  return Array.isArray(skipped) ? skipped.filter((v): v is string => typeof v === "string") : [];
}

function versionEntry(data: RegionData, fnArn: string): { Versions?: unknown; PoliciesNotRead?: unknown } | undefined {
  const byFunction = (data as { ListVersionsByFunction?: unknown }).ListVersionsByFunction;
  if (typeof byFunction !== "object" || byFunction === null) return undefined;
  const entry = (byFunction as Record<string, unknown>)[fnArn];
  return typeof entry === "object" && entry !== null ? (entry as { Versions?: unknown; PoliciesNotRead?: unknown }) : undefined;
}

/** Errors recorded for a target ARN (or a region-wide call), indexed for lookup per function. */
function indexErrors(errors: SnapshotError[]) {
  const byTarget = new Map<string, SnapshotError[]>();
  const regionWide: SnapshotError[] = [];
  const global: SnapshotError[] = [];
  for (const e of errors) {
    if (e.operation === "GetAccountAuthorizationDetails" || e.operation === "GetCallerIdentity") global.push(e);
    else if (e.target) {
      const key = unqualifiedFunctionArn(e.target);
      const list = byTarget.get(key);
      if (list) list.push(e);
      else byTarget.set(key, [e]);
    } else regionWide.push(e);
  }
  return { byTarget, regionWide, global };
}

/** A failed read of one alias's (or version's) resource policy, which leaves the function's own policy known. */
function isAliasPolicyError(e: SnapshotError, fnArn: string): boolean {
  return (e.operation === "GetPolicy" || e.operation === "GetResourcePolicy") && !!e.target && e.target !== fnArn;
}

function toUnavailable(e: SnapshotError): Unavailable {
  return {
    operation: e.operation,
    target: e.target ?? undefined,
    code: e.code ?? undefined,
    message: e.message ?? undefined,
    region: e.region ?? undefined,
  };
}

export function buildAccountModel(snapshot: Snapshot): AccountModel {
  const problems: ParseProblem[] = [];
  const managed = buildManagedPolicies(snapshot, problems);
  const roles = new Map<string, RoleModel>();
  const gaad = snapshot.iam?.GetAccountAuthorizationDetails;
  for (const r of gaad?.RoleDetailList ?? []) {
    roles.set(r.Arn, buildRole(r, managed, problems, snapshot.partition));
  }
  const incomplete = incompleteResponses(snapshot);
  const errIndex = indexErrors([...snapshot.errors, ...incomplete.filter((e) => e.operation !== "GetAccountAuthorizationDetails")]);
  // A role absent from IAM data is "missing" only when the data is whole: every page, and the role list itself.
  const iamKnown =
    gaad !== undefined &&
    gaad.RoleDetailList !== undefined &&
    !isTruncated(gaad as Record<string, unknown>) &&
    !errIndex.global.some((e) => e.operation === "GetAccountAuthorizationDetails");

  const functions: FunctionModel[] = [];
  const functionsByArn = new Map<string, FunctionModel>();
  const regions = Object.keys(snapshot.regions).sort();

  for (const region of regions) {
    const data = snapshot.regions[region];
    if (!data) continue;
    const regionFns: FunctionModel[] = [];
    const versionMap = (data as { ListVersionsByFunction?: unknown }).ListVersionsByFunction;
    const versionsMapped = typeof versionMap === "object" && versionMap !== null;
    for (const config of data.ListFunctions?.Functions ?? []) {
      const arn = unqualifiedFunctionArn(config.FunctionArn);
      if (functionsByArn.has(arn)) continue; // a repeated page must not double a function
      const roleArn = config.Role ?? undefined;
      const role = roleArn ? roles.get(roleArn) : undefined;
      const fn: FunctionModel = {
        arn,
        name: config.FunctionName ?? arn.split(":")[6] ?? arn,
        region,
        account: accountOfArn(arn) ?? snapshot.account,
        config,
        roleArn,
        role,
        roleState: !roleArn ? "none" : role ? "found" : iamKnown ? "missing" : "unknown",
        policies: [],
        aliases: data.ListAliases?.[arn]?.Aliases ?? [],
        versions: versionsOf(data, arn),
        versionsListed: false,
        urls: [],
        mappings: [],
        invokeConfigs: [],
        unavailable: [],
        unknownOps: new Set(),
        unreadPolicies: new Set(),
        versionPoliciesNotRead: policiesNotRead(data, arn),
      };
      for (const v of fn.versionPoliciesNotRead) fn.unreadPolicies.add(`${arn}:${v}`);
      for (const e of [...(errIndex.byTarget.get(arn) ?? []), ...errIndex.global]) {
        fn.unavailable.push(toUnavailable(e));
        if (isAliasPolicyError(e, arn)) fn.unreadPolicies.add(e.target as string);
        else fn.unknownOps.add(e.operation);
      }
      for (const e of errIndex.regionWide) {
        if (e.region && e.region !== region) continue;
        if (e.operation === "ListFunctions") continue; // the region's gap (truncated list), not this function's
        fn.unavailable.push(toUnavailable(e));
        fn.unknownOps.add(e.operation);
      }
      // Lambda always has a role: a function without one in the snapshot is missing data, not a function without access.
      if (fn.roleState === "unknown" || fn.roleState === "none") fn.unknownOps.add("GetAccountAuthorizationDetails");
      fn.versionsListed = versionsMapped && !fn.unknownOps.has("ListVersionsByFunction");
      functions.push(fn);
      regionFns.push(fn);
      functionsByArn.set(arn, fn);
    }

    const owner = (qualified: string) => functionsByArn.get(unqualifiedFunctionArn(qualified));

    for (const [target, resp] of Object.entries(data.GetPolicy ?? {})) {
      const fn = owner(target);
      if (!fn) continue;
      const parsed = parsePolicyDocument(resp.Policy, {
        kind: "resource",
        policyName: target === fn.arn ? "function policy" : `policy of ${target.split(":").slice(7).join(":")}`,
        resourceArn: target,
      }, snapshot.partition);
      if (parsed.ok) fn.policies.push({ qualifiedArn: target, policy: parsed.policy });
      else {
        problems.push({ where: `resource policy of ${target}`, why: parsed.error });
        fn.unavailable.push({ operation: "GetPolicy", target, code: "MalformedPolicy", message: parsed.error, region });
        if (target === fn.arn) fn.unknownOps.add("GetPolicy");
        else fn.unreadPolicies.add(target);
      }
    }
    for (const [target, config] of Object.entries(data.GetFunctionUrlConfig ?? {})) {
      owner(target)?.urls.push({ qualifiedArn: target, config });
    }
    for (const [target, config] of Object.entries(data.GetFunctionEventInvokeConfig ?? {})) {
      owner(target)?.invokeConfigs.push({ qualifiedArn: withoutLatest(target), config });
    }
    for (const m of data.ListEventSourceMappings?.EventSourceMappings ?? []) {
      owner(m.FunctionArn)?.mappings.push(m);
    }
    // Unqualified policy first: evidence and invoker lists read in that order.
    for (const fn of regionFns) fn.policies.sort((a, b) => a.qualifiedArn.length - b.qualifiedArn.length);
  }

  return {
    account: snapshot.account,
    partition: snapshot.partition,
    capturedAt: snapshot.capturedAt,
    regions,
    functions,
    functionsByArn,
    roles,
    iamKnown,
    problems,
    errors: snapshot.errors,
    incomplete,
  };
}

/** One role a qualified ARN may run with, the versions that run with it and their share of the calls (0–1). */
export interface RunsAs {
  arn?: string;
  role?: RoleModel;
  versions: string[];
  share: number;
  /**
   * Set when the role is unknown because a list could not be read: a published version's (ListVersionsByFunction
   * failed) or an alias's, whose version is unknown too (ListAliases failed). `role` is then only a stand-in.
   */
  unlisted?: { qualifier: string; list: "versions" | "aliases" };
}

/**
 * Every role a qualified ARN may run with. A published version keeps the role it was published with, and an alias
 * runs its version's (lambda-permissions.md §1); a weighted alias (RoutingConfig.AdditionalVersionWeights) sends
 * part of its traffic to a second version, which may have been published with another role. The primary first;
 * one entry per distinct role ARN. The function's current role for the unqualified ARN, $LATEST, or a version the
 * snapshot does not list; undefined role when that version's role is not in the snapshot. `unlisted` marks a
 * published version whose role is unknown because the versions could not be listed (ListVersionsByFunction
 * failed), or an alias the snapshot lacks because the aliases could not be listed (ListAliases failed; the scan
 * reads every qualifier's async settings and mappings regardless): its entry holds the current role only as a
 * stand-in.
 */
export function rolesOfQualified(model: AccountModel, fn: FunctionModel, qualifiedArn: string | undefined): RunsAs[] {
  const current = { arn: fn.roleArn, role: fn.role };
  if (!qualifiedArn || qualifiedArn === fn.arn || !qualifiedArn.startsWith(`${fn.arn}:`)) return [{ ...current, versions: [], share: 1 }];
  const qualifier = qualifiedArn.slice(fn.arn.length + 1);
  const alias = /^\d+$/.test(qualifier) ? undefined : fn.aliases.find((a) => a.Name === qualifier);
  if (!alias && !/^\d+$/.test(qualifier) && qualifier !== "$LATEST" && fn.unknownOps.has("ListAliases")) {
    return [{ ...current, versions: [], share: 1, unlisted: { qualifier, list: "aliases" } }];
  }
  const routes = alias ? aliasRoutes(alias) : [{ version: qualifier, weight: 1 }];
  const versionsUnread = fn.unknownOps.has("ListVersionsByFunction");
  const out: RunsAs[] = [];
  for (const { version, weight } of routes) {
    const listed = version ? fn.versions.find((v) => v.Version === version) : undefined;
    if (!listed && versionsUnread && version && /^\d+$/.test(version)) {
      out.push({ ...current, versions: [version], share: weight, unlisted: { qualifier: version, list: "versions" } });
      continue;
    }
    const arn = listed?.Role;
    const entry = !arn || arn === fn.roleArn ? current : { arn, role: model.roles.get(arn) };
    const same = out.find((o) => !o.unlisted && o.arn === entry.arn);
    if (same) {
      same.versions.push(version);
      same.share += weight;
    } else out.push({ ...entry, versions: [version], share: weight });
  }
  return out.length ? out : [{ ...current, versions: [], share: 1 }];
}

/**
 * The versions an alias routes to with their share of the calls, its own version first (what the weighted ones
 * leave). RoutingConfig is read defensively: it is outside the snapshot schema.
 */
export function aliasRoutes(alias: Alias): { version: string; weight: number }[] {
  const weights = (alias as { RoutingConfig?: { AdditionalVersionWeights?: unknown } }).RoutingConfig?.AdditionalVersionWeights;
  const extra = typeof weights === "object" && weights !== null ? Object.entries(weights).map(([version, w]) => ({ version, weight: typeof w === "number" ? w : 0 })) : [];
  const rest = Math.max(0, 1 - extra.reduce((sum, e) => sum + e.weight, 0));
  return [{ version: alias.FunctionVersion ?? "", weight: rest }, ...extra];
}

/** Functions that use each role, for role-level findings and the graph. */
export function functionsByRole(model: AccountModel): Map<string, FunctionModel[]> {
  const map = new Map<string, FunctionModel[]>();
  for (const fn of model.functions) {
    if (!fn.roleArn) continue;
    const list = map.get(fn.roleArn);
    if (list) list.push(fn);
    else map.set(fn.roleArn, [fn]);
  }
  return map;
}
