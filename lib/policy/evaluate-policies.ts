/**
 * The shared core of every decision: which Allow and Deny statements of a set of policies apply to a
 * request (reference_policies_evaluation-logic.html), each as three-valued truth with its evidence.
 */
import { isUncertainPrincipal, matchApplicableStatement, principalApplies, resourceAndConditionTri, resourceHasOtherCase, statementApplies, statementCoversAction, type MatchOptions } from "./statement";
import { literalEqualityValues } from "./conditions/evaluate";
import { lookupOperator } from "./conditions/registry";
import { lookupContext } from "./context";
import { neverInRequestsOf } from "@/lib/catalog/condition-keys";
import { callerKeys, principalKeys } from "./principal";
import { triOr } from "./tri";
import { literalStart } from "./wildcard";
import type { ConditionClause, Decision, EvaluationRequest, PolicyDocument, RequestPrincipal, Statement, StatementMatch, Tri } from "./types";
import { addTo } from "@/lib/multimap";

export interface PoliciesEvaluation {
  /** Some Allow statement applies ("unknown": one might, depending on unknown context). */
  allow: Tri;
  deny: Tri;
  /** Allow statements that apply or might ("true"/"unknown"). */
  allowMatches: StatementMatch[];
  denyMatches: StatementMatch[];
  /** Statements whose action, resource and principal matched but whose condition is false, for reasons. */
  nearMisses: StatementMatch[];
  /**
   * `allow` split by how the Principal element named the caller (resource policies): its own ARN ("exact"), its
   * account root ("account"), or otherwise (NotPrincipal, service, no Principal element). The same-account and
   * boundary rules combine these differently.
   */
  allowExact: Tri;
  allowAccount: Tri;
  allowOther: Tri;
  /**
   * Allows that grant the session making the request itself: the calling role's session ARN (or one of its
   * sessions, when the caller's is not known), or the wildcard `*` narrowed by a positive `aws:PrincipalArn` condition
   * (namesPrincipalArn), which AWS says permissions boundaries do not limit (reference_policies_elements_principal.html,
   * IAM role principals).
   */
  allowSession: Tri;
  /**
   * Allows naming every principal (`*`) with no positive `aws:PrincipalArn` condition: AWS does not say whether a
   * permissions boundary limits these, so evaluate.ts cannot count them either way under a boundary.
   */
  allowWildcard: Tri;
}

export interface EvaluateOptions extends MatchOptions {
  /**
   * false: only the truth values are wanted (a decision, no evidence): the match lists stay empty and no
   * StatementMatch, note or reason is written. The truth values are the same either way.
   */
  evidence?: boolean;
}

/** The shared empty list of the hot path; frozen, so a caller that tried to add to it would fail loudly. */
export const NONE = Object.freeze([]) as unknown as StatementMatch[];

interface ActionIndex {
  /** Statements that may match an action of any service (NotAction, a wildcard in the service prefix). */
  anyService: readonly Statement[];
  /** Per lower-cased service prefix named by Action entries: the statements that may match its actions, in order. */
  byService: Map<string, readonly Statement[]>;
}

/**
 * Below this many statements every caller scans them all: each coverage check is a cached lookup, cheaper than
 * building an index (tens of thousands of small inline, trust and function policies per account) and finding it.
 */
const INDEX_FROM = 8;

/** Keyed by the statements array, which every copy of a managed policy attached to a role shares. */
const actionIndexes = new WeakMap<readonly Statement[], ActionIndex>();

/** The services a statement's Action entries name, or "any" when it may match an action of any service. */
function servicesOf(st: Statement): Set<string> | "any" {
  return st.notAction !== undefined ? "any" : servicesOfActions(st.action ?? []);
}

function servicesOfActions(list: readonly string[]): Set<string> | "any" {
  const services = new Set<string>();
  for (const pattern of list) {
    const colon = pattern.indexOf(":");
    const service = colon < 0 ? pattern : pattern.slice(0, colon);
    if (colon < 0 || service.includes("*") || service.includes("?")) return "any";
    services.add(service.toLowerCase());
  }
  return services;
}

function actionIndexOf(policy: PolicyDocument): ActionIndex {
  let index = actionIndexes.get(policy.statements);
  if (index) return index;
  const tags = policy.statements.map(servicesOf);
  const all = new Set<string>();
  for (const t of tags) if (t !== "any") for (const s of t) all.add(s);
  const byService = new Map<string, readonly Statement[]>();
  for (const service of all) byService.set(service, policy.statements.filter((_, i) => tags[i] === "any" || (tags[i] as Set<string>).has(service)));
  index = { anyService: policy.statements.filter((_, i) => tags[i] === "any"), byService };
  actionIndexes.set(policy.statements, index);
  return index;
}

/**
 * The statements of a policy that could match the action by their Action/NotAction, in document order. Most
 * questions (probes for powerful actions, reach checks) concern services a role's policies never mention, or only
 * some of their statements do; testing only these gives the same answer as testing every statement.
 */
export function candidateStatements(policy: PolicyDocument, action: string): readonly Statement[] {
  if (policy.statements.length < INDEX_FROM) return policy.statements;
  const service = serviceKey(action);
  if (service === undefined) return policy.statements;
  const index = actionIndexOf(policy);
  return index.byService.get(service) ?? index.anyService;
}

/**
 * From this many statements that may match an action, they are narrowed by the request's resource too: a role
 * with hundreds of statements, each on its own ARNs, is asked about each of those ARNs (service-wildcard verdicts,
 * reach lists), and testing every statement each time made its analysis grow with the square.
 */
const RESOURCE_INDEX_FROM = 32;

/** Statements by the keys under which they may apply; `others` may apply whatever the key. */
interface KeyedIndex {
  byKey: Map<string, Statement[]>;
  others: Statement[];
}

/** `keysOf`: the keys of a statement, or undefined for one that may apply under any. */
function keyedIndex(statements: readonly Statement[], keysOf: (st: Statement) => Iterable<string> | undefined): KeyedIndex {
  const byKey = new Map<string, Statement[]>();
  const others: Statement[] = [];
  for (const st of statements) {
    const keys = keysOf(st);
    if (keys === undefined) others.push(st);
    else for (const key of new Set(keys)) addTo(byKey, key, st);
  }
  return { byKey, others };
}

/**
 * Statements whose Resource entries hold no variable, by the literal start of each entry (up to a wildcard); the
 * others: NotResource, no Resource element, a policy variable in an entry.
 */
interface ResourceIndex extends KeyedIndex {
  /** The lengths of the starts: a resource can only match entries that one of its own starts equals. */
  lengths: number[];
}

const resourceIndexes = new WeakMap<readonly Statement[], ResourceIndex>();

/**
 * Whether a statement covers only resources that begin as one of its Resource entries' literal starts: not one without
 * Resource (NotResource), nor with an entry holding a policy variable or writing the ARN's head in other case (`ARN:…`,
 * `arn:AWS:…`), which the evaluator also reads lower-cased (statement.ts, resourceHasOtherCase).
 */
function keyedByLiteralStart(st: Statement): st is Statement & { resource: string[] } {
  return st.resource !== undefined && !st.resource.some((r) => r.includes("${")) && !resourceHasOtherCase(st, st.resource);
}

function resourceIndexOf(statements: readonly Statement[]): ResourceIndex {
  let index = resourceIndexes.get(statements);
  if (index) return index;
  const keyed = keyedIndex(statements, (st) => (keyedByLiteralStart(st) ? st.resource.map(literalStart) : undefined));
  index = { ...keyed, lengths: [...new Set([...keyed.byKey.keys()].map((k) => k.length))] };
  resourceIndexes.set(statements, index);
  return index;
}

/**
 * candidateStatements narrowed, from RESOURCE_INDEX_FROM of them: for policies whose Principal is checked, to the
 * statements that can name the caller; for a decision without evidence, to those whose condition can hold for the
 * request's known values (a statement whose condition is false there adds nothing to the decision, while the
 * evidence lists it as a near miss); to those with a Resource entry that can match. Each step narrows each list the
 * step before left (lists kept by the indexes, so each list's own index is built once); the statements ruled out
 * cannot apply, so the rest, in document order, give the same answer.
 */
function candidatesFor(policy: PolicyDocument, request: EvaluationRequest, checkPrincipal: boolean, evidence: boolean): readonly Statement[] {
  const statements = candidateStatements(policy, request.action);
  if (statements.length < RESOURCE_INDEX_FROM) return statements;
  let lists: readonly (readonly Statement[])[] = [statements];
  if (checkPrincipal) lists = narrowed(lists, (list) => namingCaller(list, request.principal));
  if (!evidence) lists = narrowed(lists, (list) => conditionMayHold(list, request));
  lists = narrowed(lists, (list) => onResource(list, request.resource));
  if (lists.length === 1 && lists[0] === statements) return statements;
  const found = new Set<Statement>();
  for (const list of lists) for (const st of list) found.add(st);
  return found.size === statements.length ? statements : [...found].sort((x, y) => x.index - y.index);
}

function narrowed(lists: readonly (readonly Statement[])[], narrow: (list: readonly Statement[]) => readonly (readonly Statement[])[]): readonly (readonly Statement[])[] {
  const out: (readonly Statement[])[] = [];
  for (const list of lists) {
    if (list.length < RESOURCE_INDEX_FROM) out.push(list);
    else for (const part of narrow(list)) if (part.length > 0) out.push(part);
  }
  return out;
}

/** Lists whose union holds the statements with a Resource entry that can match `resource`. */
function onResource(statements: readonly Statement[], resource: string): Statement[][] {
  const { byKey, lengths, others } = resourceIndexOf(statements);
  const lists = [others];
  for (const n of lengths) {
    if (n > resource.length) continue;
    const list = byKey.get(resource.slice(0, n));
    if (list) lists.push(list);
  }
  return lists;
}

/**
 * A resource policy of hundreds of one-principal statements (one per `add-permission`) is asked about once per
 * grant: narrowing by the caller keeps each question to the statements that can name it.
 */
const principalIndexes = new WeakMap<readonly Statement[], KeyedIndex>();

/** Statements by principalKeys; the others: `*`, NotPrincipal, no Principal element. */
function principalIndexOf(statements: readonly Statement[]): KeyedIndex {
  let index = principalIndexes.get(statements);
  if (index) return index;
  index = keyedIndex(statements, (st) => {
    const keys = st.principal ? principalKeys(st.principal) : "any";
    return keys === "any" ? undefined : keys;
  });
  principalIndexes.set(statements, index);
  return index;
}

/** Lists whose union holds the statements whose Principal element can name the caller. */
function namingCaller(statements: readonly Statement[], caller: RequestPrincipal): Statement[][] {
  const { byKey, others } = principalIndexOf(statements);
  const lists = [others];
  for (const key of callerKeys(caller)) {
    const list = byKey.get(key);
    if (list) lists.push(list);
  }
  return lists;
}

/**
 * A resource policy of hundreds of statements for one service principal, each pinned to its own source
 * (`aws:SourceArn` of one topic), is asked about once per source.
 */
interface ConditionIndex {
  /** Per condition key as written: the statements whose first literal-equality clause is on it, by each value. */
  byKey: Map<string, { all: Statement[]; byValue: Map<string, Statement[]> }>;
  /** Statements with no such clause. */
  others: Statement[];
}

const conditionIndexes = new WeakMap<readonly Statement[], ConditionIndex>();

function conditionIndexOf(statements: readonly Statement[]): ConditionIndex {
  let index = conditionIndexes.get(statements);
  if (index) return index;
  const byKey: ConditionIndex["byKey"] = new Map();
  const others: Statement[] = [];
  for (const st of statements) {
    let clause: ConditionClause | undefined;
    let values: readonly string[] | undefined;
    for (const c of st.conditions) {
      values = literalEqualityValues(c);
      if (values) {
        clause = c;
        break;
      }
    }
    if (!clause || !values) {
      others.push(st);
      continue;
    }
    let entry = byKey.get(clause.key);
    if (!entry) byKey.set(clause.key, (entry = { all: [], byValue: new Map() }));
    entry.all.push(st);
    for (const v of new Set(values)) addTo(entry.byValue, v, st);
  }
  index = { byKey, others };
  conditionIndexes.set(statements, index);
  return index;
}

/** Lists whose union holds the statements whose condition can hold for the request's known values. */
function conditionMayHold(statements: readonly Statement[], request: EvaluationRequest): Statement[][] {
  const { byKey, others } = conditionIndexOf(statements);
  const lists = [others];
  for (const [key, { all, byValue }] of byKey) {
    const value = lookupContext(request.context, key, request.action);
    if (value.state !== "present") lists.push(all);
    else {
      for (const v of typeof value.value === "string" ? [value.value] : value.value) {
        const list = byValue.get(v);
        if (list) lists.push(list);
      }
    }
  }
  return lists;
}

/**
 * From this many policies (a role's inline and managed ones, each of a few statements, so none is indexed on its own),
 * a question reads only the policies with a statement that may match its action's service and its resource.
 */
const POLICY_INDEX_FROM = 8;

/** For one service: policies (by position) per literal start of their statements' Resource entries, as resourceIndexOf. */
interface PolicySelection {
  byPrefix: Map<string, number[]>;
  lengths: number[];
  /** Policies with a statement of the service not keyedByLiteralStart (NotResource, a policy variable, a head in other case). */
  others: number[];
}

/** Keyed by the policies array, which a role model keeps for every question about the role. */
const policySelections = new WeakMap<readonly PolicyDocument[], Map<string, PolicySelection>>();

function policySelectionOf(policies: readonly PolicyDocument[], service: string): PolicySelection {
  let perService = policySelections.get(policies);
  if (!perService) policySelections.set(policies, (perService = new Map()));
  let selection = perService.get(service);
  if (selection) return selection;
  const byPrefix = new Map<string, number[]>();
  const others: number[] = [];
  policies.forEach((policy, p) => {
    const starts = new Set<string>();
    for (const st of policy.statements) {
      const named = servicesOf(st);
      if (named !== "any" && !named.has(service)) continue;
      if (!keyedByLiteralStart(st)) {
        others.push(p);
        return;
      }
      for (const r of st.resource) starts.add(literalStart(r));
    }
    for (const start of starts) addTo(byPrefix, start, p);
  });
  selection = { byPrefix, lengths: [...new Set([...byPrefix.keys()].map((k) => k.length))], others };
  perService.set(service, selection);
  return selection;
}

/** The policies with a statement that may match the request's action and resource, in their order. */
function policiesFor(policies: readonly PolicyDocument[], request: EvaluationRequest): readonly PolicyDocument[] {
  if (policies.length < POLICY_INDEX_FROM) return policies;
  const service = serviceKey(request.action);
  if (service === undefined) return policies;
  const { byPrefix, lengths, others } = policySelectionOf(policies, service);
  const found = new Set(others);
  for (const n of lengths) {
    if (n > request.resource.length) continue;
    for (const p of byPrefix.get(request.resource.slice(0, n)) ?? []) found.add(p);
  }
  if (found.size === policies.length) return policies;
  return [...found].sort((a, b) => a - b).map((p) => policies[p] as PolicyDocument);
}

/** Lower-cased service prefix of each action asked about; the same few hundred actions are asked millions of times. */
const serviceKeys = new Map<string, string | undefined>();

export function serviceKey(action: string): string | undefined {
  let key = serviceKeys.get(action);
  if (key === undefined && !serviceKeys.has(action)) {
    const colon = action.indexOf(":");
    key = colon < 0 ? undefined : action.slice(0, colon).toLowerCase();
    if (serviceKeys.size >= 50_000) serviceKeys.clear();
    serviceKeys.set(action, key);
  }
  return key;
}

/** Per Action list (parsing shares one array per distinct list): the lower-cased services it names, or "any". */
const servicesOfList = new WeakMap<readonly string[], readonly string[] | "any">();

function listServices(list: readonly string[]): readonly string[] | "any" {
  let services = servicesOfList.get(list);
  if (services === undefined) {
    const named = servicesOfActions(list);
    services = named === "any" ? "any" : [...named];
    servicesOfList.set(list, services);
  }
  return services;
}

/** The services Allow statements of these policies may grant an action of ("any" for NotAction or a wildcard service). */
export function allowedServices(policies: readonly PolicyDocument[]): ReadonlySet<string> | "any" {
  const services = new Set<string>();
  for (const policy of policies) {
    for (const st of policy.statements) {
      if (st.effect !== "Allow") continue;
      if (st.action === undefined) return "any";
      const named = listServices(st.action);
      if (named === "any") return "any";
      for (const s of named) services.add(s);
    }
  }
  return services;
}

/**
 * The Resource patterns of the Allow statements of these policies that name the action, in document order without
 * repeats: where a grant for the action may be scoped (a pattern matches itself, so each can be asked as a resource).
 */
export function allowedResourcePatterns(policies: readonly PolicyDocument[], action: string): string[] {
  const out: string[] = [];
  for (const policy of policies) {
    for (const st of candidateStatements(policy, action)) {
      if (st.effect !== "Allow" || !st.resource || !statementCoversAction(st, action)) continue;
      for (const r of st.resource) if (!out.includes(r)) out.push(r);
    }
  }
  return out;
}

/**
 * Which statements of these policies match the action by their Action/NotAction, and which of their condition keys
 * the action's requests never carry, as a string key. Two actions with the same key get the same decision for the
 * same resource, principal and context: a condition reads a key an action's requests never carry as absent, one they
 * may carry as unknown (context.ts), and nothing else in a statement depends on the action. Callers that ask about
 * many actions of one pattern (reach lists) ask the evaluator once per key.
 */
export function actionMatchKey(policies: readonly PolicyDocument[], action: string): string {
  let key = "";
  for (const policy of policies) {
    for (const st of candidateStatements(policy, action)) {
      if (!statementCoversAction(st, action)) continue;
      key += st.index;
      for (const c of st.conditions) key += neverInRequestsOf(action, c.key) ? "-" : "+";
      key += ",";
    }
    key += "|";
  }
  return key;
}

export function evaluatePolicies(
  policies: PolicyDocument[],
  request: EvaluationRequest,
  opts: EvaluateOptions,
): PoliciesEvaluation {
  let allow: Tri = "false";
  let deny: Tri = "false";
  let allowExact: Tri = "false";
  let allowAccount: Tri = "false";
  let allowOther: Tri = "false";
  let allowSession: Tri = "false";
  let allowWildcard: Tri = "false";
  // Most questions match nothing: the lists are made on first use.
  let allowMatches: StatementMatch[] | undefined;
  let denyMatches: StatementMatch[] | undefined;
  let nearMisses: StatementMatch[] | undefined;
  const evidence = opts.evidence !== false;
  for (const policy of policiesFor(policies, request)) {
    for (const st of candidatesFor(policy, request, opts.checkPrincipal === true, evidence)) {
      let applies: Tri | undefined;
      let principal: StatementMatch["principalMatch"];
      if (evidence) {
        const m = matchApplicableStatement(st, policy, request, opts);
        if (m === undefined) continue;
        applies = statementApplies(m);
        principal = m.principalMatch;
        if (applies === "false") (nearMisses ??= []).push(m);
        else if (m.effect === "Allow") (allowMatches ??= []).push(m);
        else (denyMatches ??= []).push(m);
      } else {
        if (!statementCoversAction(st, request.action)) continue;
        if (opts.checkPrincipal) {
          principal = principalApplies(st, request, opts);
          if (principal === undefined) continue;
        }
        applies = resourceAndConditionTri(st, policy, request);
        if (applies === undefined) continue;
        // As matchApplicableStatement's evidence says: a session of the caller's role, the caller's session unknown,
        // a principal type this policy may not honour, a service named only by another region's spelling, or a caller
        // named only by an entry whose head is in other case (`ARN:…`, `arn:AWS:…`).
        if (principal !== undefined && isUncertainPrincipal(principal, st, policy, request, opts) && applies !== "false") applies = "unknown";
      }
      if (applies === "false") continue;
      if (st.effect === "Deny") {
        deny = triOr(deny, applies);
        continue;
      }
      allow = triOr(allow, applies);
      if (principal === "exact") allowExact = triOr(allowExact, applies);
      else if (principal === "account") allowAccount = triOr(allowAccount, applies);
      else if (principal === "session" || principal === "unknown-session") allowSession = triOr(allowSession, applies);
      else if (principal === "wildcard") {
        if (namesPrincipalArn(st)) allowSession = triOr(allowSession, applies);
        else allowWildcard = triOr(allowWildcard, applies);
      } else allowOther = triOr(allowOther, applies);
    }
  }
  return {
    allow,
    deny,
    allowMatches: allowMatches ?? NONE,
    denyMatches: denyMatches ?? NONE,
    nearMisses: nearMisses ?? NONE,
    allowExact,
    allowAccount,
    allowOther,
    allowSession,
    allowWildcard,
  };
}

/**
 * Whether a statement's Condition grants by the caller's ARN in `aws:PrincipalArn` (key names are not case-sensitive):
 * a positive comparison, which lets in only the principals whose ARN it matches. AWS's sentence on boundaries
 * (reference_policies_elements_principal.html, "IAM role principals") is about "a broad-permission policy that uses the
 * aws:PrincipalArn condition key", where "the role session principal is granted the permissions based on the ARN of
 * role that was assumed"; it says nothing of a negated comparison (`ArnNotEquals`: everyone but some ARNs) or `Null`,
 * which grant by no ARN. Those stay with `*` grants AWS is silent on (allowWildcard): conditional under a boundary.
 */
function namesPrincipalArn(st: Statement): boolean {
  return st.conditions.some((c) => {
    if (c.key.toLowerCase() !== "aws:principalarn") return false;
    const op = lookupOperator(c.operator)?.op;
    return op !== undefined && op !== "Null" && !op.negated;
  });
}

/**
 * Three-valued combination: a Deny that applies wins; an Allow that applies with no possible Deny
 * allows; an Allow that might apply, or one shadowed by a Deny that might apply, is conditional;
 * otherwise the request is implicitly denied.
 */
export function decide(allow: Tri, deny: Tri): Decision {
  if (deny === "true") return "explicitly-denied";
  if (allow === "true" && deny === "false") return "allowed";
  if (allow === "true" || allow === "unknown") return "conditional";
  return "implicitly-denied";
}

/** Keys that would decide the matches given, without duplicates. */
export function unknownKeysOf(matches: StatementMatch[]): string[] {
  const keys: string[] = [];
  for (const m of matches) for (const k of m.unknownKeys) if (!keys.includes(k)) keys.push(k);
  return keys;
}
