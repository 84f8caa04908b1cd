/**
 * Principal / NotPrincipal matching for resource and trust policies
 * (reference_policies_elements_principal.html, reference_policies_elements_notprincipal.html).
 */
import { accountOfArn, accountOfRootArn } from "./arn";
import type { PrincipalSet, RequestPrincipal } from "./types";

/**
 * How a Principal element named the caller: `exact` = the role/user ARN itself, `account` = the caller's
 * account root (delegation: an identity Allow is still needed), `service` = service principal,
 * `wildcard` = `"*"` / `{"AWS":"*"}`, `not-principal` = matched by not being listed in NotPrincipal.
 */
export type PrincipalMatchKind = "exact" | "account" | "service" | "wildcard" | "not-principal";

const REGIONAL_SERVICE = /^([a-z0-9.-]+?)\.(?:[a-z]{2}(?:-[a-z]+)+-\d+)\.(amazonaws\.com(?:\.cn)?)$/;
const serviceCache = new Map<string, string>();

/** `logs.us-east-1.amazonaws.com` → `logs.amazonaws.com`; lower-cased. */
export function normaliseServicePrincipal(name: string): string {
  let n = serviceCache.get(name);
  if (n === undefined) {
    if (serviceCache.size > 10_000) serviceCache.clear();
    const lower = name.trim().toLowerCase();
    n = lower.replace(REGIONAL_SERVICE, "$1.$2");
    serviceCache.set(name, n);
  }
  return n;
}

function accountOf(p: RequestPrincipal): string | undefined {
  return p.account ?? accountOfRootArn(p.id) ?? accountOfArn(p.id);
}

/** How `set` names `p`, or undefined when it does not. NotPrincipal is handled by the caller. */
export function principalMatchKind(set: PrincipalSet, p: RequestPrincipal): Exclude<PrincipalMatchKind, "not-principal"> | undefined {
  if (set.wildcard) return "wildcard";
  if (p.type === "anonymous") return undefined;
  if (p.type === "service") {
    if (set.service.length === 0) return undefined;
    const name = normaliseServicePrincipal(p.id);
    return set.service.some((s) => normaliseServicePrincipal(s) === name) ? "service" : undefined;
  }
  const account = accountOf(p);
  let kind: "exact" | "account" | undefined;
  for (const entry of set.aws) {
    if (entry === p.id) return "exact";
    if (account !== undefined && accountOfRootArn(entry) === account) kind = "account";
  }
  return kind;
}

/** Whether a Principal element covers the caller. Wildcards inside AWS ARNs are taken literally (IAM rejects them). */
export function principalMatches(set: PrincipalSet, p: RequestPrincipal): boolean {
  return principalMatchKind(set, p) !== undefined;
}

function roleName(roleArn: string): string | undefined {
  const i = roleArn.indexOf(":role/");
  return i < 0 ? undefined : roleArn.slice(roleArn.lastIndexOf("/") + 1);
}

/**
 * NotPrincipal: matches every caller the set does not exclude. IAM evaluates a request as each of the
 * caller's identities (session, role or user, account), so a caller is only excluded when the set names
 * both the caller (for a role: its ARN or an `assumed-role/<name>/…` session ARN) and its account root
 * (reference_policies_elements_notprincipal.html).
 */
export function notPrincipalMatches(set: PrincipalSet, p: RequestPrincipal): boolean {
  if (set.wildcard) return false;
  if (p.type === "anonymous") return true;
  if (p.type === "service") return principalMatchKind(set, p) === undefined;
  const account = accountOf(p);
  const accountListed = account !== undefined && set.aws.some((e) => accountOfRootArn(e) === account);
  if (p.type === "account") return !accountListed && !set.aws.includes(p.id);
  let callerListed = set.aws.includes(p.id);
  const name = p.type === "role" ? roleName(p.id) : undefined;
  if (!callerListed && name !== undefined && account !== undefined) {
    callerListed = set.aws.some((e) => /^arn:[^:]+:sts::/.test(e) && e.includes(`:${account}:assumed-role/${name}/`));
  }
  return !(callerListed && accountListed);
}
