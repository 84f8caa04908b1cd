/** Which role a qualified ARN (alias or version) runs with: what rules and `can` judge a qualified call as. */
import type { Alias } from "@/lib/snapshot/schema";
import type { AccountModel, FunctionModel } from "./account-model";
import type { RoleModel } from "./role-model";

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
