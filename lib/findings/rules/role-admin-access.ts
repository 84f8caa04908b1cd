/**
 * role-admin-access: the execution role can do anything — every admin probe (unrelated destructive actions on
 * `*`) is allowed by the evaluator, whether the policy says `*`, uses NotAction/NotResource or lists everything.
 * Nearly-admin roles (every probe but those of one or two services) are reported as high.
 */
import type { RoleModel } from "@/lib/analysis/role-model";
import type { Finding } from "@/lib/analysis/types";
import type { PolicySource } from "@/lib/policy/types";
import { dedupe, matchEvidence } from "../evidence";
import { functionNames, roleFinding, rolesInUse } from "../role-findings";
import { ADMIN_PROBES, mayAllow, probeAdmin } from "../role-probes";
import type { Rule } from "../types";
import { shellArg } from "../remediation";

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
 * an inline one. Never a policy the role does not have.
 */
function adminRemediation(role: RoleModel, sources: PolicySource[]): string {
  const lines = ["Replace the broad statement with the actions and resources the function uses (see its reach list):"];
  const seen = new Set<string>();
  for (const src of sources) {
    const key = `${src.kind}|${src.policyArn ?? src.policyName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (src.kind === "managed" && src.policyArn) {
      lines.push(`aws iam detach-role-policy --role-name ${shellArg(role.name)} --policy-arn ${shellArg(src.policyArn)}`);
    } else if (src.kind === "inline") {
      // The alternative is a line of its own, not a `# or: …` comment: a shell ends a comment at a line break, quotes
      // and all, so a name holding one would run what follows it.
      const names = `--role-name ${shellArg(role.name)} --policy-name ${shellArg(src.policyName)}`;
      lines.push(
        `aws iam put-role-policy ${names} --policy-document file://narrowed.json`,
        "If the function needs none of that policy, delete it instead:",
        `aws iam delete-role-policy ${names}`,
      );
    }
  }
  return lines.join("\n");
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
      const evidence = dedupe(probe.answers.flatMap((a) => a.result.statements.map((m) => matchEvidence(m))));
      const keys = [...new Set(probe.conditional.flatMap((a) => a.result.unknownKeys))];
      const title = full
        ? `Role ${role.name} has full admin access (* on *)`
        : maybe
          ? `Role ${role.name} may have full admin access (depends on ${keys.join(", ") || "unreadable policies"})`
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
            `answers allowed for ${probe.allowed.length}` +
            (probe.conditional.length ? `, conditional for ${probe.conditional.map((a) => a.action).join(", ")}` : "") +
            (probe.denied.length ? `, denied for ${probe.denied.map((a) => a.action).join(", ")}` : "") +
            `. Code running in ${functionNames(functions)} (or anyone who can change it) holds these rights.`,
          evidence,
          remediation: adminRemediation(role, probe.allowed.flatMap((a) => a.result.statements.map((m) => m.source))),
        }),
      );
    }
    return findings;
  },
};
