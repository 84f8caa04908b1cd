/**
 * role-admin-access: the execution role can do anything — every admin probe (unrelated destructive actions on
 * `*`) is allowed by the evaluator, whether the policy says `*`, uses NotAction/NotResource or lists everything.
 * Nearly-admin roles (every probe but those of one or two services) are reported as high.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { RoleModel } from "@/lib/analysis/role-model";
import type { Finding } from "@/lib/analysis/types";
import type { PolicySource } from "@/lib/policy/types";
import { dedupe, dependsOnWhat, matchEvidence } from "../evidence";
import { functionNames, roleFinding, rolesInUse } from "../role-findings";
import { ADMIN_PROBES, mayAllow, probeAdmin, refusedByGuardrails, refusedWording } from "../role-probes";
import type { Rule, RuleContext } from "../types";
import { allowPolicySnippet, shellArg, type Grant } from "../remediation";
import { logNeeds } from "./logs-permission-missing";

/**
 * Nearly admin: every probe allowed but those of at most this many services. Counted by service, not by probe, since
 * services differ in how many probes they have: AWS's PowerUserAccess (`NotAction` iam:*, organizations:*, account:*)
 * refuses three probes of two services, and `NotAction iam:*` two probes of one.
 */
const NEAR_ADMIN_SERVICES_OUT = 2;

const serviceOf = (action: string) => action.slice(0, action.indexOf(":"));

/** The services of the admin probes no Allow statement of the role names, counting no further than `upTo`. */
function unnamedProbeServices(role: RoleModel, upTo: number): number {
  const out = new Set<string>();
  for (const action of ADMIN_PROBES) if (!mayAllow(role, action) && out.add(serviceOf(action)).size >= upTo) break;
  return out.size;
}

/**
 * The fix names the policies that grant the access (from the allowing statements): detach a managed policy, rewrite
 * an inline one. Never a policy the role does not have. An inline policy the functions need nothing of is cut down to
 * their logs, not deleted: every function writes logs, and that policy may be what lets it.
 */
function adminRemediation(role: RoleModel, sources: PolicySource[], logGrants: Grant[]): string {
  const detached: string[] = [];
  const inline: string[] = [];
  const seen = new Set<string>();
  for (const src of sources) {
    const key = `${src.kind}|${src.policyArn ?? src.policyName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (src.kind === "managed" && src.policyArn) {
      detached.push(`aws iam detach-role-policy --role-name ${shellArg(role.name)} --policy-arn ${shellArg(src.policyArn)}`);
    } else if (src.kind === "inline") {
      inline.push(`--role-name ${shellArg(role.name)} --policy-name ${shellArg(src.policyName)}`);
    }
  }
  const lines = [
    "Replace the broad statement with the actions and resources the function uses (see its reach list):",
    ...detached,
    ...inline.map((names) => `aws iam put-role-policy ${names} --policy-document file://narrowed.json`),
  ];
  if (inline.length > 0) {
    // Another way whole, the detaching included: the way is carried out on its own, and the attached policy alone
    // would keep the role admin. Each command stays a line of its own, never behind a `# or: …` comment: a shell ends a
    // comment at a line break, quotes and all, so a name holding one would run what follows it.
    const them = inline.length > 1 ? ["the inline policies", "them"] : ["that inline policy", "it"];
    lines.push(
      `If the functions need nothing of ${them[0]} but writing their logs, keep only that in ${them[1]} instead:`,
      allowPolicySnippet(logGrants),
      ...detached,
      ...inline.map((names) => `aws iam put-role-policy ${names} --policy-document file://logs-only.json`),
    );
  }
  return lines.join("\n");
}

/** What the role's functions need to write their logs, as grants on their log groups (logs-permission-missing's needs). */
function logGrantsOf(ctx: RuleContext, functions: readonly FunctionModel[]): Grant[] {
  return functions.flatMap((fn) =>
    logNeeds(fn, ctx.model.partition, ctx.model.capturedAt).map((n) => ({ action: n.action, resource: n.grantResource ?? n.resources[0]! })),
  );
}

export const roleAdminAccess: Rule = {
  id: "role-admin-access",
  title: "Execution role has full admin access",
  severity: "critical",
  needs: ["GetAccountAuthorizationDetails"],
  description: "The role allows * on * (directly or through NotAction/NotResource), or an equivalent full-admin policy.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const { role, functions } of rolesInUse(ctx)) {
      // Cost guard: a probe no Allow statement names is denied, and those of more than NEAR_ADMIN_SERVICES_OUT services
      // rule out every verdict below; most roles stop here without a question to the evaluator.
      if (unnamedProbeServices(role, NEAR_ADMIN_SERVICES_OUT + 1) > NEAR_ADMIN_SERVICES_OUT) continue;
      const probe = probeAdmin(ctx, role);
      const full = probe.allowed.length === ADMIN_PROBES.length;
      const maybe = !full && probe.denied.length === 0;
      // The probes of at most NEAR_ADMIN_SERVICES_OUT services out, counting a conditional one as out: a condition can
      // only take more away.
      const near = !full && !maybe && new Set([...probe.denied, ...probe.conditional].map((a) => serviceOf(a.action))).size <= NEAR_ADMIN_SERVICES_OUT;
      if (!full && !maybe && !near) continue;
      const refused = refusedByGuardrails(ctx, role, probe.allowed);
      const evidence = dedupe([...probe.answers.flatMap((a) => a.result.statements), ...refused.denies].map((m) => matchEvidence(m)));
      const title = full
        ? `Role ${role.name} has full admin access (* on *)`
        : maybe
          ? `Role ${role.name} may have full admin access (depends on ${dependsOnWhat(probe.conditional.map((a) => a.result))})`
          : // The probes refused, not "all but" them: NotAction iam:* refuses all of IAM, of which two actions are probes.
            `Role ${role.name} allows nearly everything (of ${ADMIN_PROBES.length} admin probes, refused: ${probe.denied.map((a) => a.action).join(", ")}` +
            `${probe.conditional.length ? `; conditional: ${probe.conditional.map((a) => a.action).join(", ")}` : ""})`;
      findings.push(
        roleFinding({
          rule: this.id,
          severity: full ? "critical" : "high",
          conditional: maybe,
          role,
          functions,
          title,
          detail:
            `Asked for ${ADMIN_PROBES.length} unrelated high-impact actions on every resource (${ADMIN_PROBES.join(", ")}), the evaluator ` +
            `answers allowed for ${probe.allowed.length}${refused.actions.length ? " on the role's own policies" : ""}` +
            (probe.conditional.length ? `, conditional for ${probe.conditional.map((a) => a.action).join(", ")}` : "") +
            (probe.denied.length ? `, denied for ${probe.denied.map((a) => a.action).join(", ")}` : "") +
            `.${refusedWording(refused)} Code running in ${functionNames(functions)} (or anyone who can change it) holds ${refused.actions.length ? "the rest" : "these rights"}.`,
          evidence,
          remediation: adminRemediation(role, probe.allowed.flatMap((a) => a.result.statements.map((m) => m.source)), logGrantsOf(ctx, functions)),
        }),
      );
    }
    return findings;
  },
};
