/**
 * role-service-wildcard: the role may perform every action of a service (`s3:*`), or at least every write action
 * of it (`s3:Put*` and friends adding up to all writes), on a resource pattern. The two are worded apart: the whole
 * service includes permissions management (bucket policies, ACLs) and every read. Candidate (service, resource)
 * pairs come from wildcard actions in the role's Allow statements; the verdict comes from evaluating the service's
 * actions in the IAM catalog, so a boundary or Deny that takes writes away prevents the finding.
 */
import type { RoleModel } from "@/lib/analysis/role-model";
import type { Finding } from "@/lib/analysis/types";
import { serviceActions, type AccessLevel, type CatalogAction } from "@/lib/catalog/actions";
import { coversEveryResourceOf, mayNameResourceOf } from "@/lib/catalog/resource-fit";
import type { EvaluationResult } from "@/lib/policy/types";
import { dedupe, dependsOnWhat, matchEvidence } from "../evidence";
import { fitList } from "../headline";
import { functionNames, roleFinding, rolesInUse } from "../role-findings";
import { grantedBy, isFullAdmin, refusedByGuardrails, refusedWording, type RefusedByGuardrails } from "../role-probes";
import type { Rule, RuleContext } from "../types";
import { ANOTHER_TURN } from "@/lib/steps";
import { ROLES_PER_TURN } from "../rule-turns";

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
        for (const resource of resources) {
          // `logs:*` on a queue ARN grants nothing: no logs action is authorised against a queue.
          if (!mayNameResourceOf(service, resource)) continue;
          seen.set(`${service.toLowerCase()}|${resource}`, { service: service.toLowerCase(), resource });
        }
      }
    }
  }
  return [...seen.values()];
}

interface Verdict {
  candidate: Candidate;
  writes: number;
  /** Every action of the service is granted, not only the writes: the catalog's actions by access level. */
  whole?: Map<AccessLevel, CatalogAction[]>;
  conditional: EvaluationResult[];
  sample: EvaluationResult[];
}

/** The conditional answers when every action is granted (allowed, or conditionally); undefined when one is not. */
function allGranted(ctx: RuleContext, role: RoleModel, actions: readonly CatalogAction[], resource: string): EvaluationResult[] | undefined {
  const conditional: EvaluationResult[] = [];
  for (const a of actions) {
    // Decided first: the evidence is written only for answers the finding shows (conditional ones, a sample).
    // The role's own grant: how broad it is, whatever the organization's SCPs take away today (role-probes.ts).
    const query = { action: a.name, resource, ownPoliciesOnly: true };
    const decision = ctx.decideRole(role, query);
    if (decision === "implicitly-denied" || decision === "explicitly-denied") return undefined;
    if (decision === "conditional") {
      const r = ctx.canRole(role, query);
      if (grantedBy(r) === "no") return undefined;
      conditional.push(r);
    }
  }
  return conditional;
}

function judge(ctx: RuleContext, role: RoleModel, c: Candidate): Verdict | undefined {
  const actions = serviceActions(c.service);
  const writes = actions.filter((a) => a.accessLevel === "Write");
  if (writes.length === 0) return undefined;
  const conditional = allGranted(ctx, role, writes, c.resource);
  if (!conditional) return undefined;
  const others = allGranted(ctx, role, actions.filter((a) => a.accessLevel !== "Write"), c.resource);
  // Writes allowed outright but a read only conditionally: the certain verdict (all writes) is the one to report.
  const whole = others && (others.length === 0 || conditional.length > 0) ? byLevel(actions) : undefined;
  const shown = [...writes.slice(0, 3), ...(whole ? permissionsExamples(whole).slice(0, 1) : [])];
  const sample = shown.map((a) => ctx.canRole(role, { action: a.name, resource: c.resource, ownPoliciesOnly: true }));
  return { candidate: c, writes: writes.length, whole, conditional: whole ? [...conditional, ...(others ?? [])] : conditional, sample };
}

const LEVELS: AccessLevel[] = ["Write", "Permissions management", "Read", "List", "Tagging"];

function byLevel(actions: readonly CatalogAction[]): Map<AccessLevel, CatalogAction[]> {
  return new Map(LEVELS.map((level) => [level, actions.filter((a) => a.accessLevel === level)]));
}

/**
 * Permissions-management actions that open resources to others (Put/Add/Set/Create …Policy/Acl/Permission) first,
 * shortest name first: the general ones (s3:PutBucketPolicy) before the niche (s3:PutAccessGrantsInstanceResourcePolicy).
 */
function permissionsExamples(levels: Map<AccessLevel, CatalogAction[]>): CatalogAction[] {
  const opens = (a: CatalogAction) => /:(Put|Add|Set|Create)\w*(Policy|Acl|Permission)$/.test(a.name);
  const pm = levels.get("Permissions management") ?? [];
  return [...pm.filter(opens).sort((a, b) => a.name.length - b.name.length), ...pm.filter((a) => !opens(a))];
}

/** "57 Write, 27 Permissions management (s3:PutBucketAcl, …), 66 Read, …" */
function levelCounts(levels: Map<AccessLevel, CatalogAction[]>): string {
  return LEVELS.filter((level) => levels.get(level)?.length)
    .map((level) => {
      const n = levels.get(level)?.length ?? 0;
      if (level !== "Permissions management") return `${n} ${level}`;
      const names = permissionsExamples(levels).slice(0, 3).map((a) => a.name);
      return `${n} ${level} (${names.join(", ")}${n > names.length ? ", …" : ""})`;
    })
    .join(", ");
}

function wording(v: Verdict, maybe: boolean, where: string, refused: RefusedByGuardrails): { what: string; detail: string } {
  const { service } = v.candidate;
  const allowed = (maybe ? "allowed or conditionally allowed" : "allowed") + (refused.actions.length ? " by the role's own policies" : "");
  if (!v.whole) {
    return {
      what: `every ${service} write action`,
      detail: `All ${v.writes} Write-level ${service} actions in the IAM catalog are ${allowed} on ${where}.${refusedWording(refused).slice(0, -1)}`,
    };
  }
  const total = [...v.whole.values()].reduce((n, list) => n + list.length, 0);
  const permissions = (v.whole.get("Permissions management")?.length ?? 0) > 0;
  return {
    // The title's `s3:*` stands for every action of the service, however the policies add up to it; the detail counts them.
    what: `${service}:*`,
    detail:
      `All ${total} ${service} actions in the IAM catalog (${service}:*) are ${allowed} on ${where}: ${levelCounts(v.whole)}` +
      (refused.actions.length ? `.${refusedWording(refused).slice(0, -1)}` : "") +
      (permissions ? `. Permissions-management actions decide who else may use the resources (policies, ACLs): with them the code can open them to other accounts or the public` : ""),
  };
}

export const roleServiceWildcard: Rule = {
  id: "role-service-wildcard",
  title: "Execution role allows a whole service",
  severity: "medium",
  needs: ["GetAccountAuthorizationDetails"],
  description: "The role allows a whole service (s3:*, dynamodb:*, sqs:*, …) or all write actions of a service on * resources.",
  *check(ctx) {
    const findings: Finding[] = [];
    for (const [i, { role, functions }] of rolesInUse(ctx).entries()) {
      if (i > 0 && i % ROLES_PER_TURN === 0) yield ANOTHER_TURN;
      if (isFullAdmin(ctx, role)) continue;
      for (const group of groupVerdicts(wildcardCandidates(role).map((c) => judge(ctx, role, c)))) {
        const [v] = group;
        const { service, resource } = v.candidate;
        const resources = group.map((g) => g.candidate.resource);
        const everywhere = resource === "*";
        // `arn:aws:s3:::*` or `arn:aws:sqs:*:*:*` is every resource of the service, as wide as `*` for it.
        const wide = everywhere || coversEveryResourceOf(service, resource);
        const conditional = group.flatMap((g) => g.conditional);
        const maybe = conditional.length > 0;
        const where = resources.length === 1 ? resource : `each of ${resources.length} resources (${fitList(resources, 300)})`;
        // What the role's own grant covers that an SCP refuses today: asked of a lone resource (`*` always is one).
        const judged = v.whole ? serviceActions(service) : serviceActions(service).filter((a) => a.accessLevel === "Write");
        const refused = group.length === 1 ? refusedByGuardrails(ctx, role, judged.map((a) => ({ action: a.name, resource }))) : { actions: [], denies: [] };
        const { what, detail } = wording(v, maybe, where, refused);
        const includesPermissions = (v.whole?.get("Permissions management")?.length ?? 0) > 0;
        findings.push(
          roleFinding({
            rule: this.id,
            severity: wide ? (maybe ? "low" : "medium") : "low",
            role,
            functions,
            // The first resource names a group: each resource is in one group of its service.
            discriminator: `${service}/${resource}`,
            conditional: maybe,
            title:
              `Role ${role.name} ${maybe ? "may allow" : "allows"} ${what} on ${everywhere ? "all resources" : resources.length === 1 ? resource : `${resources.length} resources`}` +
              (includesPermissions ? ", including permissions management" : ""),
            detail:
              detail +
              (maybe ? ` (depends on ${dependsOnWhat(conditional)})` : "") +
              `. ${functionNames(functions)} ${functions.length > 1 ? "need" : "needs"} far fewer; a compromise of the code can ${v.whole ? "read, " : ""}create, change or delete any such resource.`,
            evidence: dedupe([...group.flatMap((g) => g.sample.flatMap((r) => r.statements)), ...refused.denies].map((m) => matchEvidence(m))),
            remediation: `Replace ${service}:* (or the write wildcards) with the actions the function calls, on the resources it uses, e.g. "Action": ["${service}:<Action>"], "Resource": "<ARN>".`,
          }),
        );
      }
    }
    return findings;
  },
};

/**
 * Verdicts that read alike (service, whole or writes only, certain or not) in one group, so a statement listing a
 * thousand queues under `sqs:*` makes one finding, not a thousand each carrying the statement. `*`, and each pattern
 * as wide as it for the service, stays apart: they are the medium-severity case.
 */
function groupVerdicts(verdicts: (Verdict | undefined)[]): [Verdict, ...Verdict[]][] {
  const groups = new Map<string, [Verdict, ...Verdict[]]>();
  for (const v of verdicts) {
    if (!v) continue;
    const { service, resource } = v.candidate;
    const key = [service, resource === "*" ? "*" : coversEveryResourceOf(service, resource) ? resource : "", v.whole ? "whole" : "writes", v.conditional.length > 0].join("|");
    const group = groups.get(key);
    if (group) group.push(v);
    else groups.set(key, [v]);
  }
  return [...groups.values()];
}
