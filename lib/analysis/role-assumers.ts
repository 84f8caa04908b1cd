/**
 * Who may assume a role, read from its trust policy. A role whose own policies let it invoke a function is only
 * half an answer to "who can invoke?": the people and systems that can act as that role (a CodeBuild project, a
 * GitHub workflow through an OIDC provider, another account) are the other half. Each assumer is an Allow of the
 * trust policy confirmed against the whole document (a Deny may cancel it), asked with the STS call its kind uses.
 */
import type { RoleModel } from "./role-model";
import type { RoleAssumer, RoleAssumers } from "./types";
import { conditionSummary, isPublicGrant } from "./invokers";
import { openWebIdentity } from "@/lib/findings/open-web-identity";
import { isEffective, statementPrincipals, type GrantPrincipal } from "@/lib/findings/resource-grants";
import { evaluateResourcePolicy } from "@/lib/policy/evaluate";
import { intendedContext } from "@/lib/policy/intended-context";
import { statementCoversAction } from "@/lib/policy/statement";
import type { EvaluationRequest, EvaluationResult, PolicyDocument, RequestPrincipal, Statement } from "@/lib/policy/types";

/**
 * An identity provider's sessions assume a role only with the call for its kind (id_roles_providers): SAML
 * providers with AssumeRoleWithSAML, OIDC providers (an ARN or a host such as cognito-identity.amazonaws.com) with
 * AssumeRoleWithWebIdentity. A statement granting them only sts:AssumeRole lets them in nowhere.
 */
export function federatedAssumeAction(provider: string): string {
  return provider.includes(":saml-provider/") ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
}

/**
 * The call a statement's principal would assume the role with, when the statement grants it: AWS principals,
 * services and the public call sts:AssumeRole; an identity provider's sessions the call of its kind.
 */
export function assumeActionOf(statement: Statement, principal: GrantPrincipal): string | undefined {
  const action = principal.kind === "federated" ? federatedAssumeAction(principal.id) : "sts:AssumeRole";
  return statementCoversAction(statement, action) ? action : undefined;
}

/** "May this principal assume the role?" as a request on the role's trust policy. */
export function assumeRequest(
  role: Pick<RoleModel, "arn">,
  principal: RequestPrincipal,
  action: string,
  context: Readonly<Record<string, string>>,
): EvaluationRequest {
  return { principal, action, resource: role.arn, context: { values: context, complete: false } };
}

/** The trust policy's answer to `assumeRequest`, with the statements that decided it. */
export function askAssume(
  trust: PolicyDocument,
  role: Pick<RoleModel, "arn">,
  principal: RequestPrincipal,
  action: string,
  context: Readonly<Record<string, string>>,
): EvaluationResult {
  return evaluateResourcePolicy(trust, assumeRequest(role, principal, action, context));
}

/**
 * Who gets in, when that is everyone of some kind: a `*` no condition narrows to an organization, account or known
 * callers (isPublicGrant, as for a function's own policy), or an identity provider whose tokens anyone can get with
 * no condition keeping outsiders out (open-web-identity.ts, the test execution-role-trust reports with).
 */
function openTo(trust: PolicyDocument, role: RoleModel, statement: Statement, principal: GrantPrincipal, result: EvaluationResult): string | undefined {
  if (principal.kind === "public") return result.decision === "allowed" && isPublicGrant(statement) ? "any principal of any AWS account" : undefined;
  if (principal.kind === "federated") return openWebIdentity(trust, role, statement, principal.id)?.issuer.who;
  return undefined;
}

/**
 * Every principal an Allow statement of the trust policy lets assume the role, each with the answer of the whole
 * document for it (asked with the context the statement's own conditions describe, as a grant's intended caller
 * would send it: the conditions are shown, not assumed away). Unreadable trust policy: no list, `trustUnreadable`.
 */
export function roleAssumers(role: RoleModel, account: string, partition: string): RoleAssumers {
  const trust = role.trust;
  if (!trust || role.trustUnreadable) return { assumers: [], trustUnreadable: true };
  const assumers: RoleAssumer[] = [];
  for (const statement of trust.statements) {
    if (statement.effect !== "Allow") continue;
    for (const principal of statementPrincipals(statement, account, partition)) {
      const action = assumeActionOf(statement, principal);
      if (!action) continue;
      const result = askAssume(trust, role, principal.request, action, intendedContext(statement, trust.version));
      if (!isEffective(result)) continue;
      const summary = conditionSummary(statement);
      const open = openTo(trust, role, statement, principal, result);
      assumers.push({
        principal: principal.id,
        kind: principal.kind,
        action,
        sid: statement.sid ?? `#${statement.index}`,
        ...(summary ? { conditionSummary: summary } : {}),
        decision: result.decision,
        ...(open ? { openTo: open } : {}),
      });
    }
  }
  return { assumers };
}
