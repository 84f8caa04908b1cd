/**
 * What-if questions ("can this function/role do A on R?") for the `can` command, the API and the details panel.
 * It resolves the principal and asks lib/analysis/role-access.ts, the same evaluation the findings use.
 */
import { z } from "zod";
import { resourceArnTemplates } from "@/lib/catalog/actions";
import { mayBeAuthorisedOn } from "@/lib/catalog/resource-fit";
import type { Decision, StatementMatch } from "@/lib/policy/types";
import { type AccountModel, type FunctionModel } from "./account-model";
import { qualifierReferenced, rolesOfQualified, type RunsAs } from "./runs-as";
import { canRole } from "./role-access";
import { roleLabel, routeVersions, type RoleAnswer } from "./route-line";
import { qualifiedFunctionName, unqualifiedFunctionArn } from "./arn";
import { QuestionError } from "./context-arg";

export { QuestionError };
export type { RoleAnswer };

const ContextValue = z.union([z.string(), z.array(z.string())]);

export const QuestionSchema = z.object({
  principal: z.string().min(1, "principal is required (a role ARN, or a function name or ARN)"),
  action: z.string().regex(/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/, "action must look like service:Action (wildcards allowed)"),
  resource: z.string().min(1, "resource is required (an ARN, or *)"),
  context: z.record(z.string(), ContextValue).default({}),
  contextComplete: z.boolean().default(false),
});
export type Question = z.input<typeof QuestionSchema>;

export interface DecidingStatement {
  effect: "Allow" | "Deny";
  policy: string;
  policyKind: string;
  policyArn?: string;
  role?: string;
  statementIndex: number;
  sid?: string;
  /** "true" | "false" | "unknown": whether its condition held. */
  condition: string;
  matchedActions: string[];
  matchedResources: string[];
  conditionNotes: string[];
  statement: unknown;
}

export interface Answer {
  decision: Decision;
  /** `role` is empty when the role it runs as is unknown (its versions or aliases could not be listed). */
  principal: { role: string; function?: string };
  action: string;
  resource: string;
  statements: DecidingStatement[];
  unknownKeys: string[];
  reasons: string[];
  /**
   * Only when the principal may run as several roles (an alias with weighted routing to a version published with
   * another role): each role's own answer, primary first. `decision` and `statements` above combine them.
   */
  perRole?: RoleAnswer[];
}

const functionsByName = new WeakMap<AccountModel, Map<string, FunctionModel[]>>();

/** Functions by name, indexed once per model: a batch of thousands of questions must not scan them each time. */
function functionsNamed(model: AccountModel, name: string): FunctionModel[] {
  let index = functionsByName.get(model);
  if (index === undefined) {
    index = new Map();
    for (const f of model.functions) {
      const list = index.get(f.name);
      if (list) list.push(f);
      else index.set(f.name, [f]);
    }
    functionsByName.set(model, index);
  }
  return index.get(name) ?? [];
}

/**
 * Up to three function names or role ARNs whose name contains what was given (its last ARN segment): a role given
 * by name, or a function's name shortened, is the usual slip.
 */
function lookalikes(model: AccountModel, principal: string): string[] {
  const needle = (principal.split(/[:/]/).pop() ?? "").toLowerCase();
  if (needle.length < 3) return [];
  const out: string[] = [];
  for (const role of model.roles.values()) if (out.length < 3 && role.name.toLowerCase().includes(needle)) out.push(role.arn);
  for (const f of model.functions) if (out.length < 3 && f.name.toLowerCase().includes(needle) && !out.includes(f.name)) out.push(f.name);
  return out;
}

/**
 * Principal lookup: role ARN, function ARN (qualified or not), or a function name (unique across regions). A
 * qualified ARN (alias or version) runs as the role its version was published with; a weighted alias as each of
 * its versions' roles, primary first. Entries whose role is not in the snapshot stay in the list (their answer is
 * unknown); when none is readable the question cannot be asked.
 */
export function resolvePrincipal(model: AccountModel, principal: string): { runsAs: RunsAs[]; fn?: FunctionModel } {
  const role = model.roles.get(principal);
  if (role) return { runsAs: [{ arn: role.arn, role, versions: [], share: 1 }] };
  let fns: FunctionModel[];
  if (principal.startsWith("arn:")) {
    const fn = model.functionsByArn.get(unqualifiedFunctionArn(principal));
    fns = fn ? [fn] : [];
  } else {
    fns = functionsNamed(model, principal);
  }
  if (fns.length === 0) {
    const near = lookalikes(model, principal);
    throw new QuestionError(`principal "${principal}" is neither a role nor a function in this snapshot${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}`);
  }
  if (fns.length > 1) {
    throw new QuestionError(`function name "${principal}" exists in several regions (${fns.map((f) => f.region).join(", ")}): give its ARN`);
  }
  const fn = fns[0] as FunctionModel;
  const qualifier = principal.startsWith("arn:") ? principal.split(":").slice(7).join(":") : "";
  if (qualifier && qualifier !== "$LATEST" && !qualifierKnown(fn, qualifier)) {
    throw new QuestionError(`${fn.name} has no alias or version "${qualifier}" in this snapshot`);
  }
  const runsAs = rolesOfQualified(model, fn, principal.startsWith("arn:") ? principal : undefined);
  if (!runsAs.some((r) => r.role)) {
    const primary = runsAs[0] as RunsAs;
    throw new QuestionError(`the execution role of ${principalName(fn, principal)} (${primary.arn ?? "none"}) ${unreadRoleWhy(model, fn, primary)}`);
  }
  return { runsAs, fn };
}

function principalName(fn: FunctionModel, principal: string): string {
  return qualifiedFunctionName(fn.name, principal.startsWith("arn:") ? principal : fn.arn);
}

function unreadRoleWhy(model: AccountModel, fn: FunctionModel, runsAs: RunsAs): string {
  const missing = runsAs.arn === fn.roleArn ? fn.roleState === "missing" : model.iamKnown;
  return missing ? "is not in the snapshot (deleted?)" : "could not be read";
}

/**
 * An alias or version of the function, or one the snapshot cannot rule out: its list was not read, or something in
 * the snapshot refers to it (an alias routes to a version the list lacks; a mapping is on an alias the list lacks).
 */
function qualifierKnown(fn: FunctionModel, qualifier: string): boolean {
  if (qualifierReferenced(fn, qualifier)) return true;
  if (/^\d+$/.test(qualifier)) return fn.versions.some((v) => v.Version === qualifier) || (!fn.versionsListed && fn.versions.length === 0);
  return fn.unknownOps.has("ListAliases") || fn.aliases.some((a) => a.Name === qualifier);
}

function toDeciding(m: StatementMatch): DecidingStatement {
  return {
    effect: m.effect,
    policy: m.source.policyName,
    policyKind: m.source.kind,
    policyArn: m.source.policyArn,
    role: m.source.roleName,
    statementIndex: m.statementIndex,
    sid: m.sid,
    condition: m.condition,
    matchedActions: m.matchedActions,
    matchedResources: m.matchedResources,
    conditionNotes: m.conditionNotes,
    statement: m.raw,
  };
}

export function ask(model: AccountModel, question: Question): Answer {
  const parsed = QuestionSchema.safeParse(question);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `${issue.path.map(String).join(".")}: ` : "";
    throw new QuestionError(`${field}${issue?.message ?? "invalid question"}`);
  }
  const q = parsed.data;
  const { runsAs, fn } = resolvePrincipal(model, q.principal);
  const query = { action: q.action, resource: q.resource, context: q.context, contextComplete: q.contextComplete };
  const perRole = runsAs.map((r): RoleAnswer => {
    const base = { role: r.arn ?? "", versions: r.versions, share: r.share };
    if (!r.role || r.unlisted) {
      // Never "fine": a version whose role cannot be read may be refused, or allowed more than the others.
      const name = fn ? principalName(fn, q.principal) : q.principal;
      const reason =
        r.unlisted?.list === "aliases"
          ? `${name} runs as the role of the version alias ${r.unlisted.qualifier} points to, unknown because ${r.unlisted.absent ? "the function's alias list in the snapshot does not hold it" : "the function's aliases could not be listed"}: its answer is unknown`
          : r.unlisted
            ? `${routeVersions(r)} of ${name} runs as the role it was published with, unknown because ${r.unlisted.absent ? "the function's version list in the snapshot does not hold it" : "the function's versions could not be listed"}: its answer is unknown`
            : `${routeVersions(r)} of ${name} runs as role ${r.arn ?? "none"}, which ${fn ? unreadRoleWhy(model, fn, r) : "could not be read"}: its answer is unknown`;
      return { ...base, ...(r.unlisted ? { role: "" } : {}), decision: "conditional", statements: [], unknownKeys: [], reasons: [reason] };
    }
    const result = canRole(model, r.role, query, fn);
    // Older snapshots hold no versions: the current role stands in, and the answer says so.
    const assumption = r.assumed
      ? [`${routeVersions(r)} of ${fn ? principalName(fn, q.principal) : q.principal} is assumed to run as the function's current role, ${r.role.name}: the snapshot holds no list of the function's versions, so the role that version was published with is not known`]
      : [];
    return { ...base, decision: result.decision, statements: result.statements.map(toDeciding), unknownKeys: result.unknownKeys, reasons: [...assumption, ...result.reasons] };
  });
  // Empty when the primary's role is unknown: the current role stands in for it only inside rolesOfQualified.
  const principal = { role: (runsAs[0]?.unlisted ? undefined : runsAs[0]?.arn) ?? "", ...(fn ? { function: q.principal.startsWith("arn:") ? q.principal : fn.arn } : {}) };
  const note = resourceFitNote(q.action, q.resource);
  if (perRole.length === 1) {
    const { decision, statements, unknownKeys, reasons } = perRole[0] as RoleAnswer;
    return { decision, principal, action: q.action, resource: q.resource, statements, unknownKeys, reasons: note ? [...reasons, note] : reasons };
  }
  const combined = combine(perRole);
  return { ...combined, ...(note ? { reasons: [...combined.reasons, note] } : {}), principal, action: q.action, resource: q.resource, perRole };
}

/**
 * The policies answer any question, but AWS asks some never: an action on a resource that is none of its types
 * (s3:GetObject on a bucket). Said beside the answer, which stays the policies' own (the user may be checking what a
 * statement says).
 */
function resourceFitNote(action: string, resource: string): string | undefined {
  if (/[*?]/.test(action) || mayBeAuthorisedOn(action, resource)) return undefined;
  const templates = resourceArnTemplates(action) ?? [];
  return `note: AWS never checks ${action} against ${resource}: a real request names ${templates.length === 1 ? "a resource of the form" : "one of"} ${templates.join(", ")}`;
}

/**
 * One answer for a principal that runs as several roles: each call runs as one of them, chosen by the alias's
 * routing, so only an answer they all give holds for the caller. Denied by every role (explicitly by some) is
 * still a denial, but not an explicit one for every call: implicitly-denied. Any other disagreement, or a role
 * that could not be read, depends on the version that serves the call: conditional.
 */
function combine(parts: RoleAnswer[]): Pick<Answer, "decision" | "statements" | "unknownKeys" | "reasons"> {
  const decisions = new Set(parts.map((p) => p.decision));
  const [only] = decisions;
  const decision: Decision =
    decisions.size === 1 && only ? only : decisions.has("allowed") || decisions.has("conditional") ? "conditional" : "implicitly-denied";
  const lead =
    decisions.size === 1
      ? "every version the alias routes to gives this answer"
      : decision === "implicitly-denied"
        ? "denied whichever version of the alias serves the call, but not by the same rule"
        : "the answer depends on which version of the alias serves the call";
  const seen = new Set<string>();
  const statements: DecidingStatement[] = [];
  for (const s of parts.flatMap((p) => p.statements)) {
    // A resource policy's statement decides for every role alike: listed once.
    const key = JSON.stringify(s);
    if (!seen.has(key)) {
      seen.add(key);
      statements.push(s);
    }
  }
  return {
    decision,
    statements,
    unknownKeys: [...new Set(parts.flatMap((p) => p.unknownKeys))],
    reasons: [lead, ...parts.flatMap((p) => p.reasons.map((r) => `${roleLabel(p.role)}: ${r}`))],
  };
}

export { parseContextArg, parseContextArgs, parseContextLines } from "./context-arg";
