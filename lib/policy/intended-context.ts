/**
 * The request context of the caller a resource-policy statement was written for: the invoker lists and the grant
 * rules ask "does the whole document let *that* caller in?" (a Deny elsewhere may cancel the grant), so each key the
 * statement's positive conditions test is given a value that satisfies them — unless that caller calls directly, and
 * so cannot send the keys only a service sends (grantCalls, below).
 */
import { splitArn } from "./arn";
import { conditionsTri } from "./conditions/evaluate";
import { lowerKey, valuesCarriedBy } from "./context";
import { noRequestCarries } from "./principal-arn-values";
import type { ConditionClause, PolicyDocument, RequestContext, Statement } from "./types";
import { addTo } from "@/lib/multimap";

/** The few operators an account uses, each judged once (every grant of every function asks). */
const suggestingOperators = new Map<string, boolean>();

/** Operators that say nothing about a value that would satisfy them (negated ones, Null, every-value sets). */
function suggestsValue(operator: string): boolean {
  let suggests = suggestingOperators.get(operator);
  if (suggests === undefined) {
    const op = operator.replace(/IfExists$/, "");
    suggests = !/not/i.test(op) && !op.startsWith("ForAllValues") && op !== "Null";
    if (suggestingOperators.size < 1_000) suggestingOperators.set(operator, suggests); // operators come from policy text
  }
  return suggests;
}

const known = new WeakMap<Statement, Readonly<Record<string, string>>>();

/**
 * Each tested key (lower-cased) set to the first policy value that satisfies every clause on that key — the value
 * itself for equality and glob operators (a glob matches its own text). A key no such value satisfies (numeric and
 * date ranges, CIDR blocks, ARN patterns shorter than an ARN) stays unknown, so the answer is conditional rather
 * than a denial of the very caller the statement names; so does a key whose clause the snapshot's capture settles.
 * Shared and frozen per statement: callers must not change it.
 */
export function intendedContext(statement: Statement, policyVersion: string): Readonly<Record<string, string>> {
  let ctx = known.get(statement);
  if (ctx) return ctx;
  const byKey = new Map<string, ConditionClause[]>();
  for (const c of statement.conditions) {
    const key = lowerKey(c.key);
    addTo(byKey, key, c);
  }
  const out: Record<string, string> = {};
  for (const [key, clauses] of byKey) {
    // The time of the call is no choice of the caller's: where the snapshot's capture decides a clause on it
    // (conditions/request-time.ts), a value that meets the clause would read a closed window as open.
    if (clauses.some((c) => c.settled !== undefined)) continue;
    // One probe context per key, its value set to each candidate in turn (the evaluator keeps no reference to it).
    const values: Record<string, string> = {};
    const probe = { values, complete: false };
    candidates: for (const c of clauses) {
      if (!suggestsValue(c.operator)) continue;
      for (const v of c.values) {
        // No caller sends it (a session's ARN in aws:PrincipalArn): supplying it would let in a caller AWS never sees.
        if (noRequestCarries(key, v)) continue;
        values[key] = v;
        if (conditionsTri(clauses, probe, policyVersion) === "true") {
          out[key] = v;
          break candidates;
        }
      }
    }
  }
  ctx = Object.freeze(out);
  known.set(statement, ctx);
  return ctx;
}

/**
 * Keys only a service principal acting for a resource sends: aws:SourceAccount "is present in the request context only
 * if accessing a resource is triggered by an AWS service principal" (IAM global condition keys), and so are its
 * siblings. A direct call (an IAM role or user, an account, anyone calling the API itself) carries none of them,
 * but for SNS, whose requests carry aws:SourceOwner as the caller's account (role-access.ts, isSnsAction).
 */
export const SERVICE_SOURCE_KEYS: readonly string[] = Object.freeze([
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:sourceowner",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
]);

/** What a direct call surely lacks: a negated or `Null` = true clause on a source key holds, a positive one fails. */
export const DIRECT_CALL_ABSENT: { readonly keys: readonly string[] } = Object.freeze({ keys: SERVICE_SOURCE_KEYS });

/**
 * Keys an AWS service's own request never carries (reference_policies_condition-keys.html): principal tags come only
 * with an IAM user or role that has them, aws:username only with an IAM user, and the organization keys only with a
 * principal that is a member of an organization, which a service principal is not. A condition on them cannot hold
 * for a service: a trust or function-policy statement needing them cannot let it in, and an RCP Deny "unless
 * aws:PrincipalOrgID is ours" refuses it (the exemption AWS's examples make with aws:PrincipalIsAWSService, which is
 * "true" for a service's request, is what lets it through).
 */
export const SERVICE_KNOWN_ABSENT = Object.freeze({
  keys: Object.freeze(["aws:username", "aws:principalorgid", "aws:principalorgpaths"]),
  prefixes: Object.freeze(["aws:principaltag/"]),
});

/**
 * How a grant's principal calls: a service acting for a resource; directly (an account, a role or user, an identity
 * provider's session: none of them is a service); or, for `*`, which names services too, either way.
 */
export type GrantCaller = "service" | "direct" | "either";

/** From a principal kind: the invoker list's and the grant rules' vocabularies share "service" and "public". */
export function grantCallerOf(kind: string): GrantCaller {
  return kind === "service" ? "service" : kind === "public" ? "either" : "direct";
}

/** One request a grant's caller can make: the values it carries, and the keys it surely lacks. */
export interface GrantCall {
  values: Readonly<Record<string, string>>;
  knownAbsent?: RequestContext["knownAbsent"];
}

/** Per statement (of one document), the requests of each kind of caller: every grant of every function asks. */
const knownCalls = new WeakMap<Statement, Partial<Record<GrantCaller, readonly GrantCall[]>>>();

/**
 * The requests to ask `policy` for the caller `statement` was written for — the one notion of "which keys a direct
 * call carries" that the invoker list, the grant rules, public-invoke (outsider-invoke.ts) and trust policies
 * (role-assumers.ts) share; URL calls, which only a service makes for a resource, ask with DIRECT_CALL_ABSENT too
 * (url-access.ts). A service is
 * given the source keys the statement wants (intendedContext); a direct call carries none, so the statement's way in
 * is decided for it rather than conditional on keys it never sends (or met by values it cannot send). `*` is asked
 * both ways, and the most open answer counts.
 */
export function grantCalls(policy: PolicyDocument, statement: Statement, caller: GrantCaller): readonly GrantCall[] {
  let calls = knownCalls.get(statement);
  if (!calls) knownCalls.set(statement, (calls = {}));
  return (calls[caller] ??= Object.freeze(callsOf(policy, statement, caller)));
}

/** The context of `call` as a request for `action` carries it (keys such requests never carry left out). */
export function grantCallContext(call: GrantCall, action: string): RequestContext {
  const values = valuesCarriedBy(action, call.values);
  return call.knownAbsent ? { values, complete: false, knownAbsent: call.knownAbsent } : { values, complete: false };
}

function callsOf(policy: PolicyDocument, statement: Statement, caller: GrantCaller): GrantCall[] {
  const intended: GrantCall = { values: intendedContext(statement, policy.version) };
  // A service cannot send the principal keys a statement wants (a grant to sns.amazonaws.com "for organization o-…"
  // lets no one in), as a direct call cannot send the source keys.
  const service: GrantCall = { values: serviceCallValues(statement, policy.version), knownAbsent: SERVICE_KNOWN_ABSENT };
  if (caller === "service") return [service];
  const direct: GrantCall = { values: directCallValues(statement, policy.version), knownAbsent: DIRECT_CALL_ABSENT };
  if (caller === "direct") return [direct];
  // `*`: the service's answer first, so where both agree its evidence is the one reported, as before.
  return policyTestsSourceKeys(policy) ? [service, direct] : [intended];
}

/** The intended context without the keys no service's request carries (SERVICE_KNOWN_ABSENT). */
function serviceCallValues(statement: Statement, policyVersion: string): Readonly<Record<string, string>> {
  const intended = intendedContext(statement, policyVersion);
  const lacks = (k: string) => SERVICE_KNOWN_ABSENT.keys.includes(k) || SERVICE_KNOWN_ABSENT.prefixes.some((p) => k.startsWith(p));
  if (!Object.keys(intended).some(lacks)) return intended;
  const out: Record<string, string> = {};
  for (const k in intended) if (!lacks(k)) out[k] = intended[k] as string;
  return Object.freeze(out);
}

/** The intended context without the source keys: a direct call cannot carry the values a service would send. */
function directCallValues(statement: Statement, policyVersion: string): Readonly<Record<string, string>> {
  const intended = intendedContext(statement, policyVersion);
  if (!SERVICE_SOURCE_KEYS.some((k) => k in intended)) return intended;
  const out = { ...intended };
  for (const k of SERVICE_SOURCE_KEYS) delete out[k];
  return Object.freeze(out);
}

const testsSource = new WeakMap<PolicyDocument, boolean>();

/** Whether any statement of the document tests a source key: if none does, a direct call fares as a service does. */
function policyTestsSourceKeys(policy: PolicyDocument): boolean {
  let tests = testsSource.get(policy);
  if (tests === undefined) {
    tests = policy.statements.some((st) => st.conditions.some((c) => SERVICE_SOURCE_KEYS.includes(lowerKey(c.key))));
    testsSource.set(policy, tests);
  }
  return tests;
}

/** Keys whose value is the calling account: a direct caller's own, or the owner of the resource a service calls for. */
const ACCOUNT_VALUED_KEYS: readonly string[] = ["aws:principalaccount", "aws:sourceaccount", "aws:sourceowner"];
/** Keys whose value is an ARN of that account, when the ARN names one (an S3 bucket's names none). */
const ACCOUNT_ARN_KEYS: readonly string[] = ["aws:principalarn", "aws:sourcearn"];

/**
 * `call` as a request from `account`: its values for the caller's account or the source's owner are that account,
 * and an ARN it carries for the caller or the source, if the ARN names an account, is one of that account's: the
 * statement's own value naming it, else the intended ARN moved to it. So whether anyone of `account` gets in is the
 * evaluator's answer, which ANDs a statement's clauses (reference_policies_multi-value-conditions.html): `ArnLike
 * aws:SourceArn` account A's topic beside `StringEquals aws:SourceAccount` B lets no request of A or B in. The same
 * object when nothing changes.
 */
export function callFromAccount(call: GrantCall, statement: Statement, account: string): GrantCall {
  let values: Record<string, string> | undefined;
  for (const key in call.values) {
    const value = call.values[key] as string;
    const mine = ACCOUNT_VALUED_KEYS.includes(key) ? account : ACCOUNT_ARN_KEYS.includes(key) ? arnOfAccount(statement, key, value, account) : value;
    if (mine === value) continue;
    values ??= { ...call.values };
    values[key] = mine;
  }
  return values ? { ...call, values } : call;
}

/** An ARN of `account` for `key`: the statement's own value naming the account, else `intended` with its account. */
function arnOfAccount(statement: Statement, key: string, intended: string, account: string): string {
  const parts = splitArn(intended);
  if (!parts || parts[4] === "" || parts[4] === account) return intended;
  for (const c of statement.conditions) {
    if (lowerKey(c.key) !== key) continue;
    const own = c.values.find((v) => splitArn(v)?.[4] === account);
    if (own !== undefined) return own;
  }
  return [...parts.slice(0, 4), account, ...parts.slice(5)].join(":");
}
