/**
 * execution-role-missing: the function's role ARN is not among the snapshot's roles although IAM was read
 * (deleted or renamed role: the function cannot run). A published version keeps the role it was published with
 * (lambda-permissions.md §1), so a version that an alias, a mapping or other configuration routes calls to is
 * judged by its own role as well. Where the role list could not be read and the roles were read one by one, IAM's
 * GetRole answering NoSuchEntity says the same, and that answer is the evidence. When IAM could not be read (or GetRole
 * was refused) the role's state is unknown and data-unavailable reports it instead.
 */
import { roleKnownAbsent, type FunctionModel } from "@/lib/analysis/account-model";
import { routedVersions, runsAsOtherRole } from "@/lib/analysis/runs-as";
import type { Evidence, Finding } from "@/lib/analysis/types";
import { apiErrorEvidence, configEvidence } from "../evidence";
import { toUnavailable } from "@/lib/analysis/snapshot-gaps";
import { functionsWithData } from "../data-needs";
import type { Rule, RuleContext } from "../types";
import { functionFinding } from "../function-finding";
import { cliFlag, functionArgs } from "../remediation";
import { republishCommands } from "../republish";

function roleName(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf("/") + 1);
}

/**
 * How IAM said the role is absent: left out of the role list read whole, or GetRole's NoSuchEntity (whose answer is
 * shown beside the configuration naming the role).
 */
function absence(ctx: RuleContext, roleArn: string): { said: string; evidence: Evidence[] } {
  const answer = ctx.model.rolesGone.get(roleArn);
  if (!answer) return { said: "is not among the account's roles read from IAM", evidence: [] };
  return {
    said: `IAM says does not exist (GetRole answered ${answer.code})`,
    evidence: [{ ...apiErrorEvidence(toUnavailable(answer)), description: `GetRole for ${roleArn} answered ${answer.code}: the role does not exist${answer.message ? ` (${answer.message})` : ""}` }],
  };
}

/**
 * Listed versions something routes calls to whose role, other than the function's own, is not among the account's
 * roles.
 */
function versionsWithMissingRoles(ctx: RuleContext, fn: FunctionModel): { version: string; roleArn: string; referrers: string[] }[] {
  // Passed in place, not named: tsx's kept names cost a defineProperty per named closure made (see roleRequest).
  const missing = routedVersions(fn, (v) => runsAsOtherRole(fn, v) && roleKnownAbsent(ctx.model, v.Role as string));
  return missing.map(({ version, config, referrers }) => ({ version, roleArn: config.Role as string, referrers }));
}

export const executionRoleMissing: Rule = {
  id: "execution-role-missing",
  title: "Execution role does not exist",
  severity: "high",
  needs: ["GetAccountAuthorizationDetails"],
  description: "The function's role ARN (or that of a version an alias or mapping routes calls to) is not in the snapshot's roles (deleted or renamed role: the function cannot run).",
  check(ctx) {
    const findings: Finding[] = [];
    if (!ctx.model.roleListRead && ctx.model.rolesGone.size === 0) return findings;
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      if (fn.roleState === "missing" && fn.roleArn) {
        const { said, evidence } = absence(ctx, fn.roleArn);
        findings.push(functionFinding({
          rule: this.id,
          severity: this.severity,
          fn,
          title: `Execution role ${roleName(fn.roleArn)} does not exist`,
          detail:
            `The function runs as ${fn.roleArn}, which ${said}. Lambda cannot assume a ` +
            "deleted role: invocations fail. A role re-created with the same name gets a new id and also breaks KMS grants for environment encryption.",
          evidence: [configEvidence(fn.arn, `Function configuration Role ${fn.roleArn}`, { Role: fn.roleArn }, ["Role"]), ...evidence],
          remediation:
            `Point the function at an existing role:\naws lambda update-function-configuration${functionArgs(fn.arn)}${cliFlag("--role", "<role ARN>")}\n` +
            "or re-create the role with a trust policy for lambda.amazonaws.com.",
        }));
      }
      for (const { version, roleArn, referrers } of versionsWithMissingRoles(ctx, fn)) {
        const versionArn = `${fn.arn}:${version}`;
        const republish = republishCommands(fn, version);
        const { said, evidence } = absence(ctx, roleArn);
        findings.push(functionFinding({
          rule: this.id,
          severity: this.severity,
          fn,
          about: versionArn,
          title: `Execution role ${roleName(roleArn)} of version ${version} does not exist`,
          detail:
            `Version ${version} of ${fn.name} was published with role ${roleArn}, which ${said}, ` +
            `and ${referrers.join(", ")} ${referrers.length > 1 ? "route" : "routes"} calls to it. A version keeps the role it was published with: ` +
            "Lambda cannot assume the deleted role, so those calls fail whatever role the function has now.",
          evidence: [configEvidence(versionArn, `Version ${version} configuration Role ${roleArn}`, { Version: version, Role: roleArn }, ["Role"]), ...evidence],
          remediation:
            `A published version's role cannot be changed: publish a new version with an existing role and point ${referrers.join(", ")} at it, e.g.\n` +
            `${republish.text}\n` +
            "or re-create the role with a trust policy for lambda.amazonaws.com.",
          fixesFirst: republish.fixesFirst,
        }));
      }
    }
    return findings;
  },
};
