/**
 * Decisions for "can principal P do A on R" (reference_policies_evaluation-logic.html,
 * reference_policies_evaluation-logic-cross-account.html, access_policies_boundaries.html), combining
 * identity, boundary and resource policies as lambda-permissions.md §5.2 describes, within the organization's SCPs and
 * RCPs when the set carries them (§5.1). Session policies are not part of PolicySet; callers qualify answers for them.
 */
import { accountOfArn } from "./arn";
import { decide, evaluatePolicies, NONE, unknownKeysOf, type PoliciesEvaluation } from "./evaluate-policies";
import { describeStatement, statementApplies } from "./statement";
import { triAnd, triOr } from "./tri";
import type { Decision, EvaluationRequest, EvaluationResult, Guardrail, GuardrailLevel, PolicyDocument, PolicySet, RequestPrincipal, StatementMatch, Tri } from "./types";

export { decide, evaluatePolicies, type PoliciesEvaluation } from "./evaluate-policies";

function what(request: EvaluationRequest): string {
  return `${request.action} on ${request.resource}`;
}

function denyReasons(denies: StatementMatch[], request: EvaluationRequest): string[] {
  return denies.map((m) =>
    statementApplies(m) === "true"
      ? `explicit Deny in ${describeStatement(m)} matches ${what(request)}`
      : `a Deny in ${describeStatement(m)} may apply: ${m.conditionNotes.join("; ")}`,
  );
}

function allowReasons(allows: StatementMatch[]): string[] {
  return allows.map((m) =>
    statementApplies(m) === "true"
      ? `allowed by ${describeStatement(m)}`
      : `${describeStatement(m)} allows it only if: ${m.conditionNotes.join("; ")}`,
  );
}

function nearMissReasons(misses: StatementMatch[]): string[] {
  return misses
    .filter((m) => m.effect === "Allow")
    .map((m) => `${describeStatement(m)} would allow it but its condition is false: ${m.conditionNotes.join("; ")}`);
}

/** Concatenation that allocates only when more than one list has entries (the evaluator's hot path). */
function joined(a: StatementMatch[], b: StatementMatch[] | undefined, c: StatementMatch[] | undefined): StatementMatch[] {
  const bn = b?.length ?? 0;
  const cn = c?.length ?? 0;
  if (bn === 0 && cn === 0) return a;
  if (a.length === 0 && cn === 0) return b as StatementMatch[];
  if (a.length === 0 && bn === 0) return c as StatementMatch[];
  return [...a, ...(b ?? []), ...(c ?? [])];
}

function result(
  allow: Tri,
  deny: Tri,
  allows: StatementMatch[],
  denies: StatementMatch[],
  reasons: string[],
  misses: StatementMatch[],
): EvaluationResult {
  const decision = decide(allow, deny);
  let statements: StatementMatch[];
  if (decision === "explicitly-denied") statements = denies.filter((m) => statementApplies(m) === "true");
  else if (decision === "allowed") statements = allows.filter((m) => statementApplies(m) === "true");
  else if (decision === "conditional") statements = [...allows, ...denies];
  else statements = allows;
  const out = decision === "implicitly-denied" && misses.length > 0 ? [...reasons, ...nearMissReasons(misses)] : reasons;
  return {
    decision,
    statements,
    unknownKeys: decision === "conditional" ? unknownKeysOf(statements) : NO_KEYS,
    reasons: out,
  };
}

const NO_KEYS = Object.freeze([]) as unknown as string[];
const NO_LEVELS = Object.freeze([]) as unknown as LevelEvaluation[];
const plainDenials = new Map<string, EvaluationResult>();

/**
 * Most questions of a principal (probes for powerful actions on every role) end in a denial that cites no statement,
 * with one reason naming the request. Those answers are identical for every role asking it, so one frozen object serves
 * them all: rules keep their answers, and hundreds of thousands of equal objects kept alive cost more garbage
 * collection than the evaluation itself (bench/analysis-worker.ts).
 */
function plainDenial(reason: string): EvaluationResult {
  let shared = plainDenials.get(reason);
  if (!shared) {
    if (plainDenials.size >= 50_000) plainDenials.clear();
    shared = Object.freeze({
      decision: "implicitly-denied",
      statements: NONE,
      unknownKeys: NO_KEYS,
      reasons: Object.freeze([reason]) as unknown as string[],
    }) as EvaluationResult;
    plainDenials.set(reason, shared);
  }
  return shared;
}

/**
 * The resource policy alone decides (service principals, anonymous callers); principals are checked. `rcps`: the
 * organization's RCPs over the resource, which limit every caller's request (a trust policy's answer for another
 * account's role is still bounded by them).
 */
export function evaluateResourcePolicy(policy: PolicyDocument, request: EvaluationRequest, rcps?: readonly Guardrail[]): EvaluationResult {
  if (rcps !== undefined && rcps.length > 0) return resourcePolicyWithinRcps(policy, rcps, request);
  const r = evaluatePolicies([policy], request, { checkPrincipal: true });
  const reasons: string[] = [];
  if (r.deny !== "false") reasons.push(...denyReasons(r.denyMatches, request));
  if (r.deny !== "true") {
    if (r.allow === "false") {
      reasons.push(`no statement of ${policy.source.kind} policy '${policy.source.policyName}' allows ${request.principal.id} ${what(request)}`);
    } else reasons.push(...allowReasons(r.allowMatches));
  }
  return result(r.allow, r.deny, r.allowMatches, r.denyMatches, reasons, r.nearMisses);
}

/** `evaluateResourcePolicy(…).decision`, without writing evidence (invoker lists ask it for every grant). */
export function resourcePolicyDecision(policy: PolicyDocument, request: EvaluationRequest): Decision {
  const r = evaluatePolicies([policy], request, { checkPrincipal: true, evidence: false });
  return decide(r.allow, r.deny);
}

function boundaryName(set: PolicySet): string {
  return set.boundary?.source.policyArn ?? set.boundary?.source.policyName ?? "(unreadable)";
}

/** One level of an SCP or RCP guardrail evaluated for a request. */
interface LevelEvaluation {
  kind: Guardrail["kind"];
  level: GuardrailLevel;
  ev: PoliciesEvaluation;
  /** Of a type being enabled or disabled (Guardrail.pending) whose level allows nothing of the request: it may refuse. */
  pendingCut?: Guardrail["pending"];
}

/** The policies of a set evaluated for one request, with or without evidence. */
interface Gathered {
  id: PoliciesEvaluation;
  b?: PoliciesEvaluation;
  r?: PoliciesEvaluation;
  /** Each guardrail level, root first; undefined when the set has none (no work on the usual path). */
  g?: LevelEvaluation[];
}

/**
 * RCPs are written like resource policies, Principal included ("*" as AWS requires, orgs_manage_policies_rcps_syntax.html),
 * so their principals are checked; SCPs have no Principal element.
 */
function gatherGuardrails(guardrails: readonly Guardrail[], request: EvaluationRequest, evidence: boolean): LevelEvaluation[] {
  const out: LevelEvaluation[] = [];
  for (const { kind, levels, pending } of guardrails) {
    for (const level of levels) {
      const read = evaluatePolicies(level.policies, request, { checkPrincipal: kind === "rcp", evidence });
      // A level read in part: its Denies stand; its Allows decide nothing (GuardrailLevel.partial), so none is cited.
      const ev = level.partial ? { ...read, allow: "true" as const, allowMatches: [] } : read;
      out.push(pending ? pendingLevel(kind, level, ev, pending) : { kind, level, ev });
    }
  }
  return out;
}

/**
 * A level of a type being enabled or disabled: AWS may or may not enforce it yet (Guardrail.pending), so a Deny of it
 * may apply, said so in its notes (the type and its status), and a level allowing nothing may refuse.
 */
function pendingLevel(kind: Guardrail["kind"], level: GuardrailLevel, ev: PoliciesEvaluation, pending: NonNullable<Guardrail["pending"]>): LevelEvaluation {
  const note = `${kind.toUpperCase()}s are ${pending} on the organization's root: AWS does not say whether they are enforced yet`;
  const denyMatches = ev.denyMatches.map((m) => (statementApplies(m) === "false" ? m : { ...m, condition: "unknown" as const, conditionNotes: [...m.conditionNotes, note] }));
  const weakened = { ...ev, deny: ev.deny === "true" ? ("unknown" as const) : ev.deny, allow: ev.allow === "false" ? ("unknown" as const) : ev.allow, denyMatches };
  return { kind, level, ev: weakened, ...(ev.allow === "false" ? { pendingCut: pending } : {}) };
}

/** What a level of a pending type that allows nothing of the request says (pendingLevel). */
function pendingCutReasons(levels: readonly LevelEvaluation[], request: EvaluationRequest): string[] {
  return levels
    .filter((l) => l.pendingCut)
    .map(
      ({ kind, level, pendingCut }) =>
        `no ${kind.toUpperCase()} attached to ${level.target} allows ${request.action}, which refuses it if ${kind.toUpperCase()}s, ${pendingCut} on the organization's root, are enforced yet (AWS does not say)`,
    );
}

function gather(set: PolicySet, request: EvaluationRequest, evidence: boolean): Gathered {
  const hasBoundary = set.boundary !== undefined || set.boundaryUnreadable === true;
  return {
    id: evaluatePolicies(set.identity, request, { checkPrincipal: false, evidence }),
    b: set.boundary ? evaluatePolicies([set.boundary], request, { checkPrincipal: false, evidence }) : undefined,
    r: set.resource
      ? evaluatePolicies(set.grants ? [set.resource, set.grants] : [set.resource], request, { checkPrincipal: true, principalHasBoundary: hasBoundary, evidence })
      : undefined,
    g: set.guardrails ? gatherGuardrails(set.guardrails, request, evidence) : undefined,
  };
}

/**
 * The kinds of guardrail `levels` belong to, each once: what `refusingGuardrails` says, so a reader tells an SCP's
 * refusal from an RCP's by data, not by the wording of a reason.
 */
function kindsOf(levels: readonly LevelEvaluation[]): Guardrail["kind"][] {
  const kinds: Guardrail["kind"][] = [];
  for (const { kind } of levels) if (!kinds.includes(kind)) kinds.push(kind);
  return kinds;
}

const denyingLevels = (levels: readonly LevelEvaluation[]) => levels.filter((l) => l.ev.deny === "true");

/** No guardrail (the usual case): shared, so the hot path allocates nothing for it. */
const NO_GUARDRAIL: Readonly<{ deny: Tri; allow: Tri }> = Object.freeze({ deny: "false", allow: "true" });

/** A Deny at any level refuses; every level must allow (an Allow at the root, each OU and the account). */
function guardrailTruth(g: LevelEvaluation[] | undefined): Readonly<{ deny: Tri; allow: Tri }> {
  if (!g) return NO_GUARDRAIL;
  let deny: Tri = "false";
  let allow: Tri = "true";
  for (const { ev } of g) {
    deny = triOr(deny, ev.deny);
    allow = triAnd(allow, ev.allow);
  }
  return { deny, allow };
}

/** How identity, boundary and resource policy combine for an IAM principal (lambda-permissions.md §5.2). */
interface Combined {
  deny: Tri;
  allow: Tri;
  crossAccount: boolean;
  principalAccount?: string;
  resourceAccount?: string;
  /** The resource policy grants the caller by its role ARN (or a NotPrincipal, …): limited by the boundary. */
  rDirect: Tri;
  /** The resource policy names the user's ARN, the role's session or `*` with a positive aws:PrincipalArn: not limited by a boundary. */
  rUser: Tri;
  /** The resource policy names `*` without a positive aws:PrincipalArn (`ArnNotEquals`, `Null` or none): whether the boundary limits it, AWS does not say. */
  rWildcard: Tri;
  rAny: Tri;
  /** What the account's own policies say, before the guardrails: whether a guardrail is what refuses. */
  accountAllow: Tri;
  accountDeny: Tri;
}

function combine(set: PolicySet, request: EvaluationRequest, { id, b, r, g }: Gathered): Combined {
  const p = request.principal;
  // An unread boundary may hold a Deny, which refuses even a grant the boundary does not otherwise limit (a session ARN).
  const boundaryDeny: Tri = set.boundaryUnreadable ? "unknown" : b ? b.deny : "false";
  const accountDeny = triOr(triOr(id.deny, boundaryDeny), r?.deny ?? "false");
  const guard = guardrailTruth(g);
  const deny = triOr(accountDeny, guard.deny);
  const boundaryAllow: Tri = set.boundaryUnreadable ? "unknown" : b ? b.allow : "true";
  const identityPath = triAnd(id.allow, boundaryAllow);
  const principalAccount = p.account ?? accountOfArn(p.id);
  const resourceAccount = set.resourceAccount ?? accountOfArn(request.resource);
  const crossAccount = principalAccount !== undefined && resourceAccount !== undefined && principalAccount !== resourceAccount;
  // A grant naming the user ARN itself, a role's session ARN or every principal (`*`) narrowed by aws:PrincipalArn is
  // not limited by the boundary; one naming the role ARN is (reference_policies_evaluation-logic_policy-eval-denyallow.html,
  // reference_policies_elements_principal.html). AWS says nothing of a `*` without aws:PrincipalArn, or gated only by a
  // negated or Null one (evaluate-policies.ts, namesPrincipalArn): under a boundary that does not allow the action it
  // may or may not let the caller in, so it is never counted as sure.
  const rAny: Tri = r?.allow ?? "false";
  const rUser: Tri = !r ? "false" : triOr(p.type === "user" ? r.allowExact : "false", r.allowSession);
  const rDirect: Tri = !r ? "false" : p.type === "user" ? r.allowOther : triOr(r.allowExact, r.allowOther);
  const rWildcard: Tri = r?.allowWildcard ?? "false";
  const wildcardPath = triAnd(rWildcard, triOr(boundaryAllow, "unknown"));
  // Same account: identity (∩ boundary) or a resource policy naming the caller (∩ boundary for roles).
  // A resource policy naming the account root delegates to identity policies, so adds nothing there; a key
  // policy must do so for the identity policies to count at all. A grant to the role counts as a policy naming it
  // (its boundary limiting it: unverified, the cautious reading).
  const ownSide = set.keyPolicy ? triAnd(identityPath, r?.allowAccount ?? "false") : identityPath;
  const accountAllow: Tri =
    accountDeny === "true" ? "false" : crossAccount ? triAnd(identityPath, rAny) : triOr(triOr(triOr(ownSide, triAnd(rDirect, boundaryAllow)), rUser), wildcardPath);
  // The guardrails only take away (neither SCPs nor RCPs grant): the account's answer, within them.
  const allow = deny === "true" ? "false" : triAnd(accountAllow, guard.allow);
  return { deny, allow, crossAccount, principalAccount, resourceAccount, rDirect, rUser, rWildcard, rAny, accountAllow, accountDeny };
}

/**
 * Callers the resource policy alone decides for: service principals and anonymous callers have no identity
 * policies, and an identity provider's or canonical user's are not the snapshot's to read.
 */
function withoutIdentityPolicies(p: RequestPrincipal): boolean {
  return p.type === "service" || p.type === "anonymous" || p.type === "federated" || p.type === "canonical-user";
}

function callerWithoutIdentity(request: EvaluationRequest, set: PolicySet): EvaluationResult | undefined {
  const p = request.principal;
  if (!withoutIdentityPolicies(p)) return undefined;
  const rcps = rcpsOf(set);
  if (set.resource && rcps) return resourcePolicyWithinRcps(set.resource, rcps, request);
  if (set.resource) return evaluateResourcePolicy(set.resource, request);
  return {
    decision: "implicitly-denied",
    statements: [],
    unknownKeys: [],
    reasons: [`only a resource policy can let a ${p.type} caller in, and ${request.resource} has none`],
  };
}

/**
 * The RCPs among a set's guardrails: they limit every request on the account's resources, an AWS service's or an
 * anonymous caller's too (hence the `aws:PrincipalIsAWSService` exemption AWS's examples carry); SCPs limit only the
 * account's own principals, so they never apply to a caller without identity policies.
 */
function rcpsOf(set: PolicySet): readonly Guardrail[] | undefined {
  if (!set.guardrails) return undefined;
  const rcps = set.guardrails.filter((g) => g.kind === "rcp");
  return rcps.length > 0 ? rcps : undefined;
}

/** The resource policy's answer for a caller without identity policies, within the RCPs: a Deny at any level refuses, and every level must allow. */
function resourcePolicyWithinRcps(policy: PolicyDocument, rcps: readonly Guardrail[], request: EvaluationRequest): EvaluationResult {
  const r = evaluatePolicies([policy], request, { checkPrincipal: true });
  const levels = gatherGuardrails(rcps, request, true);
  const guard = guardrailTruth(levels);
  const deny = triOr(r.deny, guard.deny);
  const allow: Tri = deny === "true" ? "false" : triAnd(r.allow, guard.allow);
  const denies = [...r.denyMatches, ...levels.flatMap((l) => l.ev.denyMatches)];
  const reasons: string[] = [];
  if (deny !== "false") reasons.push(...denyReasons(denies, request));
  if (deny === "true") {
    const out = result("false", deny, [], denies, reasons, []);
    return r.deny !== "true" ? { ...out, guardrailRefuses: true, refusingGuardrails: kindsOf(denyingLevels(levels)) } : out;
  }
  if (r.allow === "false") reasons.push(`no statement of ${policy.source.kind} policy '${policy.source.policyName}' allows ${request.principal.id} ${what(request)}`);
  const refusing = r.allow !== "false" ? levels.filter((l) => l.ev.allow === "false") : NO_LEVELS;
  // The invoker list hands this path the account's SCPs too (a grant to the account lets in its principals).
  for (const { kind, level } of refusing) {
    reasons.push(`no ${kind.toUpperCase()} attached to ${level.target} allows ${request.action}; each level from the root to the account must allow it`);
  }
  if (r.allow !== "false") reasons.push(...pendingCutReasons(levels, request));
  // As for an IAM principal: a guardrail's Allow is evidence only where it may not apply (a condition).
  const allows = [...r.allowMatches, ...levels.flatMap((l) => l.ev.allowMatches.filter((m) => statementApplies(m) !== "true"))];
  if (allow !== "false") reasons.push(...allowReasons(allows.filter((m) => statementApplies(m) !== "false")));
  const out = result(allow, deny, allows, denies.filter((m) => statementApplies(m) !== "false"), reasons, r.nearMisses);
  return refusing.length > 0 && allow === "false" ? { ...out, guardrailRefuses: true, refusingGuardrails: kindsOf(refusing) } : out;
}

/** `evaluate(…).decision`, without writing evidence: for callers that only act on the answer (reach lists). */
export function evaluateDecision(set: PolicySet, request: EvaluationRequest): Decision {
  const p = request.principal;
  if (withoutIdentityPolicies(p)) {
    if (!set.resource) return "implicitly-denied";
    const rcps = rcpsOf(set);
    return rcps ? resourcePolicyWithinRcps(set.resource, rcps, request).decision : resourcePolicyDecision(set.resource, request);
  }
  const c = combine(set, request, gather(set, request, false));
  return decide(c.allow, c.deny);
}

/** The full decision for an IAM principal (execution role, user) request. */
export function evaluate(set: PolicySet, request: EvaluationRequest): EvaluationResult {
  const direct = callerWithoutIdentity(request, set);
  if (direct) return direct;
  const g = gather(set, request, true);
  const { id, b, r } = g;
  const { deny, allow, crossAccount, principalAccount, resourceAccount, rDirect, rUser, rWildcard, rAny, accountAllow, accountDeny } = combine(set, request, g);
  const namesCaller = triOr(triOr(rDirect, rUser), rWildcard);

  const accountDenies = joined(id.denyMatches, b?.denyMatches, r?.denyMatches);
  const denies = g.g ? [...accountDenies, ...g.g.flatMap((l) => l.ev.denyMatches)] : accountDenies;
  const reasons: string[] = [];
  if (deny !== "false") reasons.push(...denyReasons(denies, request));
  if (deny === "true") {
    const out = result("false", deny, [], denies, reasons, []);
    return accountDeny !== "true" ? { ...out, guardrailRefuses: true, refusingGuardrails: kindsOf(denyingLevels(g.g ?? NO_LEVELS)) } : out;
  }

  const rMatches = r?.allowMatches ?? [];
  // A key policy's delegation to the account is part of the answer, so its statement is evidence too — unless no
  // identity Allow applies and a statement naming the caller lets it in: the delegation then lets nothing in, and
  // citing it beside that statement would read as a second reason.
  const keyDelegationCounts = set.keyPolicy && (id.allow !== "false" || namesCaller === "false");
  const allows = crossAccount || keyDelegationCounts
    ? joined(id.allowMatches, b?.allowMatches, rMatches)
    : joined(id.allowMatches, b?.allowMatches, rMatches.length > 0 ? rMatches.filter((m) => m.principalMatch !== "account") : rMatches);

  let mandatoryRefuses = false;
  if (allow !== "true") {
    const resourceGrants = crossAccount ? rAny : namesCaller;
    mandatoryRefuses = !crossAccount && set.keyPolicy === true && r !== undefined && r.allowAccount === "false" && resourceGrants === "false";
    if (id.allow === "false" && crossAccount) {
      reasons.push(`no identity policy statement allows ${what(request)} (a cross-account request needs an identity Allow too)`);
    } else if (id.allow === "false" && resourceGrants === "false") {
      reasons.push(`no identity policy statement allows ${what(request)}`);
    }
    if (!crossAccount && id.allow === "false" && r && rAny !== "false" && resourceGrants === "false") {
      reasons.push("the resource policy allows the caller's account only (account root): an identity Allow is still needed");
    }
    if (!crossAccount && set.keyPolicy && id.allow !== "false" && r?.allowAccount === "false" && resourceGrants === "false") {
      reasons.push(
        set.mandatoryPolicy === "trust policy"
          ? `the trust policy of ${request.resource} neither allows the caller nor delegates to the account's IAM policies (its account root): an identity Allow alone never lets a role be assumed`
          : `the key policy of ${request.resource} neither allows the caller nor delegates to the account's IAM policies (its account root): an identity Allow alone is never enough for a KMS key`,
      );
    }
    if (b && b.allow === "false" && (id.allow !== "false" || rDirect !== "false")) {
      reasons.push(`permissions boundary '${boundaryName(set)}' does not allow ${request.action}`);
    }
    if (!crossAccount && b && b.allow !== "true" && rWildcard !== "false" && triOr(rUser, triAnd(rDirect, b.allow)) !== "true") {
      reasons.push(
        `the resource policy grants every principal ('*') without a positive aws:PrincipalArn condition (one the caller's ARN must match), and permissions boundary '${boundaryName(set)}' ${b.allow === "false" ? "does not allow" : "may not allow"} ${request.action}: AWS documents that a boundary does not limit a '*' grant narrowed by aws:PrincipalArn, not whether it limits one without`,
      );
    }
    if (crossAccount && rAny === "false") {
      reasons.push(
        r
          ? `cross-account request (principal account ${principalAccount}, resource account ${resourceAccount}): the resource policy does not allow it`
          : `cross-account request (principal account ${principalAccount}, resource account ${resourceAccount}): no resource policy allows it`,
      );
    }
  }
  // A level of the guardrails that allows nothing of it refuses what the account's own policies allow.
  const refusingLevels = g.g && accountAllow !== "false" ? g.g.filter((l) => l.ev.allow === "false") : NO_LEVELS;
  for (const { kind, level } of refusingLevels) {
    reasons.push(`no ${kind.toUpperCase()} attached to ${level.target} allows ${request.action}; each level from the root to the account must allow it`);
  }
  if (g.g && accountAllow !== "false") reasons.push(...pendingCutReasons(g.g, request));
  if (set.boundaryUnreadable && allow !== "false") {
    reasons.push("a permissions boundary is attached but could not be read: the answer depends on it");
  }
  // A guardrail's Allow is evidence only where it may not apply (a condition): FullAWSAccess at every level would
  // otherwise stand beside every answer.
  const guardAllows = g.g ? g.g.flatMap((l) => l.ev.allowMatches.filter((m) => statementApplies(m) !== "true")) : NONE;
  const withGuard = guardAllows.length > 0 ? [...allows, ...guardAllows] : allows;
  if (allow !== "false") reasons.push(...allowReasons(withGuard.filter((m) => statementApplies(m) !== "false")));
  const misses = joined(id.nearMisses, b?.nearMisses, r?.nearMisses);
  const answer = result(allow, deny, withGuard, denies.length > 0 ? denies.filter((m) => statementApplies(m) !== "false") : denies, reasons, misses);
  const out = answer.decision === "implicitly-denied" && answer.statements.length === 0 && answer.reasons.length === 1 ? plainDenial(answer.reasons[0] as string) : answer;
  const guarded = refusingLevels.length > 0 && allow === "false" ? { ...out, guardrailRefuses: true as const, refusingGuardrails: kindsOf(refusingLevels) } : out;
  return mandatoryRefuses ? { ...guarded, mandatoryPolicyRefuses: true } : guarded;
}
