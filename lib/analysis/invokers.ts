/**
 * Who can invoke a function: one entry per way in — a resource-policy grant (per principal), an event source
 * mapping, a function URL. Grants are read as a general resource policy (PutResourcePolicy documents may hold
 * Deny and any condition), so each grant is re-checked against the whole document for its own caller.
 */
import { otherCaseReading, otherCaseReadingNote, statementCoversAction } from "@/lib/policy/statement";
import { evaluateResourcePolicy, resourcePolicyDecision } from "@/lib/policy/evaluate";
import { callFromAccount, grantCallContext, grantCallerOf, grantCalls, type GrantCall } from "@/lib/policy/intended-context";
import { isAccountId } from "@/lib/policy/arn";
import { lowerKey } from "@/lib/policy/context";
import type { ConditionClause, Decision, EvaluationResult, Guardrail, PolicyDocument, RequestPrincipal, Statement } from "@/lib/policy/types";
import type { EventSourceMapping } from "@/lib/snapshot/schema";
import { otherServicePartition, serviceCallerIn } from "@/lib/policy/principal";
import type { AccountModel, FunctionModel } from "./account-model";
import type { PrincipalModel } from "./role-model";
import type { Invoker, PrincipalType } from "./types";
import { isOpen, mostOpenAnswer, weakest } from "@/lib/policy/decision";
import { canRole, roleDecision } from "./role-access";
import { limitsOf, needsLimits, type InvokerLimits } from "./invoker-limits";
import { urlCall, urlCallAnswer, urlCallerAccess, type CallerValues, type GuardrailsOf, type UrlCallAnswer } from "./url-access";
import { isOtherPartitionArn, ownPartitionValues, parseArn, withoutLatest } from "./arn";
import { awsPrincipal } from "./aws-principal";
import { outsiderInvoke } from "./outsider-invoke";
import { heldCaller } from "./held-caller";
import { guardrailsOver } from "./organization";
import { INVOKE_ASYNC, INVOKE_FUNCTION } from "./async-only";
import { mappingSettings, urlSettings, type WayInSettings } from "./way-in-settings";

/**
 * The actions that invoke a function: Invoke, a function URL call, and the deprecated InvokeAsync API, which still
 * runs the function (asynchronously) for a caller granted it alone. Order matters: a finding names the first one a
 * statement holds unless another lets the caller in more openly (`mostOpenAnswer`).
 */
export const INVOKE_ACTIONS = [INVOKE_FUNCTION, "lambda:InvokeFunctionUrl", INVOKE_ASYNC] as const;

/** The invoke actions a direct API call (not through a function URL) uses, in the order they are asked. */
export const DIRECT_INVOKE_ACTIONS: readonly string[] = Object.freeze([INVOKE_ACTIONS[0], INVOKE_ACTIONS[2]]);

/** Per bit mask of INVOKE_ACTIONS (bit i: the action at i), the frozen list of those actions in that order. */
const ACTION_LISTS: readonly (readonly string[])[] = Array.from({ length: 1 << INVOKE_ACTIONS.length }, (_, mask) =>
  Object.freeze(INVOKE_ACTIONS.filter((_, i) => mask & (1 << i))),
);
const DIRECT_MASK = 0b101;

function invokeMask(statement: Statement): number {
  let mask = 0;
  for (let i = 0; i < INVOKE_ACTIONS.length; i++) if (statementCoversAction(statement, INVOKE_ACTIONS[i] as string)) mask |= 1 << i;
  return mask;
}

/**
 * Actions of a statement that amount to invoking (Action or NotAction aware). One frozen list per combination: the
 * invoker lists keep one per grant, and the rules ask again for every grant.
 */
export function invokeActionsOf(statement: Statement): readonly string[] {
  return ACTION_LISTS[invokeMask(statement)] as readonly string[];
}

/** The statement's invoke actions a direct call can use (InvokeFunction, InvokeAsync), in the order to ask them. */
export function directInvokeActionsOf(statement: Statement): readonly string[] {
  return ACTION_LISTS[invokeMask(statement) & DIRECT_MASK] as readonly string[];
}

const lower = (s: string) => s.toLowerCase();

/**
 * Values of a condition key under positive operators (Equals/Like/Arn*, not Null), case-insensitive key match. Frozen and
 * shared: the invoker lists and five rules ask it of every grant, with the same few keys (lower-cased once each).
 */
export function conditionValues(statement: Statement, key: string): readonly string[] {
  if (statement.conditions.length === 0) return NO_VALUES;
  return positiveValuesOf(statement).get(lowerKey(key)) ?? NO_VALUES;
}

/**
 * The statement's values of an ARN key (aws:SourceArn, aws:PrincipalArn) a request of `partition` (the function's) can
 * carry: a caller's ARN, and a source's, is of its own partition, so a value of another partition names no caller
 * (isOtherPartitionArn), as the invoker list shows it. The rules read these keys through this.
 */
export function ownPartitionArns(statement: Statement, key: string, partition: string): readonly string[] {
  return ownPartitionValues(conditionValues(statement, key), partition);
}

/** Keys whose values are ARNs a caller's request carries: the resource a service calls for, and the caller's own. */
const PARTITIONED_KEYS = ["aws:SourceArn", "aws:PrincipalArn"] as const;

/**
 * The key (of PARTITIONED_KEYS) one of whose clauses no request of `partition` passes (otherPartitionClause): the
 * statement lets no caller in (the invoker list shows its ways in; the rules skip it).
 */
export function otherPartitionOnlyKey(statement: Statement, partition: string): string | undefined {
  if (statement.conditions.length === 0) return undefined;
  return PARTITIONED_KEYS.find((key) => otherPartitionClause(statement, key, partition) !== undefined);
}

/**
 * A clause on `key` that every value of names another partition than `partition`, under an operator a request without
 * the key fails too. Each clause is weighed alone: "If your policy statement has multiple condition operators, the
 * condition operators are evaluated using a logical AND" (IAM user guide, reference_policies_multi-value-conditions.html),
 * so one such clause shuts the statement whatever another clause on the key lists (`ArnLike` a commercial role beside
 * `StringLike` a China one).
 */
export function otherPartitionClause(statement: Statement, key: string, partition: string): ConditionClause | undefined {
  const k = lower(key);
  return statement.conditions.find(
    (c) => lower(c.key) === k && !isValuelessOperator(c.operator) && !holdsWithoutKey(c.operator) && c.values.length > 0 && c.values.every((v) => isOtherPartitionArn(v, partition)),
  );
}

/**
 * Whether a clause under `operator` holds for a request that does not carry its key (`…IfExists`; `ForAllValues:` over
 * an empty set): a service call carries no aws:PrincipalArn, so such a clause lets it in whatever partition its values
 * name.
 */
function holdsWithoutKey(operator: string): boolean {
  return /ifexists$/i.test(operator) || /^forallvalues:/i.test(operator);
}

const NO_VALUES: readonly string[] = Object.freeze([]);
const NO_CONDITIONS = new Map<string, string[]>();
const positiveValues = new WeakMap<Statement, Map<string, string[]>>();

/**
 * Whether an operator's values are not values of its key: negated ones (StringNotEquals, ArnNotLike, …), and Null,
 * whose "true"/"false" says whether the key is there. The few operators in use are cached.
 */
const valuelessOperators = new Map<string, boolean>();

function isValuelessOperator(operator: string): boolean {
  let valueless = valuelessOperators.get(operator);
  if (valueless === undefined) {
    valueless = /not/i.test(operator.replace(/^For(Any|All)Values:/, "")) || /^null$/i.test(operator);
    if (valuelessOperators.size < 1_000) valuelessOperators.set(operator, valueless); // operators come from policy text
  }
  return valueless;
}

/** Per lower-cased key, the values under positive operators; read once per statement (invokers and rules ask often). */
function positiveValuesOf(statement: Statement): Map<string, string[]> {
  if (statement.conditions.length === 0) return NO_CONDITIONS;
  let byKey = positiveValues.get(statement);
  if (!byKey) {
    byKey = new Map();
    for (const c of statement.conditions) {
      if (isValuelessOperator(c.operator)) continue;
      const k = lower(c.key);
      byKey.set(k, [...(byKey.get(k) ?? []), ...c.values]);
    }
    for (const values of byKey.values()) Object.freeze(values); // shared by every caller
    positiveValues.set(statement, byKey);
  }
  return byKey;
}

/**
 * Values a summary names before counting the rest. A statement listing hundreds of SourceArns is one way in per
 * source, each carrying the summary: written whole, the report would grow with the square of the list.
 */
const SUMMARY_VALUES = 10;

function valuesText(values: readonly string[]): string {
  if (values.length <= SUMMARY_VALUES) return values.join(" | ");
  return `${values.slice(0, SUMMARY_VALUES).join(" | ")} | … (${values.length - SUMMARY_VALUES} more)`;
}

function clauseText(c: ConditionClause): string {
  const key = c.key.replace(/^aws:/i, "");
  return `${key} ${c.operator.replace(/^(String|Arn)(Equals|Like)$/, "=")} ${valuesText(c.values)}`;
}

export function conditionSummary(statement: Statement): string | undefined {
  const parts = statement.conditions.map(clauseText);
  const np = statement.notPrincipal;
  if (np) parts.unshift(`NotPrincipal ${valuesText([...np.aws, ...np.service, ...np.federated, ...np.canonicalUser]) || "*"}`);
  return parts.length === 0 ? undefined : parts.join("; ");
}

/** A value that pins something only if it has no wildcard (lambda-permissions.md §3.3). */
export function isFixed(value: string): boolean {
  return value.length > 0 && !/[*?]|\$\{/.test(value);
}

/** Does a SourceArn (or PrincipalArn) pin the account? S3 bucket ARNs carry none; a wildcard account segment pins nothing. */
export function sourceArnPinsAccount(value: string): boolean {
  const account = parseArn(value)?.account ?? "";
  return /^\d{12}$/.test(account);
}

/** Condition keys that limit callers, or the resources a service calls for, to an organization (or a path in one). */
const ORG_KEYS = ["aws:principalorgid", "aws:sourceorgid", "aws:principalorgpaths", "aws:sourceorgpaths"];

/** The organization a value pins: an id, or a path whose first segment is one (`o-a1b2c3d4e5/r-ab12/ou-…/*`). */
function organizationOf(key: string, value: string): string | undefined {
  if (!key.endsWith("paths")) return isFixed(value) ? value : undefined;
  return /^(o-[a-z0-9]{10,32})\//.exec(value)?.[1];
}

/**
 * The organizations a statement pins its callers to, each with the key (as written) that does it: a clause counts
 * only when a request without the key fails it and every value pins one (`o-*` or a bare `*` pins nothing).
 * SourceOrgID/SourceOrgPaths pin the owner of the resource a service calls for: AWS's confused-deputy protection
 * at organization scale, beside SourceArn and SourceAccount (the services' "confused deputy prevention" pages).
 */
export function organizationsOf(statement: Statement): { org: string; key: string }[] {
  const out: { org: string; key: string }[] = [];
  for (const c of statement.conditions) {
    const key = lower(c.key);
    if (!ORG_KEYS.includes(key) || passesWithoutKey(c.operator) || isValuelessOperator(c.operator)) continue;
    const orgs = c.values.map((v) => organizationOf(key, v));
    if (orgs.length === 0 || orgs.some((o) => o === undefined)) continue;
    for (const org of new Set(orgs as string[])) out.push({ org, key: c.key });
  }
  return out;
}

/** Keys whose value is the caller's account (or ARN), or the account of the resource a service calls for. */
const ACCOUNT_KEYS: readonly string[] = ["aws:principalaccount", "aws:principalarn", "aws:sourceaccount", "aws:sourceowner"];

/**
 * The keys among them that name the calling principal's own account: a grant they confine lets in IAM principals of
 * those accounts, each under its account's SCPs, where the source keys let in services, which no SCP limits.
 */
export const PRINCIPAL_ACCOUNT_KEYS: readonly string[] = ["aws:principalaccount", "aws:principalarn"];

const RESOURCE_ACCOUNT_VARIABLE = /\$\{aws:ResourceAccount\}/gi;

/**
 * The accounts a condition confines callers to (their principals, or services acting for their resources): those
 * every clause on an account key names, when each of its values names one, under an operator a request without the
 * key fails. Clauses hold together, so their accounts intersect. `resourceAccount`, the account of the resource the
 * policy guards, is what `${aws:ResourceAccount}` stands for (the data-perimeter idiom "aws:PrincipalAccount =
 * ${aws:ResourceAccount}"). `keys` (lower-cased) narrows which keys count: PRINCIPAL_ACCOUNT_KEYS for the accounts
 * whose principals alone it lets in.
 */
export function confiningAccounts(statement: Statement, resourceAccount?: string, keys: readonly string[] = ACCOUNT_KEYS): string[] | undefined {
  let confined: string[] | undefined;
  for (const c of statement.conditions) {
    const key = lower(c.key);
    if (!keys.includes(key) || c.values.length === 0) continue;
    if (passesWithoutKey(c.operator) || isValuelessOperator(c.operator)) continue;
    const values = resourceAccount ? c.values.map((v) => v.replace(RESOURCE_ACCOUNT_VARIABLE, resourceAccount)) : c.values;
    const accounts = values.map((v) => (key === "aws:principalarn" ? (sourceArnPinsAccount(v) ? parseArn(v)?.account : undefined) : v));
    if (!accounts.every((a): a is string => a !== undefined && /^\d{12}$/.test(a))) continue;
    confined = confined ? confined.filter((a) => accounts.includes(a)) : [...new Set(accounts)];
  }
  return confined;
}

interface PrincipalEntry {
  principal: string;
  type: PrincipalType;
  /** The caller to ask the document for. */
  request: RequestPrincipal;
}

function principalsOf(statement: Statement, partition: string): PrincipalEntry[] {
  // Allow with NotPrincipal: everyone but the listed principals, anonymous callers included.
  if (statement.notPrincipal) return [{ principal: "*", type: "public", request: { type: "anonymous", id: "*" } }];
  const p = statement.principal;
  if (!p) return [];
  const out: PrincipalEntry[] = [];
  if (p.wildcard) out.push({ principal: "*", type: "public", request: { type: "anonymous", id: "*" } });
  for (const s of p.service) out.push({ principal: s, type: "service", request: serviceCallerIn(s, partition) });
  for (const a of p.aws) {
    if (a === "*") continue;
    const { type, account, request } = awsPrincipal(a, partition);
    out.push({ principal: type === "account" ? account ?? a : a, type, request });
  }
  // Lambda grants neither, but a hand-written document may hold them: listed as unknown, never dropped. The
  // evaluator reads an Allow naming one as conditional (Lambda may not honour it).
  for (const f of p.federated) out.push({ principal: f, type: "unknown", request: { type: "federated", id: f } });
  for (const c of p.canonicalUser) out.push({ principal: c, type: "unknown", request: { type: "canonical-user", id: c } });
  return out;
}

/** Appends to `invokers` (no intermediate list per policy). */
function addGrantInvokers(invokers: Invoker[], model: AccountModel, fn: FunctionModel, qualifiedArn: string, policy: PolicyDocument): void {
  const partition = parseArn(fn.arn)?.partition ?? "aws";
  for (const statement of policy.statements) {
    if (statement.effect !== "Allow") continue;
    const actions = invokeActionsOf(statement);
    if (actions.length === 0) continue;
    // One way in per source the statement lets in (SourceArn may list several topics, buckets, rules).
    const sourceArns = conditionValues(statement, "aws:SourceArn");
    const sourceAccounts = sourceAccountsOf(statement);
    const orgId = organizationsOf(statement)[0]?.org;
    // A URL call takes InvokeFunctionUrl and InvokeFunction: a URL-gated grant of InvokeAsync alone is no part of one.
    const urlOnly = isUrlOnlyGrant(statement) && actions[0] !== INVOKE_ACTIONS[2];
    const summary = conditionSummary(statement);
    const principals = principalsOf(statement, partition);
    const perSource: readonly (string | undefined)[] = sourceArns.length > 0 && !tooManyPairs(principals.length, sourceArns.length) ? sourceArns : NO_SOURCE;
    // Principal ARNs of another partition shut every way in of the statement: found once, not per principal.
    const otherPrincipals = otherPartitionClause(statement, "aws:PrincipalArn", partition);
    const grant: Grant = { model, fn, qualifiedArn, policy, statement, actions, urlOnly, partition, sourceArns, orgId, summary, otherPrincipals };
    for (const entry of principals) {
      const perAccount = accountAnswers(grant, entry, sourceAccounts);
      if (!perAccount) {
        const answer = wayInAnswer(grant, entry);
        for (const sourceArn of perSource) pushWayIn(invokers, grant, entry, sourceArn, sourceAccounts[0], answer);
        continue;
      }
      const open = perAccount.filter((a) => isOpen(a.answer.decision));
      // Past MAX_PAIRS, one way in per source stands for every account: the most open answer, the summary names them.
      if (open.length > 0 && tooManyPairs(principals.length * perSource.length, open.length)) {
        const best = mostOpenAnswer(open, (a) => a.answer, (a) => a.decision)!;
        for (const sourceArn of perSource) pushWayIn(invokers, grant, entry, sourceArn, undefined, best);
        continue;
      }
      for (const sourceArn of perSource) {
        // A source ARN naming an account is that account's resource: its requests carry that account, no other.
        const owner = sourceArn === undefined || !sourceArnPinsAccount(sourceArn) ? undefined : parseArn(sourceArn)?.account;
        const callers = open.filter((a) => owner === undefined || a.account === owner);
        if (callers.length === 0) pushWayIn(invokers, grant, entry, sourceArn, undefined, noAccountAnswer(perAccount, owner));
        for (const { account, answer } of callers) pushWayIn(invokers, grant, entry, sourceArn, account, answer);
      }
    }
  }
}

/** What addGrantInvokers asks of every principal of one statement. */
interface Grant {
  model: AccountModel;
  fn: FunctionModel;
  qualifiedArn: string;
  policy: PolicyDocument;
  statement: Statement;
  actions: readonly string[];
  urlOnly: boolean;
  partition: string;
  sourceArns: readonly string[];
  orgId: string | undefined;
  summary: string | undefined;
  /** The statement's aws:PrincipalArn clause no request of `partition` passes (otherPartitionClause), if any. */
  otherPrincipals: ConditionClause | undefined;
}

/** One way in: the statement's principal `entry`, from one source (or all) and one source account (or none named). */
function pushWayIn(invokers: Invoker[], grant: Grant, entry: PrincipalEntry, sourceArn: string | undefined, sourceAccount: string | undefined, { decision, reason, limits }: WayInAnswer): void {
  const { fn, qualifiedArn, policy, statement, actions, urlOnly, partition, sourceArns, orgId } = grant;
  invokers.push({
    via: "resource-policy",
    principal: entry.principal,
    principalType: orgId && entry.type === "public" ? "organization" : entry.type,
    sourceArn,
    sourceAccount,
    orgId,
    public: entry.type === "public" && isAnonymousGrant(fn, qualifiedArn, statement) && isOpen(decision) && (urlOnly || outsiderGetsIn(policy, statement, qualifiedArn, partition)),
    sid: statement.sid ?? `#${statement.index}`,
    statementIndex: statement.index,
    qualifier: qualifiedArn === fn.arn ? undefined : qualifiedArn,
    actions,
    urlOnly: urlOnly || undefined,
    ...(statement.notPrincipal ? { notPrincipal: true as const } : {}),
    conditionSummary: grant.summary,
    // A way in past MAX_PAIRS stands for every source of the statement.
    ...sourceAnswer(sourceArn === undefined ? sourceArns : [sourceArn], partition, decision, reason, limits),
  });
}

interface WayInAnswer {
  decision: Decision;
  reason?: string;
  limits?: InvokerLimits;
}

/**
 * The accounts a statement's aws:SourceAccount and aws:SourceOwner values name (the owner of the resource a service
 * calls for), each once, when every value is one (a pattern or a variable names none).
 */
function sourceAccountsOf(statement: Statement): readonly string[] {
  const values = [...conditionValues(statement, "aws:SourceAccount"), ...conditionValues(statement, "aws:SourceOwner")];
  return values.length === 0 ? NO_VALUES : [...new Set(values)];
}

/**
 * A service's (or `*`'s) way in asked once per account the source keys name, as a request from that account
 * (callFromAccount, as cross-account-invoke asks): `StringEquals aws:SourceAccount [A, B]` lets both in, and
 * `aws:SourceAccount` A beside an `aws:SourceArn` of B's lets neither. Undefined where that asks nothing new: no such
 * account, a value that is none (a pattern), a direct caller (which sends no source keys), or one account whose
 * request is the intended caller's.
 */
function accountAnswers(grant: Grant, entry: PrincipalEntry, accounts: readonly string[]): { account: string; answer: WayInAnswer }[] | undefined {
  if (accounts.length === 0 || grantCallerOf(entry.type) === "direct" || !accounts.every(isAccountId)) return undefined;
  const calls = grantCallsOf(grant.policy, grant.statement, entry);
  if (accounts.length === 1 && calls.every((call) => callFromAccount(call, grant.statement, accounts[0]!) === call)) return undefined;
  return accounts.map((account) => ({ account, answer: wayInAnswer(grant, entry, account) }));
}

/** A way in no request of the accounts it names can use: the first account's answer, said why. */
function noAccountAnswer(perAccount: readonly { account: string; answer: WayInAnswer }[], owner: string | undefined): WayInAnswer {
  const { answer } = perAccount[0]!;
  const accounts = valuesText(perAccount.map((a) => a.account));
  const reason = owner
    ? `the source is account ${owner}'s, and aws:SourceAccount/SourceOwner let in ${accounts} only: no request carries both`
    : `no request from ${accounts} (aws:SourceAccount/SourceOwner) meets the statement's other conditions: a source's account is its owner's`;
  return isOpen(answer.decision) ? { decision: "implicitly-denied", reason } : { ...answer, reason: answer.reason ?? reason };
}

/**
 * How far one principal of a grant gets in, why, and what limits it; `from`: asked as a request of that account
 * (callFromAccount).
 */
function wayInAnswer(grant: Grant, entry: PrincipalEntry, from?: string): WayInAnswer {
  const { model, fn, qualifiedArn, policy, statement, actions, urlOnly, partition, otherPrincipals } = grant;
  const direct = urlOnly ? undefined : directInvokeActionsOf(statement);
  // A URL call is as much the account's principals' as a direct one: within their SCPs (ownAccountGuardrails).
  // Made for URL-only grants alone, and unnamed (a conditional's arm): see grantDecision on tsx's kept names.
  const guardrails: GuardrailsOf | undefined = urlOnly ? (action: string) => ownAccountGuardrails(model, statement, entry, action, qualifiedArn) : undefined;
  let decision = direct
    ? grantDecision(model, policy, statement, entry, direct, qualifiedArn, from)
    : (urlGrantAnswer(model, fn, qualifiedArn, entry.request, grantCallsOf(policy, statement, entry, from)[0]!.values, guardrails)?.decision ??
      grantDecision(model, policy, statement, entry, actions.slice(0, 1), qualifiedArn, from));
  // `*` is anyone: the intended caller leaves a negated principal key unknown (StringNotEquals aws:PrincipalAccount B
  // is every account but B), yet an account the policy names nowhere gets in for certain, as public-invoke asks.
  if (entry.type === "public" && direct && from === undefined && decision === "conditional" && outsiderInvoke(policy, statement, qualifiedArn, partition, direct).decision === "allowed") {
    decision = "allowed";
  }
  // A name in another partition's domain (.cn outside aws-cn) is that partition's service, which never calls here: this
  // way in lets no one in, even where another statement lets in this partition's service it was asked as
  // (serviceCallerIn).
  const otherService = entry.type === "service" ? otherServicePartition(entry.principal, partition) : undefined;
  if (otherService) decision = "implicitly-denied";
  // Sources of another partition are answered per source (sourceAnswer); principal ARNs for the whole way in.
  if (otherPrincipals) decision = "implicitly-denied";
  // A role or user of the account is refused by its own Deny (a user's groups', an SCP) whatever the function
  // policy grants, a role by its boundary too: the grant is as open as the caller's own answer lets it be (URL
  // calls are asked of the role already).
  const caller = direct && isOpen(decision) ? grantCaller(model, statement, entry) : undefined;
  if (direct && caller) decision = weakest(decision, mostOpenAnswer(direct, (action) => roleDecision(model, caller.model, { action, resource: qualifiedArn, session: caller.session }), (d) => d) ?? decision);
  // A role or user of the account the snapshot does not hold: its Denies (a role's boundary too), which could
  // refuse what the grant allows (lambda-permissions.md §5.2), are unknown, so the grant lets it in only
  // conditionally.
  let reason = otherService
    ? otherPartitionNote(`${entry.principal} is ${otherService === "aws-cn" ? "China" : otherService}'s service`, partition)
    : otherPrincipals
      ? otherPartitionNote(`principal ARN ${valuesText(otherPrincipals.values)} (aws:PrincipalArn)`, partition)
      : undefined;
  const notHeld = NOT_HELD[entry.type];
  if (notHeld && isOpen(decision) && !(caller ?? heldCaller(model, entry.type, entry.principal)) && parseArn(entry.principal)?.account === model.account) {
    decision = weakest(decision, "conditional");
    // Said apart from the condition summary, which would otherwise read as the cause.
    reason = notHeld;
  }
  // A Principal (NotPrincipal) spelled `ARN:…` or `arn:AWS:…` that decides whether the grant names its caller: the
  // edge reads "may be denied", and the evaluator's note is why, outside the statement's conditions as the above.
  const otherCase = decision === "conditional" ? otherCaseReading(statement, entry.request, qualifiedArn, PRINCIPAL_CHECK) : undefined;
  if (otherCase) reason = [reason, otherCaseReadingNote(otherCase)].filter(Boolean).join("; ");
  const limits = needsLimits(decision)
    ? ((urlOnly ? urlLimits(model, fn, qualifiedArn, entry.request, grantCallsOf(policy, statement, entry, from)[0]!.values, guardrails) : undefined) ??
      grantLimits(model, policy, statement, entry, direct ?? actions, qualifiedArn, from))
    : undefined;
  return { decision, ...(reason ? { reason } : {}), ...(limits ? { limits } : {}) };
}

/** The note on a way in (or, `names` "they name", some of its sources) that names no caller because it is of another partition. */
function otherPartitionNote(what: string, partition: string, names = "it names"): string {
  return `${what}: another partition than the function's (${partition}), and resource-based policies let in callers of their own partition only, so ${names} no caller`;
}

/**
 * A way in's decision, reason and limits for the sources it stands for (one, or all of its statement's past
 * MAX_PAIRS). A fixed source ARN of another partition than the function's (`arn:aws:s3:::b` on an aws-cn function) is
 * no resource a service of this partition calls for: a way in whose every source is one lets no one in, whatever the
 * statement's answer for its other sources. One standing for several of which only some are: its answer is the
 * others', and its reason names those that let no one in, as the ways in per source would each say.
 */
function sourceAnswer(sources: readonly string[], partition: string, decision: Decision, reason: string | undefined, limits: InvokerLimits | undefined) {
  const other = sources.filter((s) => isOtherPartitionArn(s, partition));
  if (other.length === 0) return { decision, ...(reason ? { reason } : {}), ...limits };
  const partitions = [...new Set(other.map((s) => parseArn(s)?.partition))].join(", ");
  const one = other.length === 1;
  const where = `${one ? `${other[0]} is` : `${valuesText(other)} are`} in partition ${partitions}`;
  if (other.length < sources.length) {
    const note = otherPartitionNote(`of its sources, ${where}`, partition, one ? "it names" : "they name");
    return { decision, reason: reason ? `${reason}; ${note}` : note, ...limits };
  }
  const note = otherPartitionNote(`${one ? "source" : "sources"} ${where}`, partition);
  return isOpen(decision) ? { decision: "implicitly-denied" as const, reason: note } : { decision, reason: reason ?? note, ...limits };
}

const NO_SOURCE: readonly undefined[] = [undefined];

/**
 * The role or user of the snapshot a grant lets in: the one it names, or the one a `*` grant's aws:PrincipalArn pins
 * (one fixed ARN, under an operator a request without the key fails), which lets in that role alone, its sessions
 * carrying the role's ARN in the key.
 */
function grantCaller(model: AccountModel, statement: Statement, entry: PrincipalEntry): ReturnType<typeof heldCaller> {
  if (entry.type !== "public") return heldCaller(model, entry.type, entry.principal);
  if (statement.notPrincipal) return undefined;
  const arns = gatingValues(statement, "aws:principalarn");
  if (arns.length !== 1 || !isFixed(arns[0]!)) return undefined;
  const arn = arns[0]!;
  return heldCaller(model, parseArn(arn)?.resource.startsWith("user/") ? "user" : "role", arn);
}

const PRINCIPAL_CHECK = { checkPrincipal: true } as const;

const NOT_HELD: Partial<Record<PrincipalType, string>> = {
  role: "role not in the snapshot, so its permissions boundary and Denies are unknown",
  user: "user not in the snapshot, so its Denies are unknown",
};

/**
 * Most ways in one statement may list as principal × source pairs. A statement naming many principals and many
 * sources makes their product (100 accounts × 100 topics fit the 20 KB policy quota: 10,000 ways in, each a graph
 * node and edge); past this many, each principal is one way in, whose condition summary names the sources and
 * counts those it leaves out. One principal, or one source, keeps a way in per source.
 */
const MAX_PAIRS = 1_000;

function tooManyPairs(principals: number, sources: number): boolean {
  return principals > 1 && sources > 1 && principals * sources > MAX_PAIRS;
}

/** The public-invoke finding's probe (a Deny "unless SourceAccount is ours" shuts out direct calls): drawn alike. */
export function outsiderGetsIn(policy: PolicyDocument, statement: Statement, qualifiedArn: string, partition: string): boolean {
  return isOpen(outsiderInvoke(policy, statement, qualifiedArn, partition, directInvokeActionsOf(statement)).decision);
}

/**
 * A grant only a URL can use lets its caller in only as far as a URL call gets through, which takes both URL
 * actions (lambda-permissions.md §3.4): the same answer the URL rules give. No URL there: nothing to call through.
 * Undefined where the URL is unknown (its configuration unread): the grant's own decision stands. The invoker list
 * and cross-account-invoke both read URL-only grants through it, with `values` the grant's intended context: the
 * caller is the one the statement was written for, as grantDecision asks any other grant (CloudFront calls for the
 * distribution its grant names). With the answers the decision weighs, whose evidence says why (none without a URL).
 */
export function urlGrantAnswer(model: AccountModel, fn: FunctionModel, qualifiedArn: string, caller: RequestPrincipal, values: CallerValues, guardrails?: GuardrailsOf): UrlCallAnswer | undefined {
  const auth = urlAuthTypeOf(fn, qualifiedArn);
  if (auth === undefined) return undefined;
  const url = fn.urls.find((u) => u.qualifiedArn === qualifiedArn);
  return url ? urlCallAnswer(model, fn, url, caller, undefined, values, guardrails) : { decision: "implicitly-denied", results: [] };
}

/**
 * The requests a grant's principal can make: a service's, a direct call's, or (`*`) both (intended-context.ts); with
 * `from`, made from that account (callFromAccount).
 */
function grantCallsOf(policy: PolicyDocument, statement: Statement, entry: PrincipalEntry, from?: string): readonly GrantCall[] {
  const calls = grantCalls(policy, statement, grantCallerOf(entry.type));
  return from === undefined ? calls : calls.map((call) => callFromAccount(call, statement, from));
}

/**
 * Whether the whole document lets the grant's caller in with one of `actions` (InvokeFunction, InvokeAsync): the most
 * open answer, each action asked with the context keys its requests can carry — none of the source keys when the
 * caller calls directly, as public-invoke asks — and, for the function's own account, within its SCPs.
 */
function grantDecision(model: AccountModel, policy: PolicyDocument, statement: Statement, entry: PrincipalEntry, actions: readonly string[], resource: string, from?: string): Decision {
  // Closures passed in place, not named: tsx's kept names cost a defineProperty per named one made (see roleRequest).
  return mostOpenAnswer(grantCallsOf(policy, statement, entry, from), (call) => grantCallDecision(model, policy, statement, entry, actions, resource, call), (d) => d) ?? "implicitly-denied";
}

/** grantDecision's answer for one of the requests the grant's principal can make. */
function grantCallDecision(model: AccountModel, policy: PolicyDocument, statement: Statement, entry: PrincipalEntry, actions: readonly string[], resource: string, call: GrantCall): Decision {
  const answer = mostOpenAnswer(
    actions,
    (action) => {
      const request = { principal: entry.request, action, resource, context: grantCallContext(call, action) };
      const guardrails = ownAccountGuardrails(model, statement, entry, action, resource);
      return guardrails ? evaluateResourcePolicy(policy, request, guardrails).decision : resourcePolicyDecision(policy, request);
    },
    (d) => d,
  );
  return answer ?? "implicitly-denied";
}

/**
 * The SCPs over a grant to the function's own account: it lets in the account's principals, each of them under its
 * SCPs (a role or user the grant names is asked as itself, roleDecision). So does a `*` grant whose principal keys
 * (aws:PrincipalAccount, aws:PrincipalArn) confine it to the account, weighed as the ARN it names if one: "SCPs affect
 * only IAM users and roles that are managed by accounts that are part of the organization" (orgs_manage_policies_scps.html),
 * whoever grants them. An organization's id confines nothing here: its other accounts' SCPs are not the snapshot's, and
 * its management account is under none. Undefined for any other grant, or none.
 */
function ownAccountGuardrails(model: AccountModel, statement: Statement, entry: PrincipalEntry, action: string, resource: string): readonly Guardrail[] | undefined {
  if (entry.type === "account" && entry.request.account === model.account) {
    return guardrailsOver(model.organization, model.account, entry.request.id, model.account, action, resource);
  }
  if (entry.type !== "public" || statement.notPrincipal) return undefined;
  const accounts = confiningAccounts(statement, model.account, PRINCIPAL_ACCOUNT_KEYS);
  if (accounts?.length !== 1 || accounts[0] !== model.account) return undefined;
  const arns = conditionValues(statement, "aws:PrincipalArn");
  const caller = arns.length === 1 && isFixed(arns[0]!) ? arns[0]! : `arn:${parseArn(resource)?.partition ?? "aws"}:iam::${model.account}:root`;
  return guardrailsOver(model.organization, model.account, caller, model.account, action, resource);
}

/**
 * What makes a grant's answer conditional or refused beyond its own statement (invoker-limits.ts): the whole
 * document asked as grantDecision asks it, with evidence, and for a role or user of the account its own policies (and
 * boundary) as the caller's answer weighs them. Asked only for those answers, a few of the account's grants.
 */
function grantLimits(model: AccountModel, policy: PolicyDocument, statement: Statement, entry: PrincipalEntry, actions: readonly string[], resource: string, from?: string): InvokerLimits {
  const answers: EvaluationResult[] = [];
  for (const call of grantCallsOf(policy, statement, entry, from)) {
    for (const action of actions) {
      const request = { principal: entry.request, action, resource, context: grantCallContext(call, action) };
      answers.push(evaluateResourcePolicy(policy, request, ownAccountGuardrails(model, statement, entry, action, resource)));
    }
  }
  const caller = grantCaller(model, statement, entry);
  if (caller) for (const action of actions) answers.push(canRole(model, caller.model, { action, resource, session: caller.session }));
  return limitsOf(answers, resource);
}

/**
 * What makes a call through the URL on `qualifiedArn` conditional or refused, from the two answers urlCall weighs;
 * undefined where there is no URL there to ask about.
 */
function urlLimits(model: AccountModel, fn: FunctionModel, qualifiedArn: string, caller: RequestPrincipal, values?: CallerValues, guardrails?: GuardrailsOf): InvokerLimits | undefined {
  const url = fn.urls.find((u) => u.qualifiedArn === qualifiedArn);
  if (!url) return undefined;
  const access = urlCallerAccess(model, fn, url, caller, undefined, values, guardrails);
  return limitsOf([access.url, access.invoke], qualifiedArn);
}

/** Condition keys that narrow a `*` principal to known callers (lambda-permissions.md §3.3). */
const NARROWING_KEYS = [
  "aws:sourceaccount",
  "aws:sourceowner",
  "aws:principalaccount",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "lambda:eventsourcetoken",
];

/** ARN keys whose value pins callers when it is fixed or names the account (any resource of it, any role of it). */
const ARN_KEYS = ["aws:sourcearn", "aws:principalarn"];

/**
 * Negated, IfExists and ForAllValues operators hold when the request lacks the key (a direct call carries no
 * aws:SourceAccount, a principal outside any organization no aws:PrincipalOrgID): they narrow nothing.
 */
function passesWithoutKey(operator: string): boolean {
  return /not/i.test(operator) || /IfExists$/i.test(operator) || /^ForAllValues:/i.test(operator);
}

/**
 * True when a wildcard-principal grant has no condition that pins callers to an account, organization, source or VPC, or to
 * signed requests (`lambda:FunctionUrlAuthType` = AWS_IAM: "not public, the caller must sign", §3.3).
 */
export function isPublicGrant(statement: Statement): boolean {
  if (organizationsOf(statement).length > 0) return false;
  for (const c of statement.conditions) {
    const key = lower(c.key);
    if (passesWithoutKey(c.operator) || isValuelessOperator(c.operator)) continue;
    const values = c.values.map(withOwnAccount);
    if (NARROWING_KEYS.includes(key) && values.every(isFixed)) return false;
    if (key === "lambda:functionurlauthtype" && values.length > 0 && values.every((v) => v === "AWS_IAM")) return false;
    if (ARN_KEYS.includes(key) && values.every((v) => isFixed(v) || sourceArnPinsAccount(v))) return false;
  }
  return true;
}

/**
 * `${aws:ResourceAccount}` is the policy's own account, one fixed account: which one does not matter to the tests of
 * what a value pins (isPublicGrant, confused-deputy).
 */
export function withOwnAccount(value: string): string {
  return value.includes("${") ? value.replace(RESOURCE_ACCOUNT_VARIABLE, "000000000000") : value;
}

/**
 * A grant usable only through a function URL: its invoke actions are InvokeFunctionUrl, or InvokeFunction (or
 * InvokeAsync) gated by `lambda:InvokedViaFunctionUrl` = true or by a value of `lambda:FunctionUrlAuthType`, under an
 * operator a request without the key fails (direct Invoke calls carry neither key, §3.4, and InvokeAsync calls none
 * of Lambda's keys; findings.md leaves both kinds of grant to the URL rules).
 */
export function isUrlOnlyGrant(statement: Statement): boolean {
  const mask = invokeMask(statement);
  if (mask === 0) return false;
  if ((mask & DIRECT_MASK) === 0) return true;
  if (gatedUrlAuthTypes(statement).length > 0) return true;
  return gatingValues(statement, "lambda:invokedviafunctionurl").some((v) => v.toLowerCase() === "true");
}

/** The `lambda:FunctionUrlAuthType` values a statement gates on (a grant re-added for the same URL keeps them). */
export function gatedUrlAuthTypes(statement: Statement): string[] {
  return gatingValues(statement, "lambda:functionurlauthtype");
}

/**
 * Values of the clauses on a key (lower-cased) that a request without it fails: an `…IfExists` or negated clause on
 * a URL key lets in the direct and InvokeAsync calls that lack the key, so it gates nothing.
 */
function gatingValues(statement: Statement, key: string): string[] {
  const values: string[] = [];
  for (const c of statement.conditions) {
    if (lower(c.key) === key && !passesWithoutKey(c.operator) && !isValuelessOperator(c.operator)) values.push(...c.values);
  }
  return values;
}

/**
 * The auth type of the URL a grant on `qualifiedArn` would be used through: "none-configured" when the function's
 * URLs were read and there is none there, undefined when they could not be read.
 */
export function urlAuthTypeOf(fn: FunctionModel, qualifiedArn: string): string | "none-configured" | undefined {
  if (fn.unknownOps.has("GetFunctionUrlConfig") || fn.unknownOps.has("ListFunctionUrlConfigs")) return undefined;
  return fn.urls.find((u) => u.qualifiedArn === qualifiedArn)?.config.AuthType ?? "none-configured";
}

/**
 * Anyone on the internet can use this wildcard grant: a public grant, unless only a URL can use it and that URL
 * (on the same function or alias) requires signed requests or does not exist.
 */
export function isAnonymousGrant(fn: FunctionModel, qualifiedArn: string, statement: Statement): boolean {
  if (!isPublicGrant(statement)) return false;
  if (!isUrlOnlyGrant(statement)) return true;
  const auth = urlAuthTypeOf(fn, qualifiedArn);
  return auth === undefined || auth === "NONE";
}

export function eventSourceType(m: EventSourceMapping): string {
  const arn = m.EventSourceArn ?? "";
  const service = parseArn(arn)?.service;
  switch (service) {
    case "sqs":
      return "sqs";
    case "kinesis":
      return "kinesis";
    case "dynamodb":
      return "dynamodb";
    case "kafka":
      return "msk";
    case "mq":
      return "mq";
    case "rds":
      return "documentdb"; // DocumentDB change streams use the rds prefix (lambda-permissions.md §6.5)
    default:
      return m.SelfManagedEventSource ? "self-managed-kafka" : service ?? "unknown";
  }
}

const withSettings = (settings: WayInSettings | undefined) => (settings ? { settings } : {});

/** Whoever calls an AuthType NONE URL: Lambda checks no signature. */
const UNSIGNED_CALLER: RequestPrincipal = { type: "anonymous", id: "*" };

export function invokersOf(model: AccountModel, fn: FunctionModel): Invoker[] {
  const invokers: Invoker[] = [];
  for (const { qualifiedArn, policy } of fn.policies) addGrantInvokers(invokers, model, fn, qualifiedArn, policy);
  for (const m of fn.mappings) {
    const bootstrap = m.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS?.join(",");
    const topics = [...(m.Topics ?? []), ...(m.Queues ?? [])];
    const filters = (m.FilterCriteria?.Filters ?? []).flatMap((f) => (f.Pattern ? [f.Pattern] : []));
    invokers.push({
      via: "event-source-mapping",
      principal: "lambda.amazonaws.com",
      principalType: "service",
      sourceArn: m.EventSourceArn ?? (bootstrap ? `kafka://${bootstrap}` : undefined),
      state: m.State ?? undefined,
      uuid: m.UUID,
      sourceType: eventSourceType(m),
      ...(topics.length ? { topics } : {}),
      ...(filters.length ? { filters } : {}),
      ...withSettings(mappingSettings(m)),
      qualifier: withoutLatest(m.FunctionArn) === fn.arn ? undefined : m.FunctionArn,
    });
  }
  for (const url of fn.urls) {
    const { qualifiedArn, config } = url;
    const unsigned = config.AuthType === "NONE";
    // Unsigned calls are let in only as far as the function policy admits anyone; signed callers are its grants.
    const decision = unsigned ? urlCall(model, fn, url, UNSIGNED_CALLER) : undefined;
    const limits = needsLimits(decision) ? urlLimits(model, fn, qualifiedArn, UNSIGNED_CALLER) : undefined;
    invokers.push({
      via: "function-url",
      principal: unsigned ? "*" : "IAM-authenticated callers",
      principalType: unsigned ? "public" : "unknown",
      public: decision !== undefined && isOpen(decision),
      decision,
      authType: config.AuthType ?? undefined,
      url: config.FunctionUrl ?? undefined,
      qualifier: qualifiedArn === fn.arn ? undefined : qualifiedArn,
      ...withSettings(urlSettings(config)),
      ...limits,
    });
  }
  return invokers;
}
