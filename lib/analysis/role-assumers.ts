/**
 * Who may assume a role, read from its trust policy. A role whose own policies let it invoke a function is only
 * half an answer to "who can invoke?": the people and systems that can act as that role (a CodeBuild project, a
 * GitHub workflow through an OIDC provider, another account) are the other half. Each assumer is an Allow of the
 * trust policy confirmed against the whole document (a Deny may cancel it), asked with the STS call its kind uses.
 */
import type { AccountModel } from "./account-model";
import { roleDecision } from "./role-access";
import { guardrailsOver } from "./organization";
import { tagContextValues } from "./resource-tags";
import { outsideAccountFor, outsideCaller } from "./outsider-invoke";
import { NO_ORGANIZATION, organizationKeys, type RoleModel } from "./role-model";
import type { RoleAssumer, RoleAssumers } from "./types";
import { conditionSummary, isPublicGrant } from "./invokers";
import { openWebIdentity, type OpenWebIdentity } from "@/lib/findings/open-web-identity";
import { isEffective, statementPrincipals, type GrantPrincipal } from "@/lib/findings/resource-grants";
import { evaluateResourcePolicy } from "@/lib/policy/evaluate";
import { isOpen, mostOpenAnswer, weakest } from "@/lib/policy/decision";
import { grantCallerOf, grantCalls, SERVICE_KNOWN_ABSENT, type GrantCall } from "@/lib/policy/intended-context";
import { describeStatement, statementCoversAction } from "@/lib/policy/statement";
import type { EvaluationRequest, EvaluationResult, Guardrail, PolicyDocument, RequestContext, RequestPrincipal, Statement } from "@/lib/policy/types";

/**
 * An identity provider's sessions assume a role only with the call for its kind (id_roles_providers): SAML
 * providers with AssumeRoleWithSAML, OIDC providers (an ARN or a host such as cognito-identity.amazonaws.com) with
 * AssumeRoleWithWebIdentity. A statement granting them only sts:AssumeRole lets them in nowhere.
 */
function federatedAssumeAction(provider: string): string {
  return provider.includes(":saml-provider/") ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
}

/**
 * The call a statement's principal would assume the role with, when the statement grants it: AWS principals,
 * services and the public call sts:AssumeRole; an identity provider's sessions the call of its kind.
 */
function assumeActionOf(statement: Statement, principal: GrantPrincipal): string | undefined {
  const action = principal.kind === "federated" ? federatedAssumeAction(principal.id) : "sts:AssumeRole";
  return statementCoversAction(statement, action) ? action : undefined;
}

/** The role being assumed, with what the snapshot knows of it and of its account that a request carries. */
export type AssumedRole = Pick<RoleModel, "arn" | "account" | "tags" | "organization">;

/**
 * Who the request's principal is: "named", the principal itself; "anyone", a stand-in for any principal (a `*`
 * grant), so nothing about it is a fact; "outsider", a stand-in for a principal outside the organization, in none
 * unless the context names another.
 */
export type AssumeCaller = "named" | "anyone" | "outsider";

/**
 * "May this principal assume the role?" as a request on the role's trust policy (and on the organization's RCPs,
 * which weigh the same request). `absent`: keys the caller's request is known to lack besides those no service
 * request carries (a direct call's source keys).
 *
 * What the request surely carries: the role's tags as aws:ResourceTag and iam:ResourceTag (the Service Authorization
 * Reference lists both for the STS assume calls; GetAccountAuthorizationDetails gives a role's tags in full, so any
 * other tag key is absent); for an AWS principal its account and aws:PrincipalIsAWSService "false", and for one of
 * the role's own account the organization keys the account's other requests carry; for a service the service keys.
 * An identity provider's session is no member of an organization: "aws:PrincipalOrgID … is not the case with
 * federated users" (aws-samples/data-perimeter-policy-examples, resource_control_policies/README.md).
 */
export function assumeRequest(
  role: AssumedRole,
  principal: RequestPrincipal,
  action: string,
  context: Readonly<Record<string, string | string[]>>,
  absent?: RequestContext["knownAbsent"],
  caller: AssumeCaller = "named",
): EvaluationRequest {
  const values: Record<string, string | string[]> = { ...context };
  const tags = tagContextValues(role.tags, tagValuesByRole, RESOURCE_TAG_PREFIXES);
  for (const key in tags) values[key] = tags[key] as string;
  let orgAbsent = false;
  if (principal.type === "service") {
    values["aws:principalisawsservice"] = "true";
    values["aws:principalservicename"] = principal.id;
  } else if (principal.type === "federated") orgAbsent = true;
  else if (caller !== "anyone" && principal.account !== undefined && (principal.type === "role" || principal.type === "account" || principal.type === "user")) {
    values["aws:principalaccount"] = principal.account;
    values["aws:principalisawsservice"] = "false";
    if (caller === "outsider") orgAbsent = !("aws:principalorgid" in context);
    else if (principal.account === role.account) {
      const org = organizationKeys(role);
      for (const key in org) values[key] = org[key] as string | string[];
      orgAbsent = role.organization === NO_ORGANIZATION;
    }
  }
  const base = principal.type === "service" ? SERVICE_KNOWN_ABSENT : absent;
  return { principal, action, resource: role.arn, context: { values, complete: false, knownAbsent: knownAbsentWith(base, orgAbsent) } };
}

type KnownAbsent = NonNullable<RequestContext["knownAbsent"]>;

const ORGANIZATION_KEYS = Object.freeze(["aws:principalorgid", "aws:principalorgpaths"]);
const RESOURCE_TAG_PREFIXES = Object.freeze(["aws:resourcetag/", "iam:resourcetag/"]);
const NOTHING_ABSENT: KnownAbsent = Object.freeze({});
const absentWithTags = new WeakMap<KnownAbsent, { plain: KnownAbsent; withOrg: KnownAbsent }>();

/** `base` plus the resource tag keys (and the organization keys): one shared object per base, as requests are many. */
function knownAbsentWith(base: KnownAbsent | undefined, orgAbsent: boolean): KnownAbsent {
  const from = base ?? NOTHING_ABSENT;
  let known = absentWithTags.get(from);
  if (!known) {
    const prefixes = Object.freeze([...(from.prefixes ?? []), ...RESOURCE_TAG_PREFIXES]);
    const keys = from.keys ?? [];
    known = {
      plain: Object.freeze({ keys, prefixes }),
      withOrg: Object.freeze({ keys: Object.freeze([...keys, ...ORGANIZATION_KEYS.filter((k) => !keys.includes(k))]), prefixes }),
    };
    absentWithTags.set(from, known);
  }
  return orgAbsent ? known.withOrg : known.plain;
}

const tagValuesByRole = new WeakMap<Record<string, string>, Readonly<Record<string, string>>>();

/**
 * The trust policy's answer for the caller `statement` was written for, with the statements that decided it: the
 * most open of the requests that caller can make (intended-context.ts). A service assuming the role for a resource
 * sends the source keys the statement wants; a role, user, account or identity provider's session calls STS itself
 * and carries none of them, so a trust condition on aws:SourceAccount decides its way in instead of leaving it
 * conditional.
 */
function askAssume(trust: PolicyDocument, role: AssumedRole, statement: Statement, principal: GrantPrincipal, action: string, rcps: Rcps): EvaluationResult {
  const caller = principal.kind === "public" ? "anyone" : "named";
  const ask = (call: GrantCall) => evaluateResourcePolicy(trust, assumeRequest(role, principal.request, action, call.values, call.knownAbsent, caller), rcps);
  return mostOpenAnswer(grantCalls(trust, statement, grantCallerOf(principal.kind)), ask, (r) => r.decision) as EvaluationResult;
}

type Rcps = readonly Guardrail[] | undefined;

/** A stand-in organization id (o- and ten characters, as AWS writes them) that no policy names. */
const OUTSIDE_ORGANIZATION = "o-outsider00";

/**
 * Whether a principal outside the organization gets past the trust policy and the RCPs through `statement`: of
 * another organization, or of none (an RCP written with StringNotEquals rather than StringNotEqualsIfExists lets
 * those in). An RCP perimeter (Deny sts:AssumeRole unless aws:PrincipalOrgID is ours) keeps a `*` grant's role
 * within the organization, as a trust condition on aws:PrincipalOrgID would.
 */
function outsidersGetIn(grant: Omit<TrustGrant, "openTo" | "openWebIdentity">, role: RoleModel, model: GrantModel, rcps: Rcps): boolean {
  const { trust, statement, action } = grant;
  const outsider = outsideCaller(model.partition, outsideAccountFor(trust, role.account));
  for (const call of grantCalls(trust, statement, "direct")) {
    for (const values of [call.values, { ...call.values, "aws:principalorgid": OUTSIDE_ORGANIZATION }]) {
      const request = assumeRequest(role, outsider, action, values, call.knownAbsent, "outsider");
      if (isOpen(evaluateResourcePolicy(trust, request, rcps).decision)) return true;
    }
  }
  return false;
}

/** One principal a trust statement lets assume the role, with the whole trust policy's answer for it. */
export interface TrustGrant {
  trust: PolicyDocument;
  statement: Statement;
  principal: GrantPrincipal;
  /** The STS call it assumes the role with. */
  action: string;
  result: EvaluationResult;
  /** Everyone of some kind gets in this way ("GitHub Actions of any repository"): see `openness`. */
  openTo?: string;
  /** The provider's test, when it is a web-identity provider open to all its tenants (for the fix it suggests). */
  openWebIdentity?: OpenWebIdentity;
}

/**
 * Who gets in, when that is everyone of some kind: a `*` no condition narrows to an organization, account or known
 * callers (isPublicGrant, as for a function's own policy), or an identity provider whose tokens anyone can get with
 * no condition keeping outsiders out (open-web-identity.ts, the test execution-role-trust reports with).
 */
function openness(grant: Omit<TrustGrant, "openTo" | "openWebIdentity">, role: RoleModel, model: GrantModel, rcps: Rcps): Pick<TrustGrant, "openTo" | "openWebIdentity"> {
  const { trust, statement, principal, result } = grant;
  // A `*` no condition narrows to an organization, account or caller is open to anyone, also when the answer is only
  // conditional (a Deny the snapshot cannot judge): "may", as for an open identity provider, never left unsaid.
  if (principal.kind === "public") {
    if (!isOpen(result.decision) || !isPublicGrant(statement)) return {};
    return rcps === undefined || outsidersGetIn(grant, role, model, rcps) ? { openTo: "any principal of any AWS account" } : {};
  }
  if (principal.kind !== "federated") return {};
  const ask = (values: Readonly<Record<string, string>>) =>
    evaluateResourcePolicy(trust, assumeRequest(role, principal.request, "sts:AssumeRoleWithWebIdentity", values), rcps);
  const open = openWebIdentity(trust, statement, principal.id, ask);
  return open ? { openTo: open.issuer.who, openWebIdentity: open } : {};
}

/**
 * Every principal an Allow statement of the trust policy lets assume the role, each with the answer of the whole
 * document for it (asked as a grant's intended caller would call, askAssume: the conditions are shown, not assumed
 * away). Undefined when the trust policy cannot be read.
 */
export function trustGrants(role: RoleModel, model: GrantModel): TrustGrant[] | undefined {
  const trust = role.trust;
  if (!trust || role.trustUnreadable) return undefined;
  // Asked for the report's invokerRoles and again by invoker-role-open-trust: a role belongs to one account model.
  const known = grantsByRole.get(role);
  if (known) return known;
  const grants: TrustGrant[] = [];
  for (const statement of trust.statements) {
    if (statement.effect !== "Allow") continue;
    for (const principal of statementPrincipals(statement, model.account, model.partition, trust)) {
      const action = assumeActionOf(statement, principal);
      if (!action) continue;
      // The organization's RCPs limit every caller's sts: request on the account's roles (organization.ts).
      const rcps = guardrailsOver(model.organization, model.account, principal.id, undefined, action, role.arn);
      const result = askAssume(trust, role, statement, principal, action, rcps);
      if (!isEffective(result)) continue;
      const grant = { trust, statement, principal, action, result };
      grants.push({ ...grant, ...openness(grant, role, model, rcps) });
    }
  }
  grantsByRole.set(role, grants);
  return grants;
}

/** What trustGrants reads of the account: its id and partition, and the organization's guardrails over it. */
export type GrantModel = Pick<AccountModel, "account" | "partition" | "organization">;

const grantsByRole = new WeakMap<RoleModel, TrustGrant[]>();

/**
 * The report's form of `trustGrants`: plain JSON, an unreadable trust policy said as such. A role or user of the
 * snapshot the trust policy names is asked as itself (roleDecision: its own Denies, its SCPs and the trust policy),
 * and left out where that refuses it, as the trust policy's own refusals are.
 */
export function roleAssumers(role: RoleModel, model: AccountModel): RoleAssumers {
  const grants = trustGrants(role, model);
  if (!grants) return { assumers: [], trustUnreadable: true };
  const assumers: RoleAssumer[] = [];
  for (const { statement, principal, action, result, openTo } of grants) {
    const caller = principal.kind === "own-account" ? (model.roles.get(principal.id) ?? model.users.get(principal.id)) : undefined;
    const decision = caller ? weakest(result.decision, roleDecision(model, caller, { action, resource: role.arn })) : result.decision;
    if (!isOpen(decision)) continue;
    const summary = conditionSummary(statement);
    assumers.push({
      principal: principal.id,
      kind: principal.kind,
      action,
      sid: statement.sid ?? `#${statement.index}`,
      ...(summary ? { conditionSummary: summary } : {}),
      decision,
      ...(openTo ? { openTo } : {}),
      ...rcpLimits(result),
    });
  }
  return { assumers };
}

/** The RCP Denies that may still refuse the assumer: why a grant the trust policy makes outright reads "conditional". */
function rcpLimits(result: EvaluationResult): Pick<RoleAssumer, "limitedBy"> {
  const denies = rcpDenials([result]);
  return denies.length ? { limitedBy: denies } : {};
}

/** The RCP Deny statements the answers cite, each named once ("RCP 'Perimeter' (p-1) attached to … statement …"). */
export function rcpDenials(results: readonly Pick<EvaluationResult, "statements">[]): string[] {
  const names = new Set<string>();
  for (const r of results) for (const m of r.statements) if (m.effect === "Deny" && m.source.kind === "rcp") names.add(describeStatement(m));
  return [...names];
}
