/**
 * Representative questions that tell what a role amounts to, asked through `ctx.canRole` (the one evaluator):
 * full admin = every probe of unrelated, destructive actions on `*` (or on every ARN) is allowed, however the policy
 * is written (`*`, `arn:*`, NotAction, NotResource, a long list).
 */
import type { RoleModel } from "@/lib/analysis/role-model";
import type { EvaluationResult, StatementMatch } from "@/lib/policy/types";
import { guardrailsLimit } from "@/lib/analysis/organization";
import { whereIs } from "./evidence";
import { allowedServices, candidateStatements, serviceKey } from "@/lib/policy/evaluate-policies";
import { resourceHasOtherCase, resourceHasVariables, statementCoversAction } from "@/lib/policy/statement";
import type { PolicyDocument, Statement } from "@/lib/policy/types";
import { resourceListMatches } from "@/lib/policy/wildcard";
import type { RuleContext } from "./types";
import { resourceArnTemplates } from "@/lib/catalog/actions";

/**
 * For "does the role have too much" rules, judged on the readable evidence as the needs rules are. Granted when
 * the readable policies grant it and only an unread identity policy could hold a Deny (data-unavailable names the
 * gap); "may" when a condition key or a value AWS may read otherwise decides it, or an unread permissions boundary
 * (made to take access away) could refuse it; "no" when only an unread document could grant it.
 */
export function grantedBy(result: EvaluationResult): "allowed" | "conditional" | "no" {
  if (result.decision === "allowed") return "allowed";
  if (result.decision !== "conditional") return "no";
  if (result.unread === "may-deny") return result.unreadBoundary ? "conditional" : "allowed";
  // A policy value AWS may read otherwise decides as a key not given does (evidence.ts, dependsOnWhat).
  return result.unknownKeys.length > 0 || result.statements.some((m) => (m.undocumentedValues?.length ?? 0) > 0) ? "conditional" : "no";
}

/** Some Allow statement of the document names the action (and, when given, may cover the resource). */
export function allowsAction(doc: PolicyDocument, action: string, resource?: string): boolean {
  // Loops, not .some(callback): the guards run millions of times and each callback was an allocation.
  for (const st of candidateStatements(doc, action)) if (allowsOn(st, action, resource)) return true;
  return false;
}

/** An Allow statement that names the action and (when given) may cover the resource. */
export function allowsOn(st: Statement, action: string, resource?: string): boolean {
  return st.effect === "Allow" && statementCoversAction(st, action) && (resource === undefined || resourceMayApply(st, resource));
}


/**
 * Cost guard only, never a verdict: false when no Allow statement of the role's identity policies names the
 * action (by Action or NotAction), or its permissions boundary names none (which also stops resource policies
 * naming the role), so asking the evaluator about it on every resource would be wasted. An unreadable document
 * counts as "may".
 */
export function mayAllow(role: RoleModel, action: string): boolean {
  if (role.unreadableIdentity.length > 0) return true;
  return mayNameService(role, action) && anyAllows(role.identity, action) && (!role.boundary || allowsAction(role.boundary, action));
}

interface NamedServices {
  identity: ReadonlySet<string> | "any";
  boundary: ReadonlySet<string> | "any";
}

/** Per role (built once by the account model, never changed): what its Allow statements name, for the guards below. */
const namedServices = new WeakMap<RoleModel, NamedServices>();

/**
 * The guards' first step: most probes (IAM writes, admin actions) concern a service no Allow statement of the role
 * names at all, which one set lookup tells, instead of testing each statement against the action.
 */
function mayNameService(role: RoleModel, action: string): boolean {
  const service = serviceKey(action);
  if (service === undefined) return true;
  let named = namedServices.get(role);
  if (named === undefined) {
    named = { identity: allowedServices(role.identity), boundary: role.boundary ? allowedServices([role.boundary]) : "any" };
    namedServices.set(role, named);
  }
  return (named.identity === "any" || named.identity.has(service)) && (named.boundary === "any" || named.boundary.has(service));
}

/** Whether the statement's Resource (or NotResource) may cover the resource; a policy variable counts as "may". */
function resourceMayApply(st: Statement, resource: string): boolean {
  const list = st.resource ?? st.notResource;
  if (!list) return true;
  // Policy variables, or an entry spelled `ARN:` or `arn:AWS:` (read as written and lower-case): only the evaluator can tell.
  if (resourceHasVariables(st, list) || resourceHasOtherCase(st, list)) return true;
  const hit = resourceListMatches(list, resource);
  return st.resource ? hit : !hit;
}

/**
 * Cost guard only, like mayAllow, for one resource: false when no Allow statement of the role's identity
 * policies (or of its boundary) covers both the action and the resource. Rules that would otherwise ask about
 * every role or function of the account (O(roles × functions)) ask only about these. Resource policies are the
 * caller's concern.
 */
export function mayAllowOn(role: RoleModel, action: string, resource: string): boolean {
  if (role.unreadableIdentity.length > 0) return true;
  return mayNameService(role, action) && anyAllows(role.identity, action, resource) && (!role.boundary || allowsAction(role.boundary, action, resource));
}

/**
 * Cost guard: whether any Allow statement of these policies names the action (and, when given, may cover the
 * resource). Used for identity policies here and for resource policies by rules.
 */
export function anyAllows(docs: readonly PolicyDocument[], action: string, resource?: string): boolean {
  for (const doc of docs) if (allowsAction(doc, action, resource)) return true;
  return false;
}

export const ADMIN_PROBES = [
  "iam:CreateUser",
  "iam:AttachRolePolicy",
  "s3:DeleteBucket",
  "ec2:TerminateInstances",
  "dynamodb:DeleteTable",
  "kms:ScheduleKeyDeletion",
  "rds:DeleteDBCluster",
  "lambda:DeleteFunction",
  "cloudtrail:StopLogging",
  "organizations:LeaveOrganization",
  "secretsmanager:GetSecretValue",
  "sts:AssumeRole",
] as const;

export interface ProbeAnswer {
  action: string;
  resource: string;
  result: EvaluationResult;
}

export interface AdminProbe {
  answers: ProbeAnswer[];
  allowed: ProbeAnswer[];
  conditional: ProbeAnswer[];
  denied: ProbeAnswer[];
}

/**
 * An ARN of the probe action's first resource type in the account (`arn:aws:iam::123456789012:user/lpg-probe`), or
 * undefined when the catalog lists none: what a statement granting `*` on `arn:*` (or `arn:aws:*:*:*:*`) covers where
 * it does not cover the literal `*`.
 */
function sampleArn(ctx: RuleContext, action: string): string | undefined {
  const template = resourceArnTemplates(action)?.[0];
  if (!template) return undefined;
  const region = ctx.model.regions[0] ?? "us-east-1";
  return template.replace(/\$\{([^}]*)\}/g, (_, name: string) =>
    name === "Partition" ? ctx.model.partition : name === "Region" ? region : name === "Account" ? ctx.model.account : "lpg-probe",
  );
}

/**
 * The probe asked on `*`, and where that is not granted, on a sample ARN of its resource type: an admin grant written
 * `"Resource": "arn:*"` covers every ARN but not the literal `*`. The more open answer.
 */
/** The role's own grant (ownPoliciesOnly): the admin and wildcard rules judge how broad it is, SCPs aside. */
function askProbe(ctx: RuleContext, role: RoleModel, action: string): ProbeAnswer {
  const everywhere: ProbeAnswer = { action, resource: "*", result: ctx.canRole(role, { action, resource: "*", ownPoliciesOnly: true }) };
  if (grantedBy(everywhere.result) === "allowed") return everywhere;
  const arn = sampleArn(ctx, action);
  if (arn === undefined || !mayAllowOn(role, action, arn)) return everywhere;
  const sample: ProbeAnswer = { action, resource: arn, result: ctx.canRole(role, { action, resource: arn, ownPoliciesOnly: true }) };
  const rank = { allowed: 2, conditional: 1, no: 0 } as const;
  return rank[grantedBy(sample.result)] > rank[grantedBy(everywhere.result)] ? sample : everywhere;
}

export function probeAdmin(ctx: RuleContext, role: RoleModel): AdminProbe {
  const answers = ADMIN_PROBES.map((action) => askProbe(ctx, role, action));
  return {
    answers,
    allowed: answers.filter((a) => grantedBy(a.result) === "allowed"),
    conditional: answers.filter((a) => grantedBy(a.result) === "conditional"),
    denied: answers.filter((a) => grantedBy(a.result) === "no"),
  };
}

/**
 * Every probe allowed outright: the role can do anything (role-admin-access covers it; other role rules defer).
 * Stops at the first probe no Allow statement names, which is where almost every role stops.
 */
export function isFullAdmin(ctx: RuleContext, role: RoleModel): boolean {
  let known = fullAdmins.get(ctx);
  if (!known) {
    known = new Map();
    fullAdmins.set(ctx, known);
  }
  let full = known.get(role);
  if (full === undefined) {
    full = ADMIN_PROBES.every((action) => mayAllow(role, action) && grantedBy(askProbe(ctx, role, action).result) === "allowed");
    known.set(role, full);
  }
  return full;
}

/** isFullAdmin per analysis (rule context) and role: several role rules ask it of every role. */
const fullAdmins = new WeakMap<RuleContext, Map<RoleModel, boolean>>();

/**
 * A name a Lambda ARN pattern of the resource type covers ("arn:aws:lambda:*:*:function:deploy-*" → "deploy-lpg"), to
 * ask about a function or layer the role would create under a name its policies give; undefined for other patterns.
 */
export function lambdaNameIn(pattern: string, type: "function" | "layer"): string | undefined {
  const parts = pattern.split(":");
  if (parts[2] !== "lambda" || parts[5] !== type || parts[6] === undefined) return undefined;
  const name = parts[6].replace(/\*/g, "lpg").replace(/\?/g, "x");
  return /^[\w-]{1,140}$/.test(name) ? name : undefined;
}

/** The questions of a role's own grant that the organization's guardrails refuse today, with the Denies that do. */
export interface RefusedByGuardrails {
  actions: string[];
  denies: StatementMatch[];
}

/**
 * The admin and wildcard rules judge the role's own grant (askProbe: ownPoliciesOnly), but their details must not say
 * the code holds a right an SCP or RCP takes away: the demo's ProtectProductionData SCP denies s3:DeleteBucket,
 * dynamodb:DeleteTable and kms:ScheduleKeyDeletion to its admin roles. Asked in full only where a guardrail can
 * change an answer.
 */
export function refusedByGuardrails(ctx: RuleContext, role: RoleModel, granted: readonly { action: string; resource: string }[]): RefusedByGuardrails {
  const out: RefusedByGuardrails = { actions: [], denies: [] };
  if (!guardrailsLimit(ctx.model.organization)) return out;
  for (const { action, resource } of granted) {
    const decision = ctx.decideRole(role, { action, resource });
    if (decision !== "explicitly-denied" && decision !== "implicitly-denied") continue;
    out.actions.push(action);
    out.denies.push(...ctx.canRole(role, { action, resource }).statements.filter((m) => m.effect === "Deny" && m.matched));
  }
  return out;
}

/** " Of these, the organization's guardrails refuse … today (Deny in …): …", or nothing when none is refused. */
export function refusedWording(refused: RefusedByGuardrails): string {
  if (refused.actions.length === 0) return "";
  const by = [...new Set(refused.denies.map((m) => whereIs(m.source, { sid: m.sid, index: m.statementIndex })))];
  const shown = refused.actions.length > 6 ? `${refused.actions.slice(0, 6).join(", ")} and ${refused.actions.length - 6} more` : refused.actions.join(", ");
  return (
    ` Of these, the organization's guardrails refuse ${shown} today` +
    (by.length ? ` (Deny in ${by.join("; ")})` : "") +
    `: the role's own policies grant ${refused.actions.length > 1 ? "them, so they return" : "it, so it returns"} if the guardrail changes.`
  );
}
