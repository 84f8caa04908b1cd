/**
 * resource-policy-admin-actions: the function policy lets someone outside the account do more than invoke —
 * change code or configuration, manage permissions, concurrency, aliases, or read the code. Every probe action is
 * evaluated against the whole document for each outside principal.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { accountOfArn, functionQualifier } from "@/lib/analysis/arn";
import { confiningAccounts, organizationsOf } from "@/lib/analysis/invokers";
import type { Finding } from "@/lib/analysis/types";
import type { EvaluationResult, PolicyDocument } from "@/lib/policy/types";
import { dedupe, resultEvidence } from "../evidence";
import { functionsWithData } from "../data-needs";
import { removePermissionCommand } from "../remediation";
import { evaluateGrant, grantContext, isEffective, isUnresolvedPrincipal, policyGrants, targetName, type PolicyGrant } from "../resource-grants";
import { allowsAction } from "../role-probes";
import { fitActions, fitList, TITLE_MAX } from "../headline";
import type { Rule } from "../types";
import { functionFinding } from "../function-finding";

/** Actions beyond invocation that a function policy can hand out (lambda-permissions.md §3.6). */
const WRITE_PROBES = [
  "lambda:UpdateFunctionCode",
  "lambda:UpdateFunctionConfiguration",
  "lambda:AddPermission",
  "lambda:RemovePermission",
  "lambda:DeleteFunction",
  "lambda:PublishVersion",
  "lambda:CreateAlias",
  "lambda:UpdateAlias",
  "lambda:DeleteAlias",
  "lambda:PutFunctionConcurrency",
  "lambda:DeleteFunctionConcurrency",
  "lambda:TagResource",
  "lambda:UntagResource",
];
/**
 * Reads that hand out secrets: GetFunction returns a download URL for the code, and it, GetFunctionConfiguration
 * and ListVersionsByFunction return the environment variables with their values (GetFunction API reference).
 * As serious as a write: the spec's default severity (critical) applies.
 */
const SECRET_READ_PROBES = ["lambda:GetFunction", "lambda:GetFunctionConfiguration", "lambda:ListVersionsByFunction"];
/** Reads of metadata only (the policy, alias names): medium. */
const METADATA_PROBES = ["lambda:GetPolicy", "lambda:ListAliases"];
const SERIOUS_PROBES = [...WRITE_PROBES, ...SECRET_READ_PROBES];
const PROBES = [...SERIOUS_PROBES, ...METADATA_PROBES];

interface Exposure {
  grant: PolicyGrant;
  results: { action: string; result: EvaluationResult }[];
}

function exposuresOf(fn: FunctionModel, account: string, partition: string): Exposure[] {
  const byPrincipal = new Map<string, Exposure>();
  const probesOf = new Map<PolicyDocument, string[]>();
  for (const grant of policyGrants(fn, account, partition)) {
    if (grant.principal.kind === "own-account") continue;
    // `*` confined by condition to the account's own principals (aws:PrincipalAccount, …) lets no one outside in.
    if (grant.principal.kind === "public" && confiningAccounts(grant.statement, account)?.every((a) => a === account)) continue;
    const key = `${grant.qualifiedArn}|${grant.principal.id}`;
    if (byPrincipal.has(key)) continue;
    // Cost guard: a probe no Allow statement of the document names cannot be granted (most documents allow only
    // lambda:InvokeFunction), so it is not asked. Once per document: one of hundreds of grants would read it whole.
    let probes = probesOf.get(grant.policy);
    if (probes === undefined) probesOf.set(grant.policy, (probes = PROBES.filter((action) => allowsAction(grant.policy, action))));
    if (probes.length === 0) continue;
    const context = grantContext(grant);
    const results = probes.map((action) => ({ action, result: evaluateGrant(grant, action, context) })).filter((r) => isEffective(r.result));
    if (results.length) byPrincipal.set(key, { grant, results });
  }
  return [...byPrincipal.values()];
}

/** "anyone", unless the statement narrows a wildcard principal to an organization or account(s). */
function whoOf(grant: PolicyGrant): string {
  if (grant.principal.kind !== "public") return grant.principal.label;
  const orgs = [...new Set(organizationsOf(grant.statement).map((o) => o.org))];
  if (orgs.length) return `principals of organization ${orgs.join(" or ")}`;
  const accounts = confiningAccounts(grant.statement, accountOfArn(grant.qualifiedArn));
  if (accounts) return `principals of account ${accounts.join(" or ")}`;
  return grant.principal.label;
}

/** Where the principal stands: outside the account, or — for Federated and CanonicalUser — nowhere provable. */
function whereFrom(grant: PolicyGrant, account: string): string {
  if (!isUnresolvedPrincipal(grant.principal)) return `outside account ${account}`;
  if (grant.principal.kind === "federated" && grant.principal.account === account) {
    return (
      `users of an identity provider of account ${account}, who are not its IAM principals and whom the snapshot ` +
      `cannot narrow; Lambda may not honour the grant, but nothing says it does not`
    );
  }
  return (
    `a ${grant.principal.kind === "federated" ? "Federated" : "CanonicalUser"} principal, which cannot be resolved to an account ` +
    `or an IAM principal of account ${account} from the snapshot; Lambda may not honour the grant, but nothing says it does not`
  );
}

/** The most serious actions first (code, configuration, permissions), as many as fit; the detail lists them all. */
function exposureTitle(who: string, maybe: boolean, actions: string[], target: string): string {
  const head = `Function policy lets ${who} ${maybe ? "possibly " : ""}call `;
  const tail = ` on ${target}`;
  return `${head}${fitActions(actions, TITLE_MAX - head.length - tail.length)}${tail}`;
}

export const resourcePolicyAdminActions: Rule = {
  id: "resource-policy-admin-actions",
  title: "Function policy grants more than invoke",
  severity: "critical",
  needs: ["GetPolicy"],
  description:
    "The resource policy grants a principal outside the account actions beyond invocation (lambda:*, lambda:Update*, lambda:AddPermission, lambda:PutFunctionConcurrency, …).",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      for (const group of groupExposures(exposuresOf(fn, ctx.model.account, ctx.model.partition), ctx.model.account)) {
        const [{ grant, results }] = group;
        const actions = results.map((r) => r.action);
        const writes = actions.filter((a) => WRITE_PROBES.includes(a));
        const secrets = actions.filter((a) => SECRET_READ_PROBES.includes(a));
        const serious = actions.filter((a) => SERIOUS_PROBES.includes(a));
        const maybe = maybeOf(results);
        const who = group.length === 1 ? whoOf(grant) : fitList(group.map((e) => whoOf(e.grant)), 60);
        const sids = sidsOf(results);
        findings.push(functionFinding({
          rule: this.id,
          severity: serious.length ? (maybe ? "high" : "critical") : "medium",
          fn,
          about: grant.qualifiedArn,
          discriminator: grant.principal.id,
          title: exposureTitle(who, maybe, serious.length ? serious : actions, targetName(fn, grant.qualifiedArn)),
          detail:
            `The resource policy on ${grant.qualifiedArn} allows ${group.length === 1 ? who : `${group.length} principals (${fitList(group.map((e) => whoOf(e.grant)), 600)})`} ` +
            `(${whereFrom(grant, ctx.model.account)}) these actions beyond invocation: ` +
            `${actions.join(", ")}.` +
            (writes.length ? " Changing the code, configuration or permissions of the function amounts to running arbitrary code as its execution role." : "") +
            (secrets.length ? ` ${secrets.join(", ")} return${secrets.length > 1 ? "" : "s"} the environment variables with their values${secrets.includes("lambda:GetFunction") ? " and a download link to the code" : ""}: any secret kept there is exposed.` : "") +
            (serious.length ? "" : " They expose the function's policy and alias names."),
          evidence: dedupe(group.flatMap((e) => e.results.flatMap((r) => resultEvidence(r.result)))),
          remediation:
            `Grant outside principals lambda:InvokeFunction only. Remove the broad statement${sids.length > 1 ? "s" : ""}:\n` +
            (sids.length ? sids : [undefined]).map((sid) => removePermissionCommand(fn.arn, sid, functionQualifier(grant.qualifiedArn))).join("\n"),
        }));
      }
    }
    return findings;
  },
};

function maybeOf(results: Exposure["results"]): boolean {
  return results.every((r) => r.result.decision === "conditional");
}

function sidsOf(results: Exposure["results"]): string[] {
  return [...new Set(results.flatMap((r) => r.result.statements.map((s) => s.sid)))].filter((s): s is string => s !== undefined);
}

/**
 * Named principals given the same actions by the same statements share a finding: a statement naming hundreds of
 * accounts makes one, not hundreds each carrying the statement. Wildcard grants ("anyone", an organization's
 * principals) stay apart.
 */
function groupExposures(exposures: Exposure[], account: string): [Exposure, ...Exposure[]][] {
  const groups = new Map<string, [Exposure, ...Exposure[]]>();
  for (const e of exposures) {
    const { grant, results } = e;
    const key =
      grant.principal.kind === "public"
        ? `public|${grant.qualifiedArn}|${grant.principal.id}`
        : [grant.qualifiedArn, results.map((r) => r.action).join(), maybeOf(results), sidsOf(results).join(), whereFrom(grant, account)].join("|");
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()];
}
