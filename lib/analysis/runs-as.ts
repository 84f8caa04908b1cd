/** Which role a qualified ARN (alias or version) runs with: what rules and `can` judge a qualified call as. */
import type { Alias, FunctionConfiguration } from "@/lib/snapshot/schema";
import { MALFORMED_RESPONSE } from "@/lib/snapshot/schema";
import type { AccountModel, FunctionModel, Unavailable } from "./account-model";
import type { RoleModel } from "./role-model";
import type { RoleUnknown } from "./types";

export interface Unlisted {
  qualifier: string;
  list: "versions" | "aliases";
  /** The list was read and lacks it; without `absent` the list could not be read. */
  absent?: true;
  /** A listed version whose Role was set aside as one IAM could never give: why (the record's message). */
  setAside?: string;
}

/**
 * The record of the `Role` set aside when the snapshot was read or scanned (a value IAM could never give): of the
 * function's own configuration, or of its published `version`'s. That role is unknown for that reason, not absent
 * (every Lambda function and version has one). Undefined when it was not set aside.
 */
export function roleSetAside(fn: Pick<FunctionModel, "arn" | "roleArn" | "unavailable" | "versions">, version?: string): Unavailable | undefined {
  const record = (operation: string, target: string) => fn.unavailable.find((u) => u.operation === operation && u.target === target && u.code === MALFORMED_RESPONSE);
  if (version === undefined) return fn.roleArn === undefined ? record("ListFunctions", fn.arn) : undefined;
  const listed = fn.versions.find((v) => v.Version === version);
  return listed && listed.Role == null ? record("ListVersionsByFunction", `${fn.arn}:${version}`) : undefined;
}

/**
 * The listed published versions whose Role was set aside, with why (the record's message): the role each runs as is
 * unknown. In list order; empty for almost every function (a version's Role is there unless it was set aside).
 */
export function versionRolesSetAside(fn: Pick<FunctionModel, "arn" | "roleArn" | "unavailable" | "versions">): { version: string; why: string }[] {
  const out: { version: string; why: string }[] = [];
  for (const { Version: version, Role: role } of fn.versions) {
    const record = role == null && version ? roleSetAside(fn, version) : undefined;
    if (record && version) out.push({ version, why: record.message ?? "its Role was set aside" });
  }
  return out;
}

/** One role a qualified ARN may run with, the versions that run with it and their share of the calls (0–1). */
export interface RunsAs {
  arn?: string;
  role?: RoleModel;
  versions: string[];
  share: number;
  /**
   * Set when the role is unknown because a list could not be read: a published version's (ListVersionsByFunction
   * failed) or an alias's, whose version is unknown too (ListAliases failed); or because the versions (aliases) were
   * listed without the one an alias, a mapping or an async config refers to (`absent`: published or created after
   * the list was read, on a page lost, or by a tool that lists some only); or because a listed version's Role was
   * set aside (`setAside`). `role` is then only a stand-in.
   */
  unlisted?: Unlisted;
  /**
   * The function's current role, assumed for a published version of a snapshot that holds no version data at all
   * (taken before the scan listed versions): answers with it must say so.
   */
  assumed?: true;
}

/**
 * Every role a qualified ARN may run with. A published version keeps the role it was published with, and an alias
 * runs its version's (lambda-permissions.md §1); a weighted alias (RoutingConfig.AdditionalVersionWeights) sends
 * part of its traffic to a second version, which may have been published with another role. The primary first;
 * one entry per distinct role ARN. The function's current role for the unqualified ARN and $LATEST; undefined role
 * when a version's role is not in the snapshot. `unlisted` marks a published version whose role is unknown because
 * the versions could not be listed (ListVersionsByFunction failed) or were listed without it, or an alias the
 * snapshot lacks because the aliases could not be listed (ListAliases failed; the scan reads every qualifier's async
 * settings and mappings regardless) or were listed without it: its entry holds the current role only as a stand-in.
 * A snapshot with no version data at all gets the current role for every version, marked `assumed` (older
 * snapshots were read so).
 */
export function rolesOfQualified(model: AccountModel, fn: FunctionModel, qualifiedArn: string | undefined): RunsAs[] {
  const current = { arn: fn.roleArn, role: fn.role };
  if (!qualifiedArn || qualifiedArn === fn.arn || !qualifiedArn.startsWith(`${fn.arn}:`)) return [{ ...current, versions: [], share: 1 }];
  const qualifier = qualifiedArn.slice(fn.arn.length + 1);
  const aliasGap = unlistedAlias(fn, qualifier);
  if (aliasGap) return [{ ...current, versions: [], share: 1, unlisted: aliasGap }];
  const alias = /^\d+$/.test(qualifier) ? undefined : fn.aliases.find((a) => a.Name === qualifier);
  const routes = alias ? aliasRoutes(alias) : [{ version: qualifier, weight: 1 }];
  const out: RunsAs[] = [];
  for (const { version, weight } of routes) {
    const unlisted = unlistedVersion(fn, version);
    if (unlisted) {
      out.push({ ...current, versions: [version], share: weight, unlisted });
      continue;
    }
    const listed = version ? fn.versions.find((v) => v.Version === version) : undefined;
    const published = /^\d+$/.test(version);
    // Listed, but the role it was published with was set aside: unknown, never the function's current role.
    const setAside = listed && published ? roleSetAside(fn, version) : undefined;
    if (setAside) {
      out.push({ ...current, versions: [version], share: weight, unlisted: { qualifier: version, list: "versions", setAside: setAside.message ?? "its Role was set aside" } });
      continue;
    }
    const assumed = !listed && published;
    const arn = listed?.Role;
    const entry = !arn || arn === fn.roleArn ? current : { arn, role: model.roles.get(arn) };
    const same = out.find((o) => !o.unlisted && o.arn === entry.arn);
    if (same) {
      same.versions.push(version);
      same.share += weight;
      if (assumed) same.assumed = true;
    } else out.push({ ...entry, versions: [version], share: weight, ...(assumed ? { assumed: true as const } : {}) });
  }
  return out.length ? out : [{ ...current, versions: [], share: 1 }];
}

/**
 * Why the role an alias or published version runs as is unknown, in words: its list lacks it or could not be read;
 * for a version whose Role was set aside, the record's message. What-if answers and the graph's nodes say it.
 */
export function unlistedWhy(gap: Unlisted): string {
  if (gap.setAside !== undefined) return gap.setAside;
  if (gap.absent) return `the function's ${gap.list === "versions" ? "version" : "alias"} list in the snapshot does not hold it`;
  return `the function's ${gap.list} could not be listed`;
}

/**
 * The report's rolesUnknown entries of a function: every listed version whose Role was set aside (its entries in
 * `unknown` say nothing of who may invoke it, and the view tells them by this), then each other version or alias that
 * `routed` (rolesOfQualified of each qualifier the graph draws) holds with an unknown role, once each.
 */
export function rolesUnknownOf(fn: FunctionModel, routed: Iterable<RunsAs>): RoleUnknown[] {
  const out: RoleUnknown[] = versionRolesSetAside(fn).map(({ version, why }) => ({ qualifier: version, why, setAside: true }));
  const seen = new Set(out.map((u) => u.qualifier));
  for (const { unlisted } of routed) {
    if (!unlisted || seen.has(unlisted.qualifier)) continue;
    seen.add(unlisted.qualifier);
    out.push({ qualifier: unlisted.qualifier, why: unlistedWhy(unlisted), ...(unlisted.setAside !== undefined ? { setAside: true as const } : {}) });
  }
  return out;
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

/**
 * A published version the snapshot holds no configuration of: the versions could not be listed, or were listed
 * without it (`absent`). Undefined for a listed version, for anything but a version number, and for a snapshot with
 * no version data at all (its versions are `assumed` to run as the current role).
 */
export function unlistedVersion(fn: FunctionModel, version: string): Unlisted | undefined {
  if (!/^\d+$/.test(version) || fn.versions.some((v) => v.Version === version)) return undefined;
  if (fn.unknownOps.has("ListVersionsByFunction")) return { qualifier: version, list: "versions" };
  return fn.versionsListed ? { qualifier: version, list: "versions", absent: true } : undefined;
}

/**
 * An alias the snapshot holds no configuration of: the aliases could not be listed, or were listed without it
 * (`absent`). Undefined for a listed alias and for anything but an alias name (a version, `$LATEST`).
 */
export function unlistedAlias(fn: FunctionModel, name: string): Unlisted | undefined {
  if (!name || /^\d+$/.test(name) || name === "$LATEST" || fn.aliases.some((a) => a.Name === name)) return undefined;
  return fn.unknownOps.has("ListAliases") ? { qualifier: name, list: "aliases" } : { qualifier: name, list: "aliases", absent: true };
}

/**
 * What in the snapshot runs this alias or published version ("alias prod", "event source mapping UUID", "async
 * settings", "function URL"), for answers that must say why one its list lacks still exists.
 */
export function qualifierReferrers(fn: FunctionModel, qualifier: string): string[] {
  const arn = `${fn.arn}:${qualifier}`;
  return [
    ...fn.aliases.filter((a) => aliasRoutes(a).some((r) => r.version === qualifier)).map((a) => `alias ${a.Name ?? a.AliasArn}`),
    ...fn.mappings.filter((m) => m.FunctionArn === arn).map((m) => `event source mapping ${m.UUID}`),
    ...(fn.invokeConfigs.some((c) => c.qualifiedArn === arn) ? ["async settings"] : []),
    ...(fn.urls.some((u) => u.qualifiedArn === arn) ? ["function URL"] : []),
    ...(fn.policies.some((p) => p.qualifiedArn === arn) ? ["resource policy"] : []),
  ];
}

/**
 * The role ARN a listed published version runs as: the one it was published with, or its function's current one when
 * its configuration names none (an emulator's empty Role). Undefined when the Role it named was set aside
 * (roleSetAside says why): unknown, never the current role in its place.
 */
export function versionRoleArn(fn: FunctionModel, config: FunctionConfiguration): string | undefined {
  if (config.Role) return config.Role;
  return config.Version && roleSetAside(fn, config.Version) ? undefined : fn.roleArn;
}

/** A published version's configuration names a role other than its function's current one: it runs as that role. */
export function runsAsOtherRole(fn: FunctionModel, config: FunctionConfiguration): boolean {
  return !!config.Role && config.Role !== fn.roleArn;
}

/** A published version something in the snapshot routes calls to, with what does. */
export interface RoutedVersion {
  version: string;
  config: FunctionConfiguration;
  referrers: string[];
}

/**
 * Listed published versions that something in the snapshot routes calls to (qualifierReferrers), for rules that
 * judge a version's own configuration: a version keeps the role and configuration it was published with
 * (lambda-permissions.md §1). `worth` is asked first, so a version the rule has no reason to look at (most share the
 * function's role and configuration) costs no search for referrers. A version nothing refers to is left out: old
 * versions keep old settings, and nothing calls them by default.
 */
export function routedVersions(fn: FunctionModel, worth: (config: FunctionConfiguration) => boolean): RoutedVersion[] {
  const out: RoutedVersion[] = [];
  for (const config of fn.versions) {
    const version = config.Version;
    if (!version || !/^\d+$/.test(version) || !worth(config)) continue;
    const referrers = qualifierReferrers(fn, version);
    if (referrers.length > 0) out.push({ version, config, referrers });
  }
  return out;
}

/**
 * The snapshot refers to this alias or published version (an alias routes to it; a mapping, async config, URL or
 * policy is on it), so it exists even when its list lacks it.
 */
export function qualifierReferenced(fn: FunctionModel, qualifier: string): boolean {
  return qualifierReferrers(fn, qualifier).length > 0;
}

/**
 * Aliases and versions the snapshot refers to (see qualifierReferrers) that their list, read in full, lacks: which
 * role they run as, and their own resource policy, are unknown (for an alias, the version it routes to too). A list
 * that could not be read is a gap of its own (ListAliases, ListVersionsByFunction failed).
 */
export function absentQualifiers(fn: FunctionModel): { qualifier: string; list: Unlisted["list"]; referrers: string[] }[] {
  const referred = referredQualifiers(fn);
  if (referred.size === 0) return [];
  return [...referred].flatMap((qualifier) => {
    const gap = unlistedVersion(fn, qualifier) ?? unlistedAlias(fn, qualifier);
    return gap?.absent ? [{ qualifier, list: gap.list, referrers: qualifierReferrers(fn, qualifier) }] : [];
  });
}

/** The aliases and versions something in the snapshot refers to (the sources qualifierReferrers names), once each. */
function referredQualifiers(fn: FunctionModel): ReadonlySet<string> {
  // Asked of every function of the account: no set (nor closure) built for the usual one that names no qualifier.
  let referred: Set<string> | undefined;
  for (const a of fn.aliases) for (const r of aliasRoutes(a)) (referred ??= new Set()).add(r.version);
  for (const m of fn.mappings) referred = addQualifierOf(fn, m.FunctionArn, referred);
  for (const c of fn.invokeConfigs) referred = addQualifierOf(fn, c.qualifiedArn, referred);
  for (const u of fn.urls) referred = addQualifierOf(fn, u.qualifiedArn, referred);
  for (const p of fn.policies) referred = addQualifierOf(fn, p.qualifiedArn, referred);
  return referred ?? NO_QUALIFIERS;
}

const NO_QUALIFIERS: ReadonlySet<string> = new Set();

/** `referred` with the qualifier of `arn` when it is a qualified ARN of the function (created on the first). */
function addQualifierOf(fn: FunctionModel, arn: string, referred: Set<string> | undefined): Set<string> | undefined {
  if (arn.length > fn.arn.length + 1 && arn.startsWith(fn.arn) && arn[fn.arn.length] === ":") (referred ??= new Set()).add(arn.slice(fn.arn.length + 1));
  return referred;
}

/**
 * Something refers to an alias the snapshot holds no configuration of: that alias may route to any published
 * version, so every listed version's role may run the function (rolesOfQualified's `unlisted` entries).
 */
export function refersToUnlistedAlias(fn: FunctionModel): boolean {
  for (const q of referredQualifiers(fn)) if (unlistedAlias(fn, q)) return true;
  return false;
}

/** A role that routed-to published versions run as, other than their function's current one. */
export interface VersionRole {
  role: RoleModel;
  /** The versions that run as it, in list order. */
  versions: string[];
}

/**
 * The roles in the snapshot that routed-to versions (routedVersions) were published with, other than the function's
 * current role, once each: those versions' findings rest on them, so their unread documents are the function's gaps
 * too. A version whose role is not in the snapshot is execution-role-missing's (or an IAM gap already named).
 */
export function routedVersionRoles(model: AccountModel, fn: FunctionModel): VersionRole[] {
  if (fn.versions.length === 0) return [];
  const byArn = new Map<string, VersionRole>();
  for (const { version, config } of routedVersions(fn, (c) => runsAsOtherRole(fn, c))) {
    const arn = config.Role as string;
    const role = model.roles.get(arn);
    if (!role) continue;
    const entry = byArn.get(arn);
    if (entry) entry.versions.push(version);
    else byArn.set(arn, { role, versions: [version] });
  }
  return [...byArn.values()];
}

/** "version 3", "versions 3, 4": the versions a `VersionRole` names, as sentences about its role say them. */
export function versionsText(versions: readonly string[]): string {
  return `${versions.length > 1 ? "versions" : "version"} ${versions.join(", ")}`;
}
