/**
 * invoker-role-open-trust: a role that may invoke the function — by its own policies, or named by the function's
 * policy — can be assumed by everyone of some kind: any principal of any AWS account (a `*` no condition narrows), or
 * every workflow of an identity provider anyone can get tokens from (GitHub Actions of any repository, …). Each of
 * them can then invoke the function through the role, as if the function's own policy were public. Who may assume a
 * role is read as the report's `invokerRoles` reads it (lib/analysis/role-assumers.ts). A role that may invoke every
 * function (of some regions) is one finding for the role, badging each function it may invoke.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { trustGrants, type TrustGrant } from "@/lib/analysis/role-assumers";
import type { RoleModel } from "@/lib/analysis/role-model";
import type { AccountInvoker, Evidence, Finding, Invoker } from "@/lib/analysis/types";
import { isOpen } from "@/lib/policy/decision";
import { resultEvidence, statementEvidence, whereIs } from "../evidence";
import { functionFinding } from "../function-finding";
import { functionNames, roleFinding } from "../role-findings";
import { narrowingRemediation } from "../open-web-identity";
import { policyGrants, targetName } from "../resource-grants";
import type { Rule, RuleContext } from "../types";
import { shellArg } from "../remediation";
import { capitalised } from "../headline";


/** The role's own statements that let it invoke `target`, as the evaluator matched them. */
function ownGrantEvidence(ctx: RuleContext, role: RoleModel, action: string, target: string): Evidence[] {
  return resultEvidence(ctx.canRole(role, { action, resource: target })).filter((e) => e.kind === "identity-statement" || e.kind === "boundary-statement");
}

/** The role's invoke grant behind this way in: its own Allow statements, or the function policy's statement naming it. */
function invokeEvidence(ctx: RuleContext, fn: FunctionModel, role: RoleModel, inv: Invoker): Evidence[] {
  const target = inv.qualifier ?? fn.arn;
  if (inv.via === "identity-policy") return ownGrantEvidence(ctx, role, inv.actions?.[0] ?? "lambda:InvokeFunction", target);
  const grant = policyGrants(fn, ctx.model.account, ctx.model.partition).find(
    (g) => g.qualifiedArn === target && g.statement.index === inv.statementIndex && g.principal.id === inv.principal,
  );
  return grant ? [statementEvidence(grant.policy, grant.statement, `Invoke grant to ${role.name} in ${whereIs(grant.policy.source, grant.statement)}`, [inv.principal])] : [];
}

function remediation(role: RoleModel, open: TrustGrant, ctx: RuleContext): string {
  if (open.openWebIdentity) {
    // Every open web-identity statement of the role narrowed in one document, as execution-role-trust's fix does.
    const alsoOpen = (trustGrants(role, ctx.model) ?? []).flatMap((g) => (g.openWebIdentity ? [g.openWebIdentity] : []));
    return narrowingRemediation(open.trust, open.openWebIdentity, role.name, alsoOpen, ctx.functionsByRole.has(role.arn));
  }
  return (
    `Name the principals that need ${role.name} in its trust policy instead of "*", or narrow the statement to your organization ` +
    `(aws:PrincipalOrgID) or account (aws:PrincipalAccount): aws iam update-assume-role-policy --role-name ${shellArg(role.name)} --policy-document file://trust.json`
  );
}

function finding(ctx: RuleContext, fn: FunctionModel, role: RoleModel, inv: Invoker, open: TrustGrant): Finding {
  const may = inv.decision === "conditional" || open.result.decision === "conditional";
  const who = open.openTo as string;
  const target = targetName(fn, inv.qualifier ?? fn.arn);
  const how = inv.via === "identity-policy" ? `its identity policy (${(inv.statements ?? []).join(", ")})` : `the function's resource policy (statement ${inv.sid ?? "?"})`;
  return functionFinding({
    rule: invokerRoleOpenTrust.id,
    severity: may ? "high" : "critical",
    fn,
    about: inv.qualifier,
    discriminator: `${role.arn}:${open.principal.id}`,
    title: `${capitalised(who)} ${may ? "may" : "can"} invoke ${target} through role ${role.name}`,
    detail:
      `Role ${role.name} ${inv.decision === "conditional" ? "may" : "can"} invoke ${target} through ${how}, and its trust policy lets ` +
      `${open.principal.id} assume it (${whereIs(open.trust.source, open.statement)}). ${capitalised(who)} can take the role` +
      (open.openWebIdentity ? `: ${open.openWebIdentity.issuer.how}` : "") +
      `. Whoever takes it can invoke ${target} and do everything else the role may.` +
      (may ? " A condition the snapshot cannot judge stands in the way: the answer is conditional." : ""),
    evidence: [
      statementEvidence(open.trust, open.statement, `Trust grant to ${open.principal.id} in ${whereIs(open.trust.source, open.statement)}`, [open.principal.id]),
      ...invokeEvidence(ctx, fn, role, inv),
    ],
    remediation: remediation(role, open, ctx),
    conditional: may,
  });
}

/**
 * A role granted invoke on every function (of some regions): one finding for the role, badging every function it may
 * invoke (its exceptions' answers, within its regions), rather than one per function.
 */
function accountWideFinding(ctx: RuleContext, entry: AccountInvoker, role: RoleModel, open: TrustGrant): Finding | undefined {
  const exceptions = new Map(entry.exceptions.map((e) => [e.function, e.decision]));
  const reached = ctx.model.functions.filter(
    (fn) => (!entry.regions || entry.regions.includes(fn.region)) && isOpen(exceptions.get(fn.arn) ?? entry.decision),
  );
  const [first] = reached;
  if (!first) return undefined;
  const may = entry.decision === "conditional" || open.result.decision === "conditional";
  const who = open.openTo as string;
  const scope = entry.regions ? `every function in ${entry.regions.join(", ")}` : "every function";
  const denied = ctx.model.functions.length - reached.length;
  const action = entry.actions?.[0] ?? "lambda:InvokeFunction";
  return roleFinding({
    rule: invokerRoleOpenTrust.id,
    severity: may ? "high" : "critical",
    role,
    functions: reached,
    discriminator: open.principal.id,
    title: `${capitalised(who)} ${may ? "may" : "can"} invoke ${scope} through role ${role.name}`,
    detail:
      `Role ${role.name} ${entry.decision === "conditional" ? "may" : "can"} invoke ${scope} through its identity policy (${entry.statements.join(", ")})` +
      `${denied > 0 ? ` (${denied} of the account's functions answered otherwise)` : ""}, and its trust policy lets ${open.principal.id} assume it ` +
      `(${whereIs(open.trust.source, open.statement)}). ${capitalised(who)} can take the role` +
      (open.openWebIdentity ? `: ${open.openWebIdentity.issuer.how}` : "") +
      `. Whoever takes it can invoke ${functionNames(reached)} and do everything else the role may.` +
      (may ? " A condition the snapshot cannot judge stands in the way: the answer is conditional." : ""),
    evidence: [
      statementEvidence(open.trust, open.statement, `Trust grant to ${open.principal.id} in ${whereIs(open.trust.source, open.statement)}`, [open.principal.id]),
      ...ownGrantEvidence(ctx, role, action, first.arn),
    ],
    remediation: remediation(role, open, ctx),
    conditional: may,
  });
}

export const invokerRoleOpenTrust: Rule = {
  id: "invoker-role-open-trust",
  title: "Invoking role open to everyone",
  severity: "critical",
  needs: ["GetAccountAuthorizationDetails", "GetPolicy"],
  // Without the resource policy it still judges the roles whose own policies invoke the function (an unread Deny
  // makes their answer "may"); only the roles that policy names go unjudged.
  judgedWithout: ["GetPolicy"],
  description:
    "A role that may invoke the function (through its own policies, or named by the function's policy) can be assumed by any principal of any AWS account " +
    "(Principal * with no condition naming an organization, account or caller) or by every workflow of an identity provider anyone can get tokens from " +
    "(GitHub Actions of any repository, GitLab, HCP Terraform, Cognito identity pools): they can all invoke the function through it; high when a condition the snapshot cannot judge remains.",
  check(ctx) {
    const findings: Finding[] = [];
    const openGrants = (role: RoleModel) => (trustGrants(role, ctx.model) ?? []).filter((g) => g.openTo);
    for (const entry of ctx.accountInvokers) {
      const role = entry.principalType === "role" ? ctx.model.roles.get(entry.principal) : undefined;
      if (!role) continue;
      for (const open of openGrants(role)) {
        const f = accountWideFinding(ctx, entry, role, open);
        if (f) findings.push(f);
      }
    }
    for (const fn of ctx.model.functions) {
      const seen = new Set<string>();
      for (const inv of ctx.invokers.get(fn.arn) ?? []) {
        if (inv.principalType !== "role" || (inv.via !== "identity-policy" && inv.via !== "resource-policy")) continue;
        if (inv.decision && !isOpen(inv.decision)) continue;
        const role = ctx.model.roles.get(inv.principal);
        if (!role) continue;
        for (const open of openGrants(role)) {
          // One finding per role, target and open assumer: the first way in names the grant.
          const key = `${inv.qualifier ?? fn.arn} ${role.arn} ${open.principal.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          findings.push(finding(ctx, fn, role, inv, open));
        }
      }
    }
    return findings;
  },
};
