/**
 * public-invoke: a function-policy grant lets any AWS account call Invoke directly. Grants gated on the function
 * URL (`lambda:FunctionUrlAuthType`, `lambda:InvokedViaFunctionUrl`) open only the URL and are left to the URL
 * rules; grants narrowed to an account, organization, source or VPC are not public.
 */
import { directInvokeActionsOf, isPublicGrant, isUrlOnlyGrant } from "@/lib/analysis/invokers";
import { outsiderInvoke } from "@/lib/analysis/outsider-invoke";
import { actionMatches } from "@/lib/policy/wildcard";
import type { Finding } from "@/lib/analysis/types";
import { functionQualifier } from "@/lib/analysis/arn";
import { dedupe, dependsOnWhat, resultEvidence, statementEvidence, whereIs } from "../evidence";
import { statementLabel } from "../finding-id";
import { functionsWithData } from "../data-needs";
import { cliFlag, removePermissionCommand } from "../remediation";
import { isEffective, policyGrants, targetName } from "../resource-grants";
import type { Rule } from "../types";
import { functionFinding } from "../function-finding";

export const publicInvoke: Rule = {
  id: "public-invoke",
  title: "Anyone can invoke the function",
  severity: "critical",
  needs: ["GetPolicy"],
  description:
    "A resource-policy statement lets any principal (`*`) invoke the function with no condition that narrows the caller to an account, organization, source ARN or VPC.",
  check(ctx) {
    const { account, partition } = ctx.model;
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      for (const grant of policyGrants(fn, account, partition)) {
        const st = grant.statement;
        if (grant.principal.kind !== "public") continue;
        // InvokeAsync alone (the deprecated async API) still runs the function for anyone it lets in.
        const actions = directInvokeActionsOf(st);
        if (actions.length === 0) continue;
        if (!isPublicGrant(st)) continue;
        // Grants for the function URL are the URL rules' (findings.md): gated on the URL's auth type, or on being
        // invoked through the URL. One gated on InvokedViaFunctionUrl = false is meant for direct calls, and one whose
        // URL condition holds without the key (IfExists, negated) admits the direct calls that lack it: judged here
        // (a "may" where the answer turns on whether direct calls carry the key, see outsider-invoke.ts).
        if (isUrlOnlyGrant(st)) continue;
        const result = outsiderInvoke(grant.policy, st, grant.qualifiedArn, partition, actions);
        if (!isEffective(result)) continue;
        const conditional = result.decision === "conditional";
        const target = targetName(fn, grant.qualifiedArn);
        const who = st.notPrincipal ? "Everyone outside the NotPrincipal list" : "Anyone";
        const depends = conditional ? ` (depends on ${dependsOnWhat(result)})` : "";
        findings.push(functionFinding({
          rule: this.id,
          severity: conditional ? "high" : "critical",
          conditional,
          fn,
          about: grant.qualifiedArn,
          discriminator: statementLabel(st),
          title: `${who} ${conditional ? "may" : "can"} invoke ${target}${depends}`,
          detail:
            `Statement ${statementLabel(st)} of the resource policy on ${grant.qualifiedArn} allows ` +
            `${st.notPrincipal ? "every principal not listed in NotPrincipal" : "Principal \"*\""} to call ${result.action} ` +
            `with no condition that pins the caller's account, organization or source. ` +
            (result.as
              ? `Its aws:PrincipalArn condition pins a name, not an account: any AWS account can create a principal so named (as ${result.as}, one is let in). `
              : "") +
            (result.organization
              ? `Its organization condition does not shut out ${result.organization === "none" ? "an account in no organization" : "an account in an organization of its own"}, and anyone can create one. `
              : "") +
            (result.via === "direct"
              ? "Any AWS account can invoke the function directly"
              : "A direct call is refused (it carries no source), but any AWS account can point a service at the function from its own resources and invoke it through that service") +
            (conditional ? `, unless ${dependsOnWhat(result)} rules it out: ${result.reasons.join("; ")}.` : "."),
          evidence: dedupe([
            statementEvidence(
              grant.policy,
              st,
              `Public grant in ${whereIs(grant.policy.source, st)}`,
              ["*", ...(st.action ?? []).filter((a) => actionMatches(a, result.action))],
            ),
            ...(conditional ? resultEvidence(result) : []),
          ]),
          remediation:
            `Remove the statement, or re-add it for the callers that need it: callers that invoke the function themselves by naming ` +
            `their account (${cliFlag("--principal", "<account id>").trimStart()}) or organization (--principal-org-id); a service acting for a resource with ` +
            `--source-arn and --source-account (only services send those keys, so a direct caller would be shut out):\n` +
            removePermissionCommand(fn.arn, st.sid, functionQualifier(grant.qualifiedArn)),
        }));
      }
    }
    return findings;
  },
};
