/**
 * How far a caller from an account the snapshot knows nothing about gets through a function policy: the one probe
 * behind both the public-invoke finding and the invoker list's `public` flag, so the graph never calls public what
 * the finding does not, or the reverse.
 */
import { lowerKey, valuesCarriedBy } from "@/lib/policy/context";
import { DIRECT_CALL_ABSENT, SERVICE_SOURCE_KEYS } from "@/lib/policy/intended-context";
import { evaluateResourcePolicy } from "@/lib/policy/evaluate";
import type { ConditionClause, EvaluationResult, PolicyDocument, RequestPrincipal, Statement } from "@/lib/policy/types";
import { DECISION_RANK, isOpen, mostOpenAnswer } from "@/lib/policy/decision";
import { compileGlob } from "@/lib/policy/wildcard";
import { accountOfArn } from "./arn";

/**
 * Accounts that may stand for "any AWS account" when probing public grants. A policy can only tell accounts apart by
 * the values it names, so an account it names nowhere, literally or by a pattern, is answered as every such account
 * would be: one probe then stands for them all (outsideAccountFor).
 */
const STAND_INS = ["999999999999", "888888888888", "777777777777", "666666666666", "555555555555", "444444444444", "333333333333", "222222222222", "111111111111"];

const standInOf = new WeakMap<PolicyDocument, { owner: string | undefined; account: string }>();

/**
 * The stand-in for "any AWS account" asking through `policy`: neither the policy's own account (`owner`) nor one the
 * policy names. Before, one fixed account stood in, and a policy that excluded exactly that account (a Deny on it,
 * `StringNotEquals aws:PrincipalAccount`) read as closed to everyone. A pattern that matches every stand-in (`*`)
 * singles none out and is not held against them.
 */
export function outsideAccountFor(policy: PolicyDocument | undefined, owner: string | undefined): string {
  if (!policy) return standInAccount([owner]);
  const known = standInOf.get(policy);
  if (known && known.owner === owner) return known.account;
  const candidates = STAND_INS.filter((a) => a !== owner);
  const named = new Set<string>();
  for (const value of namedValues(policy)) {
    const hits = candidates.filter((a) => namesAccount(value, a));
    if (hits.length < candidates.length) for (const a of hits) named.add(a);
  }
  const account = candidates.find((a) => !named.has(a)) ?? (candidates[0] as string);
  standInOf.set(policy, { owner, account });
  return account;
}

/** A stand-in account none of `taken` is (the snapshot's, a role's). */
export function standInAccount(taken: readonly (string | undefined)[]): string {
  return STAND_INS.find((a) => !taken.includes(a)) as string;
}

/** The values through which a policy can tell callers apart: its principals and condition values. */
function* namedValues(policy: PolicyDocument): Generator<string> {
  for (const st of policy.statements) {
    for (const set of [st.principal, st.notPrincipal]) if (set) yield* set.aws;
    for (const c of st.conditions) yield* c.values;
  }
}

/** The value names the account: as a substring (an id, an ARN), or as a pattern matching the id or its ARNs. */
function namesAccount(value: string, account: string): boolean {
  if (value.includes(account)) return true;
  if (!value.includes("*") && !value.includes("?")) return false;
  const glob = compileGlob(value);
  return glob.test(account) || glob.test(`arn:aws:iam::${account}:root`) || glob.test(`arn:aws:iam::${account}:role/any-caller`);
}

export function outsideCaller(partition: string, account: string): RequestPrincipal {
  return { type: "role", id: `arn:${partition}:iam::${account}:role/any-caller`, account };
}

/** Most principal ARNs an outsider's probe tries (one per aws:PrincipalArn pattern the policy names, first ones). */
const MAX_CREATED = 8;

/**
 * Role and user ARNs an outsider can give itself that the policy's aws:PrincipalArn patterns match: a name chosen at
 * creation, in an account the pattern does not pin (`arn:aws:iam::*:role/ci`). AWS sends aws:PrincipalArn with every
 * signed request, so such a condition narrows callers to a name, which any AWS account can take; asked with the key
 * unknown instead, it read as "may". Only role and user ARNs: a session's (sts) ARN is never a PrincipalArn, and the
 * paths AWS reserves for its own roles are not creatable.
 */
function createdPrincipals(policy: PolicyDocument, outsider: string, partition: string): RequestPrincipal[] {
  const arns = new Set<string>();
  for (const st of policy.statements) {
    for (const c of st.conditions) {
      if (lowerKey(c.key) !== "aws:principalarn") continue;
      for (const v of c.values) {
        const arn = creatableArn(v, outsider, partition);
        if (arn) arns.add(arn);
        if (arns.size >= MAX_CREATED) break;
      }
    }
  }
  return [...arns].map((id) => ({ type: id.includes(":user/") ? "user" : "role", id, account: outsider }));
}

/** The pattern instantiated in the outsider's account (its wildcards as one letter), when an outsider can create it. */
function creatableArn(pattern: string, outsider: string, partition: string): string | undefined {
  if (pattern.includes("${")) return undefined;
  const m = /^arn:([^:]*):iam::([^:]*):(role|user)\/(.+)$/.exec(pattern);
  if (!m || !compileGlob(m[1] as string).test(partition) || !compileGlob(m[2] as string).test(outsider)) return undefined;
  const name = (m[4] as string).replace(/[*?]/g, "x");
  if (!/^[\w+=,.@/-]+$/.test(name) || (m[3] === "role" && /^(aws-service-role|aws-reserved)\//.test(name))) return undefined;
  return `arn:${partition}:iam::${outsider}:${m[3]}/${name}`;
}

const VIA_URL = "lambda:invokedviafunctionurl";
const VIA_URL_KEY = "lambda:InvokedViaFunctionUrl";

/**
 * An outsider's direct call with one of `actions` (the statement's direct invoke actions: InvokeFunction, then
 * InvokeAsync): the most open answer, so a Deny under a condition on InvokeFunction alone does not make "anyone can
 * invoke" (through InvokeAsync) a "may".
 */
export function outsiderInvoke(policy: PolicyDocument, statement: Statement, resource: string, partition: string, actions: readonly string[]): OutsiderAnswer & { action: string } {
  const ask = (action: string) => ({ ...outsiderCall(policy, statement, resource, partition, action), action });
  return (
    mostOpenAnswer(actions, ask, (r) => r.decision) ?? {
      decision: "implicitly-denied",
      statements: [],
      unknownKeys: [],
      reasons: ["no invoke action"],
      action: "lambda:InvokeFunction",
      via: "direct",
    }
  );
}

/**
 * How far the outsider gets, and how: calling the function itself, or through a service acting for its own resource;
 * `as`, a role or user the outsider created under a name the policy's aws:PrincipalArn condition lets in.
 */
export type OutsiderAnswer = EvaluationResult & {
  via: "direct" | "service";
  as?: string;
  /** Where the policy tests the caller's organization, the kind of account that gets further: one in none, or its own. */
  organization?: "none" | "own";
};

/**
 * An outsider's direct call, which carries none of the source keys (intended-context.ts); and, for a statement
 * written for service calls (it tests a source key), a service acting for the outsider's own resource, whose source
 * ARN is unknown but is that resource's: never one in another account.
 */
function outsiderCall(policy: PolicyDocument, statement: Statement, resource: string, partition: string, action: string): OutsiderAnswer {
  // The function's own account is the resource account (a grant may pin callers to it: ${aws:ResourceAccount}).
  const resourceAccount = accountOfArn(resource);
  const outsider = outsideAccountFor(policy, resourceAccount);
  const ask = (document: PolicyDocument, values: Record<string, string | string[]>, absent?: readonly string[], principal = outsideCaller(partition, outsider)) =>
    evaluateResourcePolicy(document, {
      principal,
      action,
      resource,
      context: {
        values: valuesCarriedBy(action, resourceAccount ? { ...values, "aws:resourceaccount": resourceAccount } : values),
        complete: false,
        ...(absent ? { knownAbsent: { keys: absent } } : {}),
      },
    });
  const directAs = (principal?: RequestPrincipal) =>
    directCall(policy, outsider, (values, absent) =>
      ask(policy, principal ? { ...values, "aws:principalarn": principal.id } : values, [...DIRECT_CALL_ABSENT.keys, ...absent], principal),
    );
  let direct: EvaluationResult & Pick<OutsiderAnswer, "as" | "organization"> = directAs();
  if (direct.decision !== "allowed") {
    // AWS sends aws:PrincipalArn with every signed request: the outsider's own role, named nowhere in the policy,
    // passes a negated test (ArnNotLike …:role/blocked) for certain. Taken only where it gets further.
    const asItself = directAs(outsideCaller(partition, outsider));
    if (DECISION_RANK[asItself.decision] < DECISION_RANK[direct.decision]) direct = asItself;
  }
  if (direct.decision !== "allowed") {
    for (const principal of createdPrincipals(policy, outsider, partition)) {
      const answer = directAs(principal);
      if (DECISION_RANK[answer.decision] >= DECISION_RANK[direct.decision]) continue;
      direct = { ...answer, as: principal.id, reasons: [...answer.reasons, `as ${principal.id}, a ${principal.type} any AWS account can create under that name`] };
      if (answer.decision === "allowed") break;
    }
  }
  if (isOpen(direct.decision) || !statement.conditions.some((c) => SERVICE_SOURCE_KEYS.includes(lowerKey(c.key)))) return { ...direct, via: "direct" };
  const values = { [VIA_URL]: "false", "aws:sourceaccount": outsider, "aws:sourceowner": outsider };
  return { ...ask(asMetByOutsidersService(policy, outsider), values), via: "service" };
}

const outsidersServiceView = new WeakMap<PolicyDocument, PolicyDocument>();

/**
 * The document as a service acting for the outsider's own resource meets it: without the Allow statements that
 * require a source ARN in another account. Such a service sends its resource's ARN, whose account segment is the
 * outsider's (or, for an S3 bucket, empty), so no such statement lets it in; asked with aws:SourceArn merely unknown,
 * one would read as "may", and a grant elsewhere in the document that tests a source key would look public through
 * it. Dropping an Allow that cannot apply changes no answer; a Deny is kept whatever it tests.
 */
function asMetByOutsidersService(policy: PolicyDocument, outsider: string): PolicyDocument {
  // One outsider per policy (outsideAccountFor), so the view is the policy's alone.
  let view = outsidersServiceView.get(policy);
  if (!view) {
    const kept = policy.statements.filter((st) => st.effect !== "Allow" || !st.conditions.some((c) => requiresOtherAccountsSourceArn(c, outsider)));
    view = kept.length === policy.statements.length ? policy : { ...policy, statements: kept };
    outsidersServiceView.set(policy, view);
  }
  return view;
}

/**
 * A clause no source ARN of the outsider's meets: a plain ArnEquals/ArnLike, whose six segments compare one by one,
 * or a StringEquals/StringLike whose values hold no wildcard (a glob may span colons), every value naming a fixed
 * account other than the outsider's. A value with a policy variable may resolve to anything: it pins nothing.
 */
function requiresOtherAccountsSourceArn(c: ConditionClause, outsider: string): boolean {
  if (lowerKey(c.key) !== "aws:sourcearn" || c.values.length === 0) return false;
  const arnOperator = /^Arn(Equals|Like)$/i.test(c.operator);
  if (!arnOperator && !/^String(Equals|Like)$/i.test(c.operator)) return false;
  return c.values.every((v) => {
    if (v.includes("${") || (!arnOperator && /[*?]/.test(v))) return false;
    const account = accountOfArn(v);
    return account !== undefined && account !== outsider;
  });
}

/** An outsider's direct call: as a member of another organization and of none, where the policy tests which. */
function directCall(policy: PolicyDocument, outsider: string, ask: Ask): EvaluationResult & Pick<OutsiderAnswer, "organization"> {
  const org = outsidersOrganization(policy);
  if (!org) return directCallOf(policy, outsider, ask);
  // The outsider picks its own account: one in an organization of its own, which the policy does not name, or one in
  // none (any new account). So the more open of the two answers is the answer: where they differ, the key is one the
  // caller controls, not one this tool does not know.
  const inOther = directCallOf(policy, outsider, (values, absent) => ask({ ...values, [ORG_ID]: org, [ORG_PATHS]: [`${org}/r-zzzz/`] }, absent));
  const inNone = directCallOf(policy, outsider, (values, absent) => ask(values, [...absent, ORG_ID, ORG_PATHS]));
  if (inOther.decision === inNone.decision) return inOther;
  const noneIsOpener = DECISION_RANK[inNone.decision] < DECISION_RANK[inOther.decision];
  const [open, shut] = noneIsOpener ? [inNone, inOther] : [inOther, inNone];
  const organization = noneIsOpener ? "none" : "own";
  const how = noneIsOpener ? "an account in no organization" : "an account in an organization of its own";
  return { ...open, organization, reasons: [...open.reasons, `${open.decision} for ${how} (${shut.decision} otherwise), which any caller can use`] };
}

type Ask = (values: Record<string, string | string[]>, absent: readonly string[]) => EvaluationResult;

const ORG_ID = "aws:principalorgid";
const ORG_PATHS = "aws:principalorgpaths";

/**
 * An organization id for the outsider that no value of the policy's aws:PrincipalOrgID or aws:PrincipalOrgPaths
 * conditions names literally (a pattern such as `o-*` may match it: it matches every organization), or undefined
 * when the policy tests neither and the keys can stay unknown.
 */
function outsidersOrganization(policy: PolicyDocument): string | undefined {
  const named: string[] = [];
  for (const st of policy.statements) {
    for (const c of st.conditions) if (lowerKey(c.key) === ORG_ID || lowerKey(c.key) === ORG_PATHS) named.push(...c.values);
  }
  if (named.length === 0) return undefined;
  return ["o-zzzzzzzzzz", "o-yyyyyyyyyy", "o-xxxxxxxxxx"].find((o) => !named.some((v) => v.startsWith(o))) ?? "o-wwwwwwwwww";
}

/**
 * A direct call (not through the URL) carries `lambda:InvokedViaFunctionUrl` = false or no value at all: AWS does
 * not document which (lambda-permissions.md lists the key with InvokeFunction only). The two differ only for
 * conditions that test "false" or hold without the key (`BoolIfExists`, negated): where a policy's answer depends on
 * it, the answer is conditional on that key, never a guess either way.
 */
function directCallOf(policy: PolicyDocument, outsider: string, ask: Ask): EvaluationResult {
  const base = { "aws:principalaccount": outsider };
  const carried = ask({ ...base, [VIA_URL]: "false" }, []);
  if (!policy.statements.some((st) => st.conditions.some((c) => lowerKey(c.key) === VIA_URL))) return carried;
  const missing = ask(base, [VIA_URL]);
  if (missing.decision === carried.decision) return carried;
  const open = DECISION_RANK[missing.decision] < DECISION_RANK[carried.decision] ? missing : carried;
  return {
    ...open,
    decision: "conditional",
    unknownKeys: [...new Set([...open.unknownKeys, VIA_URL_KEY])],
    reasons: [
      ...open.reasons,
      `${carried.decision} if a direct call carries ${VIA_URL_KEY} = false, ${missing.decision} if it carries no value (AWS does not document which)`,
    ],
  };
}
