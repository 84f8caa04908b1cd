/**
 * Who may assume a role, read from its trust policy. A role whose own policies let it invoke a function is only
 * half an answer to "who can invoke?": the people and systems that can act as that role (a CodeBuild project, a
 * GitHub workflow through an OIDC provider, another account) are the other half. Each assumer is an Allow of the
 * trust policy confirmed against the whole document (a Deny may cancel it), asked with the STS call its kind uses.
 */
import type { RoleModel } from "./role-model";
import type { RoleAssumers } from "./types";
import { conditionSummary, isPublicGrant } from "./invokers";
import { openWebIdentity, type OpenWebIdentity } from "@/lib/findings/open-web-identity";
import { isEffective, statementPrincipals, type GrantPrincipal } from "@/lib/findings/resource-grants";
import { evaluateResourcePolicy } from "@/lib/policy/evaluate";
import { isOpen, mostOpenAnswer } from "@/lib/policy/decision";
import { grantCallerOf, grantCalls, type GrantCall } from "@/lib/policy/intended-context";
import { statementCoversAction } from "@/lib/policy/statement";
import type { EvaluationRequest, EvaluationResult, PolicyDocument, RequestContext, RequestPrincipal, Statement } from "@/lib/policy/types";

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

/**
 * "May this principal assume the role?" as a request on the role's trust policy. `absent`: keys the caller's request
 * is known to lack besides those no service request carries (a direct call's source keys).
 */
export function assumeRequest(
  role: Pick<RoleModel, "arn">,
  principal: RequestPrincipal,
  action: string,
  context: Readonly<Record<string, string>>,
  absent?: RequestContext["knownAbsent"],
): EvaluationRequest {
  if (principal.type !== "service") return { principal, action, resource: role.arn, context: { values: context, complete: false, ...(absent ? { knownAbsent: absent } : {}) } };
  const values = { ...context, "aws:principalisawsservice": "true", "aws:principalservicename": principal.id };
  return { principal, action, resource: role.arn, context: { values, complete: false, knownAbsent: SERVICE_KNOWN_ABSENT } };
}

/**
 * Keys an AWS service's own request never carries (reference_policies_condition-keys.html): principal tags come only
 * with an IAM user or role that has them, aws:username only with an IAM user, and the organization keys only with a
 * principal that is a member of an organization, which a service principal is not. A condition on them cannot hold
 * for lambda.amazonaws.com: a trust statement needing them cannot let it in, and an RCP Deny "unless
 * aws:PrincipalOrgID is ours" refuses it (the exemption AWS's examples make with aws:PrincipalIsAWSService, which is
 * "true" for a service's request, is what lets it through).
 */
export const SERVICE_KNOWN_ABSENT = Object.freeze({
  keys: Object.freeze(["aws:username", "aws:principalorgid", "aws:principalorgpaths"]),
  prefixes: Object.freeze(["aws:principaltag/"]),
});

/**
 * The trust policy's answer for the caller `statement` was written for, with the statements that decided it: the
 * most open of the requests that caller can make (intended-context.ts). A service assuming the role for a resource
 * sends the source keys the statement wants; a role, user, account or identity provider's session calls STS itself
 * and carries none of them, so a trust condition on aws:SourceAccount decides its way in instead of leaving it
 * conditional.
 */
function askAssume(trust: PolicyDocument, role: Pick<RoleModel, "arn">, statement: Statement, principal: GrantPrincipal, action: string): EvaluationResult {
  const ask = (call: GrantCall) => evaluateResourcePolicy(trust, assumeRequest(role, principal.request, action, call.values, call.knownAbsent));
  return mostOpenAnswer(grantCalls(trust, statement, grantCallerOf(principal.kind)), ask, (r) => r.decision) as EvaluationResult;
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
function openness(grant: Omit<TrustGrant, "openTo" | "openWebIdentity">, role: RoleModel): Pick<TrustGrant, "openTo" | "openWebIdentity"> {
  const { trust, statement, principal, result } = grant;
  // A `*` no condition narrows to an organization, account or caller is open to anyone, also when the answer is only
  // conditional (a Deny the snapshot cannot judge): "may", as for an open identity provider, never left unsaid.
  if (principal.kind === "public") return isOpen(result.decision) && isPublicGrant(statement) ? { openTo: "any principal of any AWS account" } : {};
  if (principal.kind !== "federated") return {};
  const open = openWebIdentity(trust, role, statement, principal.id);
  return open ? { openTo: open.issuer.who, openWebIdentity: open } : {};
}

/**
 * Every principal an Allow statement of the trust policy lets assume the role, each with the answer of the whole
 * document for it (asked as a grant's intended caller would call, askAssume: the conditions are shown, not assumed
 * away). Undefined when the trust policy cannot be read.
 */
export function trustGrants(role: RoleModel, account: string, partition: string): TrustGrant[] | undefined {
  const trust = role.trust;
  if (!trust || role.trustUnreadable) return undefined;
  // Asked for the report's invokerRoles and again by invoker-role-open-trust: a role belongs to one account model.
  const known = grantsByRole.get(role);
  if (known) return known;
  const grants: TrustGrant[] = [];
  for (const statement of trust.statements) {
    if (statement.effect !== "Allow") continue;
    for (const principal of statementPrincipals(statement, account, partition, trust)) {
      const action = assumeActionOf(statement, principal);
      if (!action) continue;
      const result = askAssume(trust, role, statement, principal, action);
      if (!isEffective(result)) continue;
      const grant = { trust, statement, principal, action, result };
      grants.push({ ...grant, ...openness(grant, role) });
    }
  }
  grantsByRole.set(role, grants);
  return grants;
}

const grantsByRole = new WeakMap<RoleModel, TrustGrant[]>();

/** The report's form of `trustGrants`: plain JSON, an unreadable trust policy said as such. */
export function roleAssumers(role: RoleModel, account: string, partition: string): RoleAssumers {
  const grants = trustGrants(role, account, partition);
  if (!grants) return { assumers: [], trustUnreadable: true };
  return {
    assumers: grants.map(({ statement, principal, action, result, openTo }) => {
      const summary = conditionSummary(statement);
      return {
        principal: principal.id,
        kind: principal.kind,
        action,
        sid: statement.sid ?? `#${statement.index}`,
        ...(summary ? { conditionSummary: summary } : {}),
        decision: result.decision,
        ...(openTo ? { openTo } : {}),
      };
    }),
  };
}
