/**
 * execution-role-missing: the function's role ARN is not among the snapshot's roles although IAM was read
 * (deleted or renamed role: the function cannot run). When IAM could not be read the role's state is unknown and
 * data-unavailable reports it instead.
 */
import type { Finding } from "@/lib/analysis/types";
import { configEvidence } from "../evidence";
import { functionsWithData } from "../data-needs";
import type { Rule } from "../types";
import { functionFinding } from "../function-finding";

export const executionRoleMissing: Rule = {
  id: "execution-role-missing",
  title: "Execution role does not exist",
  severity: "high",
  needs: ["GetAccountAuthorizationDetails"],
  description: "The function's role ARN is not in the snapshot's roles (deleted or renamed role: the function cannot run).",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      if (fn.roleState !== "missing" || !fn.roleArn || !ctx.model.iamKnown) continue;
      findings.push(functionFinding({
        rule: this.id,
        severity: this.severity,
        fn,
        title: `Execution role ${fn.roleArn.slice(fn.roleArn.lastIndexOf("/") + 1)} does not exist`,
        detail:
          `The function runs as ${fn.roleArn}, which is not among the account's roles read from IAM. Lambda cannot assume a ` +
          "deleted role: invocations fail. A role re-created with the same name gets a new id and also breaks KMS grants for environment encryption.",
        evidence: [configEvidence(fn.arn, `Function configuration Role ${fn.roleArn}`, { Role: fn.roleArn }, ["Role"])],
        remediation:
          `Point the function at an existing role:\naws lambda update-function-configuration --function-name ${fn.arn} --role <role ARN>\n` +
          "or re-create the role with a trust policy for lambda.amazonaws.com.",
      }));
    }
    return findings;
  },
};
