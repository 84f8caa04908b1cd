/**
 * role-service-wildcard: the role may perform every write action of a service (`s3:*`, `dynamodb:*`, or
 * wildcards that add up to all writes) on a resource pattern. Candidate (service, resource) pairs come from
 * wildcard actions in the role's Allow statements; the verdict comes from evaluating every Write-level action
 * of the service in the IAM catalog, so a boundary or Deny that takes writes away prevents the finding.
 */
import type { RoleModel } from "@/lib/analysis/role-model";
import type { Finding } from "@/lib/analysis/types";
import { serviceActions } from "@/lib/catalog/actions";
import type { EvaluationResult } from "@/lib/policy/types";
import { dedupe, matchEvidence } from "../evidence";
import { functionNames, roleFinding, rolesInUse } from "../role-findings";
import { grantedBy, isFullAdmin } from "../role-probes";
import type { Rule, RuleContext } from "../types";

interface Candidate {
  service: string;
  resource: string;
}

/** Services granted through a wildcard action (`s3:*`, `s3:Put*`), with the resources of that statement. */
export function wildcardCandidates(role: RoleModel): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const doc of role.identity) {
    for (const st of doc.statements) {
      if (st.effect !== "Allow" || !st.action) continue;
      const resources = st.resource ?? (st.notResource ? ["*"] : []);
      for (const pattern of st.action) {
        if (!pattern.includes("*")) continue; // most entries name one action: no split, no key
        const [service = "", action = ""] = pattern.split(":");
        if (!action.includes("*") || /[*?]/.test(service) || service === "") continue;
        for (const resource of resources) seen.set(`${service.toLowerCase()}|${resource}`, { service: service.toLowerCase(), resource });
      }
    }
  }
  return [...seen.values()];
}

interface Verdict {
  candidate: Candidate;
  writes: number;
  conditional: EvaluationResult[];
  sample: EvaluationResult[];
}

function judge(ctx: RuleContext, role: RoleModel, c: Candidate): Verdict | undefined {
  const writes = serviceActions(c.service).filter((a) => a.accessLevel === "Write");
  if (writes.length === 0) return undefined;
  const conditional: EvaluationResult[] = [];
  for (const a of writes) {
    // Decided first: the evidence is written only for answers the finding shows (conditional ones, a sample).
    const query = { action: a.name, resource: c.resource };
    const decision = ctx.decideRole(role, query);
    if (decision === "implicitly-denied" || decision === "explicitly-denied") return undefined;
    if (decision === "conditional") {
      const r = ctx.canRole(role, query);
      if (grantedBy(r) === "no") return undefined;
      conditional.push(r);
    }
  }
  const sample = writes.slice(0, 3).map((a) => ctx.canRole(role, { action: a.name, resource: c.resource }));
  return { candidate: c, writes: writes.length, conditional, sample };
}

/** What the conditional answers depend on: condition keys, or (none named) a document that could not be read. */
function conditionsNote(keys: string[]): string {
  return keys.length ? `conditions on ${keys.join(", ")}` : "depends on a permissions boundary that could not be read";
}

export const roleServiceWildcard: Rule = {
  id: "role-service-wildcard",
  title: "Execution role allows a whole service",
  severity: "medium",
  needs: ["GetAccountAuthorizationDetails"],
  description: "The role allows a whole service (s3:*, dynamodb:*, sqs:*, …) or all write actions of a service on * resources.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const { role, functions } of rolesInUse(ctx)) {
      if (isFullAdmin(ctx, role)) continue;
      for (const c of wildcardCandidates(role)) {
        const v = judge(ctx, role, c);
        if (!v) continue;
        const everywhere = c.resource === "*";
        const maybe = v.conditional.length > 0;
        findings.push(
          roleFinding({
            rule: this.id,
            severity: everywhere ? (maybe ? "low" : "medium") : "low",
            role,
            functions,
            discriminator: `${c.service}/${c.resource}`,
            title: `Role ${role.name} ${maybe ? "may allow" : "allows"} every ${c.service} write action on ${everywhere ? "all resources" : c.resource}`,
            detail:
              `All ${v.writes} Write-level ${c.service} actions in the IAM catalog are ${maybe ? "allowed or conditionally allowed" : "allowed"} on ${c.resource}` +
              (maybe ? ` (${conditionsNote([...new Set(v.conditional.flatMap((r) => r.unknownKeys))])})` : "") +
              `. ${functionNames(functions)} ${functions.length > 1 ? "need" : "needs"} far fewer; a compromise of the code can create, change or delete any such resource.`,
            evidence: dedupe(v.sample.flatMap((r) => r.statements.map((m) => matchEvidence(m)))),
            remediation: `Replace ${c.service}:* (or the write wildcards) with the actions the function calls, on the resources it uses, e.g. "Action": ["${c.service}:<Action>"], "Resource": "<ARN>".`,
          }),
        );
      }
    }
    return findings;
  },
};
