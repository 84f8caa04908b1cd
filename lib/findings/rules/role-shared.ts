/** role-shared: one execution role serves several functions, so a compromise of one reaches what all need. */
import type { Finding } from "@/lib/analysis/types";
import { configEvidence } from "../evidence";
import { findingId } from "../finding-id";
import { functionNames } from "../role-findings";
import type { Rule } from "../types";

export const roleShared: Rule = {
  id: "role-shared",
  title: "Execution role shared by several functions",
  severity: "low",
  needs: [],
  description: "One execution role serves several functions: a compromise of one reaches what all of them need.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const [roleArn, functions] of ctx.functionsByRole) {
      if (functions.length < 2) continue;
      const name = ctx.model.roles.get(roleArn)?.name ?? roleArn.slice(roleArn.lastIndexOf("/") + 1);
      const sorted = [...functions].sort((a, b) => a.arn.localeCompare(b.arn));
      findings.push({
        id: findingId(this.id, roleArn),
        rule: this.id,
        severity: this.severity,
        role: roleArn,
        functions: sorted.map((f) => f.arn),
        title: `Role ${name} is shared by ${functions.length} functions`,
        detail:
          `${functionNames(sorted, 10)} all run as ${roleArn}. Each gets the union of what all of them need, so a flaw in one ` +
          "reaches every resource the others use.",
        evidence: sorted.map((f) => configEvidence(f.arn, `${f.name} runs as ${name}`, { FunctionArn: f.arn, Role: roleArn }, ["Role"])),
        remediation: "Give each function its own role with only the permissions it uses (e.g. one role per function in your IaC).",
      });
    }
    return findings;
  },
};
