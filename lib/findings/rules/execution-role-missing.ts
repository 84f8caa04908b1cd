/**
 * execution-role-missing: the function's role ARN is not among the snapshot's roles although IAM was read
 * (deleted or renamed role: the function cannot run). A published version keeps the role it was published with
 * (lambda-permissions.md §1), so a version that an alias, a mapping or other configuration routes calls to is
 * judged by its own role as well. When IAM could not be read the role's state is unknown and data-unavailable
 * reports it instead.
 */
import { roleKnownAbsent, type FunctionModel } from "@/lib/analysis/account-model";
import { aliasRoutes, routedVersions, runsAsOtherRole } from "@/lib/analysis/runs-as";
import type { Finding } from "@/lib/analysis/types";
import { configEvidence } from "../evidence";
import { functionsWithData } from "../data-needs";
import type { Rule, RuleContext } from "../types";
import { functionFinding } from "../function-finding";
import { cliFlag, functionArgs, regionArg, shellArg } from "../remediation";

function roleName(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf("/") + 1);
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

/** The number publish-version answers, which no snapshot can know beforehand. */
export const NEW_VERSION = "<new version>";

/**
 * The commands that move what routes calls to `version` (aliases, weighted or not, and event source mappings) to the
 * version published in its place: publishing alone leaves every caller on the version whose role is gone. Async
 * settings, URLs and policies on the version itself have no command that moves them; the text names them.
 */
function repointCommands(fn: FunctionModel, version: string): string[] {
  const region = regionArg(fn.arn);
  const aliases = fn.aliases.flatMap((a) => {
    if (!a.Name) return [];
    const alias = `aws lambda update-alias${cliFlag("--function-name", fn.arn)}${cliFlag("--name", a.Name)}`;
    if (a.FunctionVersion === version) return [`${alias} --function-version ${NEW_VERSION}${region}`];
    const weights = aliasRoutes(a).slice(1);
    if (!weights.some((w) => w.version === version)) return [];
    const moved = Object.fromEntries(weights.map((w) => [w.version === version ? NEW_VERSION : w.version, w.weight]));
    return [`${alias}${cliFlag("--routing-config", JSON.stringify({ AdditionalVersionWeights: moved }))}${region}`];
  });
  const mappings = fn.mappings
    .filter((m) => m.FunctionArn === `${fn.arn}:${version}`)
    .map((m) => `aws lambda update-event-source-mapping${cliFlag("--uuid", m.UUID)} --function-name ${shellArg(fn.arn)}:${NEW_VERSION}${region}`);
  // Lambda checks the new version's role against the source when a mapping is updated (lambda-permissions.md §1.4).
  const check = "Lambda refuses to move a mapping to a role that cannot read its source: grant any action event-source-missing-permissions names first.";
  return [...aliases, ...(mappings.length > 0 ? [check, ...mappings] : [])];
}

export const executionRoleMissing: Rule = {
  id: "execution-role-missing",
  title: "Execution role does not exist",
  severity: "high",
  needs: ["GetAccountAuthorizationDetails"],
  description: "The function's role ARN (or that of a version an alias or mapping routes calls to) is not in the snapshot's roles (deleted or renamed role: the function cannot run).",
  check(ctx) {
    const findings: Finding[] = [];
    if (!ctx.model.roleListRead) return findings;
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      if (fn.roleState === "missing" && fn.roleArn) {
        findings.push(functionFinding({
          rule: this.id,
          severity: this.severity,
          fn,
          title: `Execution role ${roleName(fn.roleArn)} does not exist`,
          detail:
            `The function runs as ${fn.roleArn}, which is not among the account's roles read from IAM. Lambda cannot assume a ` +
            "deleted role: invocations fail. A role re-created with the same name gets a new id and also breaks KMS grants for environment encryption.",
          evidence: [configEvidence(fn.arn, `Function configuration Role ${fn.roleArn}`, { Role: fn.roleArn }, ["Role"])],
          remediation:
            `Point the function at an existing role:\naws lambda update-function-configuration${functionArgs(fn.arn)} --role <role ARN>\n` +
            "or re-create the role with a trust policy for lambda.amazonaws.com.",
        }));
      }
      for (const { version, roleArn, referrers } of versionsWithMissingRoles(ctx, fn)) {
        const repoint = repointCommands(fn, version);
        const versionArn = `${fn.arn}:${version}`;
        findings.push(functionFinding({
          rule: this.id,
          severity: this.severity,
          fn,
          about: versionArn,
          title: `Execution role ${roleName(roleArn)} of version ${version} does not exist`,
          detail:
            `Version ${version} of ${fn.name} was published with role ${roleArn}, which is not among the account's roles read from IAM, ` +
            `and ${referrers.join(", ")} ${referrers.length > 1 ? "route" : "routes"} calls to it. A version keeps the role it was published with: ` +
            "Lambda cannot assume the deleted role, so those calls fail whatever role the function has now.",
          evidence: [configEvidence(versionArn, `Version ${version} configuration Role ${roleArn}`, { Version: version, Role: roleArn }, ["Role"])],
          remediation:
            `A published version's role cannot be changed: publish a new version with an existing role and point ${referrers.join(", ")} at it, e.g.\n` +
            `aws lambda publish-version${functionArgs(fn.arn)}\n` +
            (repoint.length > 0 ? `then, with the version number it answers for ${NEW_VERSION}:\n${repoint.join("\n")}\n` : "") +
            "or re-create the role with a trust policy for lambda.amazonaws.com.",
        }));
      }
    }
    return findings;
  },
};
