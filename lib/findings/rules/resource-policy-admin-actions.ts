/**
 * resource-policy-admin-actions: the function policy lets someone outside the account do more than invoke —
 * change code or configuration, manage permissions, concurrency, aliases, or read the code. Every probe action is
 * evaluated against the whole document for each outside principal.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { accountOfArn, functionQualifier } from "@/lib/analysis/arn";
import { confiningAccounts, INVOKE_ACTIONS, organizationsOf } from "@/lib/analysis/invokers";
import { resourceArnTemplates, serviceActions } from "@/lib/catalog/actions";
import type { Finding } from "@/lib/analysis/types";
import type { EvaluationResult, PolicyDocument } from "@/lib/policy/types";
import { dedupe, resultEvidence } from "../evidence";
import { functionsWithData } from "../data-needs";
import { removePermissionCommand } from "../remediation";
import { evaluateGrant, isEffective, isUnresolvedPrincipal, policyGrants, targetName, type PolicyGrant } from "../resource-grants";
import { allowsAction } from "../role-probes";
import { compactActions, fitActions, fitList, TITLE_MAX } from "../headline";
import type { Rule } from "../types";
import { functionFinding } from "../function-finding";

/**
 * The actions beyond invocation a function policy hands out most dangerously, first in titles: code, configuration,
 * permissions (lambda-permissions.md §3.6).
 */
const LEADING_WRITES = [
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
/**
 * Not "beyond invocation": the invoke actions, which other rules judge, and CreateFunction, which an existing function's
 * ARN cannot be created again under.
 */
const NOT_PROBED = new Set<string>([...INVOKE_ACTIONS, "lambda:CreateFunction"].map((a) => a.toLowerCase()));

/**
 * Every other Lambda action the Service Authorization Reference authorises against a function (findings.md: anything
 * beyond invocation): writes, permissions management and tagging after the leading ones (a URL's auth type, event
 * invoke destinations, code signing, …); reads of metadata (the policy, aliases, tags, URL configuration) apart, medium.
 */
interface Probes {
  writes: string[];
  serious: string[];
  all: string[];
}

let builtProbes: Probes | undefined;

/** Built on first use, not when the module loads: reading the catalog costs every command that imports the rules. */
function probeLists(): Probes {
  if (!builtProbes) {
    const { writes, metadata } = catalogProbes();
    const serious = [...writes, ...SECRET_READ_PROBES];
    builtProbes = { writes, serious, all: [...serious, ...metadata] };
  }
  return builtProbes;
}

function catalogProbes(): { writes: string[]; metadata: string[] } {
  const onFunction = serviceActions("lambda").filter(
    (a) => !NOT_PROBED.has(a.name.toLowerCase()) && (resourceArnTemplates(a.name) ?? []).some((t) => t.includes(":function:")),
  );
  const known = new Set([...LEADING_WRITES, ...SECRET_READ_PROBES].map((a) => a.toLowerCase()));
  const rest = onFunction.filter((a) => !known.has(a.name.toLowerCase()));
  return {
    writes: [...LEADING_WRITES, ...rest.filter((a) => a.accessLevel !== "Read" && a.accessLevel !== "List").map((a) => a.name)],
    metadata: rest.filter((a) => a.accessLevel === "Read" || a.accessLevel === "List").map((a) => a.name),
  };
}

/**
 * The actions Lambda documents as grantable to other accounts through a function policy (lambda-permissions.md §3.6,
 * invocation apart). Others are refused across accounts in practice (awsdocs/aws-lambda-developer-guide#139:
 * UpdateFunctionConfiguration, AddPermission, RemovePermission): a grant of them is named, but not as a certain call.
 */
const CROSS_ACCOUNT_ACTIONS = new Set(
  [
    "GetFunction", "GetFunctionConfiguration", "UpdateFunctionCode", "DeleteFunction", "PublishVersion", "ListVersionsByFunction",
    "CreateAlias", "GetAlias", "ListAliases", "UpdateAlias", "DeleteAlias", "GetPolicy", "PutFunctionConcurrency",
    "DeleteFunctionConcurrency", "ListTags", "TagResource", "UntagResource",
  ].map((a) => `lambda:${a}`.toLowerCase()),
);

function documentedAcrossAccounts(action: string): boolean {
  return CROSS_ACCOUNT_ACTIONS.has(action.toLowerCase());
}

/** A durable execution named as no grant would name one on purpose: a grant that covers it covers them all. */
const PROBE_EXECUTION = "durable-execution/lpg-probe-execution/00000000-0000-0000-0000-000000000000";

/**
 * Where IAM authorises the action: the function (or its alias or version) for most, but a durable execution of it
 * (`function:name:version/durable-execution/…`, the Service Authorization Reference's "durable execution" type) for
 * the checkpoint, callback, stop and get-execution actions, which a grant on `function:name` alone does not match.
 */
function probeResource(action: string, qualifiedArn: string): string {
  const templates = resourceArnTemplates(action) ?? [];
  if (templates.length === 0 || !templates.every((t) => t.includes("/durable-execution/"))) return qualifiedArn;
  const version = /:function:[^:]+:[^:]+$/.test(qualifiedArn) ? qualifiedArn : `${qualifiedArn}:$LATEST`;
  return `${version}/${PROBE_EXECUTION}`;
}

const INVOKE_ONLY = new Set(INVOKE_ACTIONS.map((a) => a.toLowerCase()));

/** Every Allow names invoke actions only, written out (most function policies): no probe can be granted. */
function grantsInvokeOnly(policy: PolicyDocument): boolean {
  for (const st of policy.statements) {
    if (st.effect !== "Allow") continue;
    if (!st.action) return false;
    for (const a of st.action) if (!INVOKE_ONLY.has(a.toLowerCase())) return false;
  }
  return true;
}

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
    if (probes === undefined) {
      probes = grantsInvokeOnly(grant.policy) ? [] : probeLists().all.filter((action) => allowsAction(grant.policy, action));
      probesOf.set(grant.policy, probes);
    }
    if (probes.length === 0) continue;
    const results = probes
      .map((action) => ({ action, result: evaluateGrant(grant, action, probeResource(action, grant.qualifiedArn)) }))
      .filter((r) => isEffective(r.result));
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
        const granted = results.map((r) => r.action);
        const documented = granted.filter(documentedAcrossAccounts);
        const undocumented = granted.filter((a) => !documentedAcrossAccounts(a));
        // Undocumented ones are a "possibly", as a grant under a condition is: named, never dropped.
        const actions = documented.length ? documented : undocumented;
        const { writes: writeProbes, serious: seriousProbes } = probeLists();
        const writes = actions.filter((a) => writeProbes.includes(a));
        const secrets = actions.filter((a) => SECRET_READ_PROBES.includes(a));
        const serious = actions.filter((a) => seriousProbes.includes(a));
        const maybe = maybeOf(results) || documented.length === 0;
        const who = group.length === 1 ? whoOf(grant) : fitList(group.map((e) => whoOf(e.grant)), 60);
        const sids = sidsOf(results);
        findings.push(functionFinding({
          rule: this.id,
          severity: serious.length ? (maybe ? "high" : "critical") : "medium",
          fn,
          about: grant.qualifiedArn,
          discriminator: grant.principal.id,
          conditional: maybe,
          title: exposureTitle(who, maybe, serious.length ? serious : actions, targetName(fn, grant.qualifiedArn)),
          detail:
            `The resource policy on ${grant.qualifiedArn} allows ${group.length === 1 ? who : `${group.length} principals (${fitList(group.map((e) => whoOf(e.grant)), 600)})`} ` +
            `(${whereFrom(grant, ctx.model.account)}) these actions beyond invocation: ` +
            `${compactActions(actions).join(", ")}.` +
            (documented.length === 0
              ? ` Lambda's documentation lists none of them among the actions it accepts from other accounts (${UNDOCUMENTED_WHY}): the calls may fail, but nothing says they do.`
              : undocumented.length
                ? ` The policy also grants ${compactActions(undocumented).join(", ")}, possibly: Lambda's documentation does not list them among the actions it accepts from other accounts (${UNDOCUMENTED_WHY}).`
                : "") +
            (writes.length ? " Changing the code, configuration or permissions of the function amounts to running arbitrary code as its execution role." : "") +
            (secrets.length ? ` ${secrets.join(", ")} return${secrets.length > 1 ? "" : "s"} the environment variables with their values${secrets.includes("lambda:GetFunction") ? " and a download link to the code" : ""}: any secret kept there is exposed.` : "") +
            (serious.length ? "" : " They expose how the function is set up and who may call it (its policy, aliases, tags, URL)."),
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

const UNDOCUMENTED_WHY = "users report UpdateFunctionConfiguration, AddPermission and RemovePermission fail across accounts";

function maybeOf(results: Exposure["results"]): boolean {
  return results.every((r) => r.result.decision === "conditional");
}

/** The Sids of the statements that grant: a conditional answer also lists the undecided Deny, which protects. */
function sidsOf(results: Exposure["results"]): string[] {
  return [...new Set(results.flatMap((r) => r.result.statements.flatMap((s) => (s.effect === "Allow" ? [s.sid] : []))))].filter((s): s is string => s !== undefined);
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
