/**
 * What-if questions ("can this function/role/IAM user do A on R?") for the `can` command, the API and the details
 * panel. It resolves the principal and asks lib/analysis/role-access.ts, the same evaluation the findings use (for
 * an IAM user, the one that lists it among a function's invokers: its groups' policies, its boundary, aws:username).
 */
import { z } from "zod";
import { expandActionPattern, resourceArnTemplates } from "@/lib/catalog/actions";
import { actionNotInCatalog } from "./action-not-in-catalog";
import { mayBeAuthorisedOn } from "@/lib/catalog/resource-fit";
import type { Decision, EvaluationResult, StatementMatch } from "@/lib/policy/types";
import { roleKnownAbsent, roleSetAside, type AccountModel, type FunctionModel } from "./account-model";
import { qualifierReferenced, rolesOfQualified, unlistedWhy, type RunsAs, type Unlisted } from "./runs-as";
import { canRole } from "./role-access";
import { roleLabel, routeVersions, type RoleAnswer } from "./route-line";
import { qualifiedFunctionName, unqualifiedFunctionArn, parseArn } from "./arn";
import { contextError, QuestionError } from "./context-arg";
import { contextValueProblem } from "./context-value-types";
import type { UserModel } from "./user-model";
import { isUserArn } from "./users-not-read";
import { addTo } from "@/lib/multimap";
import { ACTION_SHAPE } from "./action-shape";
import { unreadGuardrails, unreadWording } from "./organization";
import { IDENTITY_SIDE_ONLY, resourcePolicyNotRead } from "./resource-side";
import { namedResource } from "./resource-name";

export { QuestionError };
export type { RoleAnswer };

const ContextValue = z.union([z.string(), z.array(z.string())], { error: "a context value is a string or an array of strings" });

/**
 * Context values whose key's type is known must be of it: `aws:SourceIp=not-an-ip` matched no IpAddress condition,
 * and the answer read as a real "denied" or "allowed".
 */
const Context = z.record(z.string(), ContextValue).superRefine((context, ctx) => {
  for (const [key, value] of Object.entries(context)) {
    const problem = contextValueProblem(key, value);
    if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
  }
});

export const QuestionSchema = z.object({
  // Worded after the field's name, which ask() puts first ("action: must look like …"). Trimmed as the box trims:
  // a space pasted after an ARN is no part of it, and kept it made the resource match nothing ("denied").
  principal: z.string().trim().min(1, "required (a role ARN, an IAM user ARN, or a function name or ARN)"),
  action: z
    .string()
    .trim()
    .regex(ACTION_SHAPE, "must look like service:Action")
    .superRefine((action, ctx) => {
      if (/[*?]/.test(action)) ctx.addIssue({ code: "custom", message: patternRefusal(action) });
    }),
  resource: z.string().trim().min(1, "required (an ARN, or *)"),
  context: Context.default({}),
  contextComplete: z.boolean().default(false),
});
export type Question = z.input<typeof QuestionSchema>;

/**
 * Why a pattern is no question: matched as one request's action, `sqs:Delete*` missed a Deny of sqs:DeleteQueue
 * (answering allowed) and an Allow of sqs:DeleteMessage alone (answering denied). So it names what to ask instead.
 */
function patternRefusal(action: string): string {
  const covered = expandActionPattern(action).map((a) => a.name);
  const lead = `${action} is a pattern, and a request names one action`;
  if (covered.length === 0) return `${lead}: it covers none in the IAM action catalog`;
  if (covered.length === 1) return `${lead}: ask ${covered[0]}`;
  return `${lead}: ask one of the ${covered.length} it covers (${covered.slice(0, 5).join(", ")}${covered.length > 5 ? ", …" : ""})`;
}

export interface DecidingStatement {
  effect: "Allow" | "Deny";
  policy: string;
  policyKind: string;
  policyArn?: string;
  role?: string;
  /** The IAM group whose policy this is, when an IAM user holds it through the group. */
  group?: string;
  /** An SCP's or RCP's Organizations policy id, and the root, OU or account it is attached to. */
  policyId?: string;
  target?: string;
  statementIndex: number;
  sid?: string;
  /** "true" | "false" | "unknown": whether its condition held. */
  condition: string;
  matchedActions: string[];
  matchedResources: string[];
  conditionNotes: string[];
  /** StatementMatch.undocumentedValues: the policy values AWS may read otherwise, as `key "value"`. */
  undocumentedValues?: string[];
  statement: unknown;
}

/**
 * Whom an answer is about. A function or role: `role` is empty when the role it runs as is unknown (its versions or
 * aliases could not be listed). An IAM user: `user` alone, so no consumer reads it as a role.
 */
export type AnswerPrincipal = { role: string; function?: string; user?: undefined } | { user: string; role?: undefined; function?: undefined };

export interface Answer {
  decision: Decision;
  principal: AnswerPrincipal;
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
  /** A resource given by name that was asked as its one ARN, in words (resource-name.ts): "asked as arn:… (the only queue named orders)". */
  askedAs?: string;
}

const functionsByName = new WeakMap<AccountModel, Map<string, FunctionModel[]>>();

/** Functions by name, indexed once per model: a batch of thousands of questions must not scan them each time. */
function functionsNamed(model: AccountModel, name: string): FunctionModel[] {
  let index = functionsByName.get(model);
  if (index === undefined) {
    index = new Map();
    for (const f of model.functions) addTo(index, f.name, f);
    functionsByName.set(model, index);
  }
  return index.get(name) ?? [];
}

type PrincipalKind = "role" | "user" | "function";

/**
 * Up to three role ARNs, IAM user ARNs or function names whose name contains what was given (its last ARN segment),
 * those of the kind looked for first: a role or user given by name, or a function's name shortened, is the usual slip.
 */
function lookalikes(model: AccountModel, principal: string, first?: PrincipalKind): string[] {
  const needle = (principal.split(/[:/]/).pop() ?? "").toLowerCase();
  if (needle.length < 3) return [];
  const named: Record<PrincipalKind, () => Iterable<{ name: string; id: string }>> = {
    role: () => [...model.roles.values()].map((r) => ({ name: r.name, id: r.arn })),
    user: () => [...model.users.values()].map((u) => ({ name: u.name, id: u.arn })),
    function: () => model.functions.map((f) => ({ name: f.name, id: f.name })),
  };
  const kinds: PrincipalKind[] = ["role", "user", "function"];
  const order = first ? [first, ...kinds.filter((k) => k !== first)] : kinds;
  const out: string[] = [];
  for (const kind of order) {
    for (const { name, id } of named[kind]()) if (out.length < 3 && name.toLowerCase().includes(needle) && !out.includes(id)) out.push(id);
  }
  return out;
}

/** What an ARN given as principal can only be: IAM role and user ARNs name their kind, Lambda ARNs a function. */
function kindOfArn(principal: string): PrincipalKind | undefined {
  if (isUserArn(principal)) return "user";
  const arn = parseArn(principal);
  if (arn?.service === "iam" && arn.resource.startsWith("role/")) return "role";
  if (arn?.service === "lambda" && arn.resource.startsWith("function:")) return "function";
  return undefined;
}

const KIND_NAME: Record<PrincipalKind, [article: string, noun: string]> = { role: ["a", "role"], user: ["an", "IAM user"], function: ["a", "function"] };

function notFound(model: AccountModel, principal: string): QuestionError {
  const kind = principal.startsWith("arn:") ? kindOfArn(principal) : undefined;
  if (kind === "role") {
    // A role the graph draws (a function's execution role) that the snapshot lacks: say why, not "no such role".
    const runBy = model.functions.filter((f) => f.roleArn === principal).map((f) => f.name);
    const of = runBy.length ? ` (the execution role of ${runBy.slice(0, 3).join(", ")}${runBy.length > 3 ? ` and ${runBy.length - 3} more` : ""})` : "";
    if (!roleKnownAbsent(model, principal)) return new QuestionError(`role "${principal}"${of} could not be read: the snapshot's IAM data is missing or partial, so what it may do is unknown`);
    if (runBy.length) return new QuestionError(`role "${principal}"${of} does not exist in the account (deleted or renamed), so it can do nothing`);
  }
  const near = lookalikes(model, principal, kind);
  const what = kind ? `is ${KIND_NAME[kind][0]} ${KIND_NAME[kind][1]} ARN, and this snapshot holds no such ${KIND_NAME[kind][1]}` : "is neither a role nor a function in this snapshot";
  // With nothing alike to suggest, say what a principal can be: "neither a role nor a function" did not say how to
  // give one (a role by ARN only, a user too).
  const hint = near.length ? ` (did you mean ${near.join(", ")}?)` : kind ? "" : ": give a function name or ARN, a role ARN or an IAM user ARN it holds";
  return new QuestionError(`principal "${principal}" ${what}${hint}`);
}

/**
 * An IAM user ARN: the user, or an error that says why it is not there. A snapshot whose users were not read (an
 * older scan) cannot say "no such user".
 */
function resolveUser(model: AccountModel, principal: string): UserModel {
  const user = model.users.get(principal);
  if (user) return user;
  if (model.usersUnknown) {
    const which = model.users.size > 0 ? "were not all read" : "were not read";
    throw new QuestionError(`principal "${principal}" is an IAM user, but this snapshot's IAM users ${which} (${model.usersUnknown}): scan again to ask as a user`);
  }
  throw notFound(model, principal);
}

/** A resolved principal: a function or role with the roles it runs as, or an IAM user, which runs as none. */
export type ResolvedPrincipal = { runsAs: RunsAs[]; fn?: FunctionModel; user?: undefined } | { user: UserModel; runsAs: readonly never[]; fn?: undefined };

/**
 * Principal lookup: role ARN, IAM user ARN, function ARN (qualified or not), or a function name (unique across
 * regions). A qualified ARN (alias or version) runs as the role its version was published with; a weighted alias as each of
 * its versions' roles, primary first. Entries whose role is not in the snapshot stay in the list (their answer is
 * unknown); when none is readable the question cannot be asked.
 */
export function resolvePrincipal(model: AccountModel, principal: string): ResolvedPrincipal {
  const role = model.roles.get(principal);
  if (role) return { runsAs: [{ arn: role.arn, role, versions: [], share: 1 }] };
  if (isUserArn(principal)) return { user: resolveUser(model, principal), runsAs: [] };
  let fns: FunctionModel[];
  if (principal.startsWith("arn:")) {
    const fn = model.functionsByArn.get(unqualifiedFunctionArn(principal));
    fns = fn ? [fn] : [];
  } else {
    fns = functionsNamed(model, principal);
  }
  if (fns.length === 0) throw notFound(model, principal);
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
    // A Role set aside leaves no ARN to name: the record of it says why the role is unknown, not "none".
    const setAside = primary.arn === undefined ? roleSetAside(fn) : undefined;
    if (setAside) throw new QuestionError(`the execution role of ${principalName(fn, principal)} could not be read: ${setAside.message ?? "its Role was set aside"}`);
    throw new QuestionError(`the execution role of ${principalName(fn, principal)} (${primary.arn ?? "none"}) ${unreadRoleWhy(model, fn, primary)}`);
  }
  return { runsAs, fn };
}

function principalName(fn: FunctionModel, principal: string): string {
  return qualifiedFunctionName(fn.name, principal.startsWith("arn:") ? principal : fn.arn);
}

/** Why a published version's role is unknown (runs-as.ts Unlisted), as answers word it. */
function versionGapWhy(gap: Unlisted): string {
  return gap.setAside ? `its Role was set aside: ${gap.setAside}` : unlistedWhy(gap);
}

function unreadRoleWhy(model: AccountModel, fn: FunctionModel, runsAs: RunsAs): string {
  const missing = runsAs.arn === fn.roleArn ? fn.roleState === "missing" : runsAs.arn !== undefined && roleKnownAbsent(model, runsAs.arn);
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
    ...(m.source.groupName ? { group: m.source.groupName } : {}),
    ...(m.source.policyId ? { policyId: m.source.policyId } : {}),
    ...(m.source.target ? { target: m.source.target } : {}),
    statementIndex: m.statementIndex,
    sid: m.sid,
    condition: m.condition,
    matchedActions: m.matchedActions,
    matchedResources: m.matchedResources,
    conditionNotes: m.conditionNotes,
    ...(m.undocumentedValues ? { undocumentedValues: m.undocumentedValues } : {}),
    statement: m.raw,
  };
}

/**
 * A question's first schema problem, placed as its asker wrote it: a context entry by its key as typed
 * (`aws:SourceIp: "ten" is not an IP address…`; as `context.aws:SourceIp` the path read as part of the key), any other
 * field by its name (`action: …`). `field` says which kind, for callers that name their own option (the CLI's --context).
 */
export function questionIssue(error: z.ZodError, fallback = "question"): { text: string; field?: "context" } {
  const issue = error.issues[0];
  if (!issue) return { text: `invalid ${fallback}` };
  const [first, key] = issue.path;
  if (first === "context" && typeof key === "string") {
    const { message, field } = contextError(key, issue.message);
    return { text: message, field };
  }
  return { text: `${issue.path.map(String).join(".") || fallback}: ${issue.message}` };
}

export function ask(model: AccountModel, question: Question): Answer {
  const parsed = QuestionSchema.safeParse(question);
  if (!parsed.success) {
    const { text, field } = questionIssue(parsed.error);
    throw new QuestionError(text, field);
  }
  const q = parsed.data;
  const resolved = resolvePrincipal(model, q.principal);
  // A queue, key, function… given by name is asked as its ARN where the snapshot holds exactly one: a name matches no
  // policy's ARN, so its own policy would go unweighed. So is a KMS alias's ARN, as KMS authorises through it against
  // its key. The answer keeps the resource as asked, and says which ARN.
  const named = namedResource(model, q.resource, q.action);
  const resource = named && "arn" in named ? named.arn : q.resource;
  const askedAbout = { action: q.action, resource: q.resource, ...(named && "askedAs" in named ? { askedAs: named.askedAs } : {}) };
  // What the asker gave wins over what the alias implies: they may be checking another alias's answer.
  const context = named && "context" in named ? { ...named.context, ...q.context } : q.context;
  const query = { action: q.action, resource, context, contextComplete: q.contextComplete };
  // An alias ARN left as given: its note already says KMS authorises the action against the key, not the alias, and
  // the key policy's own line that the snapshot lacks it; questionNote would say the first a second time.
  const aliasAsGiven = named !== undefined && !("arn" in named) && q.resource.startsWith("arn:");
  const asked = aliasAsGiven ? undefined : questionNote(q.action, resource);
  const unread = resourcePolicyNotRead(model, resource, q.action) ? identitySideNote(resource) : undefined;
  const notes = (decision: Decision) =>
    [named?.note, decision === "explicitly-denied" ? undefined : unread, asked, decision === "allowed" ? guardrailsNote(model) : undefined].filter((n) => n !== undefined);
  if (resolved.user) {
    // Asked as the user itself, with no function: the request its invoker entries answer (identity-invokers.ts).
    const part = answerOf(canRole(model, resolved.user, query));
    return single({ user: resolved.user.arn }, part, askedAbout, notes(part.decision));
  }
  const { runsAs, fn } = resolved;
  const perRole = runsAs.map((r): RoleAnswer => {
    const base = { role: r.arn ?? "", versions: r.versions, share: r.share };
    if (!r.role || r.unlisted) {
      // Never "fine": a version whose role cannot be read may be refused, or allowed more than the others.
      const name = fn ? principalName(fn, q.principal) : q.principal;
      const reason =
        r.unlisted?.list === "aliases"
          ? `${name} runs as the role of the version alias ${r.unlisted.qualifier} points to, unknown because ${unlistedWhy(r.unlisted)}: its answer is unknown`
          : r.unlisted
            ? `${routeVersions(r)} of ${name} runs as the role it was published with, unknown because ${versionGapWhy(r.unlisted)}: its answer is unknown`
            : `${routeVersions(r)} of ${name} runs as role ${r.arn ?? "none"}, which ${fn ? unreadRoleWhy(model, fn, r) : "could not be read"}: its answer is unknown`;
      return { ...base, ...(r.unlisted ? { role: "" } : {}), decision: "conditional", statements: [], unknownKeys: [], reasons: [reason] };
    }
    const result = answerOf(canRole(model, r.role, query, fn));
    // Older snapshots hold no versions: the current role stands in, and the answer says so.
    const assumption = r.assumed
      ? [`${routeVersions(r)} of ${fn ? principalName(fn, q.principal) : q.principal} is assumed to run as the function's current role, ${r.role.name}: the snapshot holds no list of the function's versions, so the role that version was published with is not known`]
      : [];
    return { ...base, ...result, reasons: [...assumption, ...result.reasons] };
  });
  // Empty when the primary's role is unknown: the current role stands in for it only inside rolesOfQualified.
  const principal = { role: (runsAs[0]?.unlisted ? undefined : runsAs[0]?.arn) ?? "", ...(fn ? { function: q.principal.startsWith("arn:") ? q.principal : fn.arn } : {}) };
  if (perRole.length === 1) return single(principal, perRole[0] as RoleAnswer, askedAbout, notes((perRole[0] as RoleAnswer).decision));
  const combined = combine(perRole);
  const said = notes(combined.decision);
  return { ...combined, ...(said.length ? { reasons: [...combined.reasons, ...said] } : {}), principal, ...askedAbout, perRole };
}

/**
 * The SCPs (or RCPs) could not be read: an "allowed" is the account's own policies' answer, and one of them may
 * refuse it. The report says so once for the account; an answer read alone must say it too.
 */
function guardrailsNote(model: AccountModel): string | undefined {
  const unread = unreadGuardrails(model.organization);
  const said = unread && unreadWording(unread);
  return unread && said && `the organization's ${unread.name} ${said.couldNot}${unread.above ? ` (${unread.above})` : ""}: "allowed" assumes ${said.they} permit it`;
}

/**
 * The resource's own policy may exist and the snapshot does not hold it (resource-side.ts): the answer is what the
 * caller's side says, which a Deny there would still refuse (and, within the account, an Allow there naming the caller
 * would grant).
 */
function identitySideNote(resource: string): string {
  return `${IDENTITY_SIDE_ONLY}: the scan does not read the policy of ${resource}, where a Deny would refuse the request`;
}

/** The answer of a principal asked as one role or user (fields in the order consumers have always received them). */
function single(principal: AnswerPrincipal, part: Pick<Answer, "decision" | "statements" | "unknownKeys" | "reasons">, q: Pick<Answer, "action" | "resource" | "askedAs">, notes: readonly string[]): Answer {
  const { decision, statements, unknownKeys, reasons } = part;
  return { decision, principal, ...q, statements, unknownKeys, reasons: notes.length ? [...reasons, ...notes] : reasons };
}

/** The evaluator's result as an answer gives it, for a role and for an IAM user alike. */
function answerOf(result: EvaluationResult): Pick<Answer, "decision" | "statements" | "unknownKeys" | "reasons"> {
  return { decision: result.decision, statements: result.statements.map(toDeciding), unknownKeys: result.unknownKeys, reasons: result.reasons };
}

/**
 * The policies answer any question, but AWS asks some never: an action the catalog does not know (a typo), or an
 * action on a resource that is none of its types (s3:GetObject on a bucket). Said beside the answer, which stays the
 * policies' own (the user may be checking what a statement says).
 */
function questionNote(action: string, resource: string): string | undefined {
  if (/[*?]/.test(action)) return undefined;
  // Evaluated all the same (the catalog may lag AWS), but a typo's "implicitly denied" would read as a real denial.
  const unknown = actionNotInCatalog(action);
  if (unknown) return `note: ${unknown}`;
  if (mayBeAuthorisedOn(action, resource)) return undefined;
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
