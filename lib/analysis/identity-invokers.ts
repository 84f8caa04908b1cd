/**
 * Roles of the account that can invoke a function through their own policies. Within one account an identity
 * Allow is enough to invoke, unless a Deny or the permissions boundary refuses (lambda-permissions.md §5.2), so no
 * resource-policy statement names these callers: CI and admin roles, and functions whose role invokes others.
 * Roles whose readable trust policy lets no one assume them are left out (`noOneCanAssume`): their grant is no one's.
 * Both `lambda:InvokeFunction` and the deprecated `lambda:InvokeAsync` are asked; the second listed only where it is
 * more open than the first (`asyncOnly`).
 *
 * Each function is asked about unqualified, as `$LATEST`, and through each alias and published version (`Target`).
 * Every answer comes from the evaluator (`roleDecision`, with the target's own resource policy: an alias or version
 * has one apart from the function's). Asking each role about each function is roles × functions questions; shortcuts
 * keep it near one pass over the functions, all exact:
 * - a role is asked only about the functions its readable Allow statements may name (`namedTargets`, found by name
 *   prefix), and once per group of them nothing can tell apart (`answersByGroup`, the probe argument below);
 * - a role whose grant may cover every function of a region (`*`, `lambda:*`, admin, `…:us-east-1:…:function:*`) is
 *   asked once per such region (that has functions, or whose functions were not all listed) about a function that
 *   does not exist; a real function there gets that answer when nothing that could change it applies: each Resource
 *   pattern of the role's statements about invoking matches it as it matches the probe, no statement about invoking
 *   tests aws:ResourceTag (the function's tags may answer otherwise: resource-tags.ts), and its resource policy has
 *   no statement that could concern a principal of the account and was read (or is a published version's, unread:
 *   taken as silent, `AccountInvoker`). Any other function is asked itself.
 *   Where the probes let the role in, it is listed once (`accountWide`, with `regions` when not all of them do).
 *   `identity-invokers.test.ts` holds the shortcut to asking every pair.
 */
import { resourceAndConditionTri, resourceHasOtherCase, resourceHasVariables, statementCoversAction } from "@/lib/policy/statement";
import { resourceMatches } from "@/lib/policy/wildcard";
import { DECISION_RANK, isOpen } from "@/lib/policy/decision";
import type { Decision, EvaluationRequest, PolicyDocument, Statement } from "@/lib/policy/types";
import { allowsAction, allowsOn, anyAllows } from "@/lib/findings/role-probes";
import { candidateStatements } from "@/lib/policy/evaluate-policies";
import { ANOTHER_TURN, runToEnd, type AnotherTurn } from "@/lib/steps";
import type { AccountModel, FunctionModel } from "./account-model";
import type { PrincipalModel, RoleModel } from "./role-model";
import type { AccountInvoker, Invoker } from "./types";
import { canRole, listedRegions, roleDecision, roleRequest } from "./role-access";
import { guardrailDocuments } from "./organization";
import { awsPrincipal } from "./aws-principal";
import { statementRef } from "./statement-ref";
import { FunctionNameIndex } from "./function-name-index";
import { withSessionVariables } from "./session-variables";
import { noOneCanAssume } from "./assumable";
import { INVOKE_ASYNC, INVOKE_FUNCTION } from "./async-only";
import { limitsOf } from "./invoker-limits";
import { resourceTagValues } from "./resource-tags";

const INVOKE = INVOKE_FUNCTION;
/**
 * The deprecated asynchronous invoke API: a role granted it alone still runs the function. Listed only where it is
 * more open than InvokeFunction (`asyncOnly`): one allowed to call Invoke is a caller already.
 */
const ASYNC = INVOKE_ASYNC;
/** Per action, the list every entry shares: reports are read, never changed. */
const ACTIONS: Record<string, string[]> = { [INVOKE]: [INVOKE], [ASYNC]: [ASYNC] };

export interface IdentityInvokers {
  /**
   * Per unqualified function ARN: roles whose grant names that function (or its aliases or published versions) but
   * not every function.
   */
  byFunction: Map<string, Invoker[]>;
  accountWide: AccountInvoker[];
  /**
   * Roles and IAM users of the account with identity policies (a user: or a group) the snapshot could not read: they
   * may invoke what no list says (unless their readable boundary allows no invoking).
   */
  unreadCallers: string[];
}

/**
 * A function, its `$LATEST`, one of its aliases or one of its published versions: what a role is asked about.
 * Lambda checks a call with a Qualifier against the qualified ARN (`fn:$LATEST`, `fn:live`, `fn:7`), which `fn:*`
 * matches and `fn` does not (lambda-permissions.md §3.5), so a role may run the function one way and not the other:
 * a grant on `fn:7` alone lets its holder run version 7 and nothing else of the function.
 */
interface Target {
  fn: FunctionModel;
  arn: string;
  /** Position in the account's target list: answers keep that order. */
  at: number;
  kind: "function" | "latest" | "alias" | "version";
  /** A published version whose own resource policy the snapshot lacks: a grant on every function takes it as silent (`AccountInvoker`). */
  policyUnread?: true;
}

export function identityInvokers(model: AccountModel): IdentityInvokers {
  return runToEnd(identityInvokerSteps(model));
}

/** Roles and users asked between two turns: ~1,000 take ~40 ms (an account's 5,000 ~200 ms, too long as one). */
const PRINCIPALS_PER_TURN = 1000;

/**
 * `identityInvokers`, yielding ANOTHER_TURN every PRINCIPALS_PER_TURN roles and users: the dashboard asks them in
 * turns (analyzeSnapshotInTurns), the CLI at once.
 */
export function* identityInvokerSteps(model: AccountModel): Generator<AnotherTurn, IdentityInvokers> {
  const byFunction = new Map<string, Invoker[]>();
  const accountWide: AccountInvoker[] = [];
  const unreadCallers: string[] = [];
  if (model.functions.length === 0 || model.regions.length === 0) return { byFunction, accountWide, unreadCallers };
  // Each action's targets, built when a role first asks about it (addTargets).
  const targets = new Map<string, Targets>();
  const targetsFor = (action: string) => targets.get(action) as Targets;
  function* addTargets(action: string): Generator<AnotherTurn, void> {
    targets.set(action, yield* targetSteps(model, action, targets.values().next().value));
    yield ANOTHER_TURN;
  }
  // IAM users after roles: asked the same way, as callers with their own policies (and their groups').
  let asked = 0;
  for (const listed of [...model.roles.values(), ...model.users.values()] as PrincipalModel[]) {
    if (++asked % PRINCIPALS_PER_TURN === 0) yield ANOTHER_TURN;
    // A role no one can assume lends its grant to no one (an unreadable trust policy may let anyone in: asked).
    if (listed.account !== model.account || (listed.kind === "role" && noOneCanAssume(listed as RoleModel))) continue;
    // A readable boundary that allows no invoking refuses it whatever the unread policies say.
    if (listed.unreadableIdentity.length > 0 && (!listed.boundary || allowsAction(listed.boundary, INVOKE) || allowsAction(listed.boundary, ASYNC))) {
      unreadCallers.push(listed.arn);
    }
    const invokes = mayInvoke(listed, INVOKE);
    const invokesAsync = mayInvoke(listed, ASYNC);
    if (!invokes && !invokesAsync) continue;
    // Asked with the variables its session fixes substituted: the same answers, found by name (session-variables.ts).
    const role = withSessionVariables(listed);
    if (invokes && !targets.has(INVOKE)) yield* addTargets(INVOKE);
    if (invokesAsync && !targets.has(ASYNC)) yield* addTargets(ASYNC);
    const direct = invokes ? roleAnswers(model, role, targetsFor(INVOKE), INVOKE) : undefined;
    if (direct?.wide) accountWide.push(direct.wide);
    for (const answers of direct?.perFunction ?? []) addPerFunction(model, byFunction, role, answers, INVOKE);
    if (invokesAsync) asyncOnly(model, role, direct, targetsFor, byFunction, accountWide);
  }
  accountWide.sort((a, b) => (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0));
  unreadCallers.sort();
  addUnknownKeys(model, byFunction, accountWide);
  return { byFunction, accountWide, unreadCallers };
}

/**
 * A conditional answer names the context keys it waits on, as `can` does, and the Deny statements (the caller's own,
 * its boundary's, the function's policy) and unread documents that may refuse it (invoker-limits.ts): the statements
 * alone (the Allow, cited) do not say why an administrator refused without MFA may not get in. Asked again only for
 * conditional entries (few).
 */
function addUnknownKeys(model: AccountModel, byFunction: Map<string, Invoker[]>, accountWide: AccountInvoker[]): void {
  const callerOf = (arn: string): PrincipalModel | undefined => model.roles.get(arn) ?? model.users.get(arn);
  const addLimits = (entry: Invoker | AccountInvoker, caller: PrincipalModel, action: string, resource: string) => {
    const answer = canRole(model, caller, { action, resource });
    if (answer.unknownKeys.length > 0) entry.unknownKeys = answer.unknownKeys;
    // The keys as `can` orders them (the report's order before these fields); the rest as limitsOf finds them.
    const { deniedBy, undocumentedValues, unreadPolicies } = limitsOf([answer], resource);
    if (deniedBy) entry.deniedBy = deniedBy;
    if (undocumentedValues) entry.undocumentedValues = undocumentedValues;
    if (unreadPolicies) entry.unreadPolicies = unreadPolicies;
  };
  for (const [fnArn, list] of byFunction) {
    for (const entry of list) {
      const caller = entry.decision === "conditional" ? callerOf(entry.principal) : undefined;
      if (!caller) continue;
      addLimits(entry, caller, entry.actions?.[0] ?? INVOKE, entry.qualifier ?? fnArn);
    }
  }
  const anyRegion = model.functions[0]?.region;
  for (const entry of accountWide) {
    const caller = entry.decision === "conditional" ? callerOf(entry.principal) : undefined;
    const region = entry.regions?.[0] ?? anyRegion;
    if (!caller || region === undefined) continue;
    // The entry answers for the probe of its regions: the function no one named.
    addLimits(entry, caller, entry.actions?.[0] ?? INVOKE, probeArn(model, region));
  }
}

/**
 * A role's answers for one action: the account-wide entry, if its grant covers every function of some regions and
 * lets it in there, and the answers to list per function (`addPerFunction`, one map per group of regions).
 * `answerOf` gives any target's answer, undefined where it was not asked (its own policies do not name it).
 */
interface RoleAnswers {
  wide?: AccountInvoker;
  perFunction: Map<Target, Decision>[];
  answerOf(t: Target): Decision | undefined;
}

function roleAnswers(model: AccountModel, role: PrincipalModel, targets: Targets, action: string): RoleAnswers {
  const covered = coveredRegions(model, role, targets.regions, action);
  const byName = covered.size < targets.regions.length ? answersByGroup(model, role, targets, covered, action) : new Map<Target, Decision>();
  const perFunction = [byName];
  if (covered.size === 0) return { perFunction, answerOf: (t) => byName.get(t) };
  const probes = probesOf(model, role, [...covered], action);
  const asked = askedBesideProbes(model, role, targets, probes, action);
  const wide = wideEntry(model, role, targets, probes, asked, action);
  perFunction.push(wide ? wide.rest : everyAnswer(targets.list, probes, asked));
  const answerOf = (t: Target) => asked.get(t) ?? probes.byRegion.get(t.fn.region)?.decision ?? byName.get(t);
  return { wide: wide?.entry, perFunction, answerOf };
}

/**
 * InvokeAsync for a role that may hold it: listed on the functions where it is more open than the role's
 * InvokeFunction answer — none, shut, or conditional where InvokeAsync is allowed (in the same way: on the function,
 * else `$LATEST`, else each alias and version; on the function or `$LATEST`, against InvokeFunction on those two) —
 * and account-wide when its InvokeFunction grant is not. A role allowed InvokeFunction on every function is asked only
 * about that entry's exceptions.
 */
function asyncOnly(
  model: AccountModel,
  role: PrincipalModel,
  direct: RoleAnswers | undefined,
  targetsFor: (action: string) => Targets,
  byFunction: Map<string, Invoker[]>,
  accountWide: AccountInvoker[],
): void {
  const list = targetsFor(ASYNC).list;
  // Per function, the most open InvokeFunction answer the role is listed with: InvokeAsync is listed where it is
  // more open (no InvokeFunction way in, or a conditional one where InvokeAsync is allowed). Found only for the
  // functions an open InvokeAsync answer concerns: a role with InvokeAsync on every function would otherwise look
  // at every target of the account (a third of identity invokers' time on the 10,000-function account).
  // Two answers per function, by what the target is. The function and its `$LATEST` (the code the unqualified
  // InvokeAsync runs) are weighed against InvokeFunction on those two only: an alias or version the role may invoke
  // runs a published version, not `$LATEST`, so it must not hide the unqualified way in (a Deny of InvokeFunction on
  // the function did, once an alias let the role in). An alias or version is weighed against the most open answer on
  // any target of the function, as before: a role listed as invoking the function needs no InvokeAsync entry on it.
  const invokeAnswers = new Map<FunctionModel, { unqualified?: Decision; any?: Decision }>();
  const invokeOf = (t: Target): Decision | undefined => {
    if (!direct) return undefined;
    let best = invokeAnswers.get(t.fn);
    if (!best) {
      best = {};
      // targetSteps lists each function's targets together.
      let start = t.at;
      while (start > 0 && (list[start - 1] as Target).fn === t.fn) start--;
      for (let i = start; i < list.length && (list[i] as Target).fn === t.fn; i++) {
        const u = list[i] as Target;
        const d = direct.answerOf(u);
        if (d === undefined) continue;
        best.any = mostOpen(best.any, d);
        if (runsLatest(u)) best.unqualified = mostOpen(best.unqualified, d);
      }
      invokeAnswers.set(t.fn, best);
    }
    return runsLatest(t) ? best.unqualified : best.any;
  };
  // Only open answers are listed (addPerFunction).
  const moreOpen = (t: Target, d: Decision) => {
    if (!isOpen(d)) return false;
    const i = invokeOf(t);
    return i === undefined || !isOpen(i) || (i === "conditional" && d === "allowed");
  };
  if (direct?.wide && !direct.wide.regions && direct.wide.decision === "allowed") {
    const answers = new Map<Target, Decision>();
    // Only the functions the entry excepts (unqualified) are looked at: a scan of every target per such role was
    // ~45 × 25,000 steps on the 10,000-function account.
    const starts = new Set<number>();
    for (const e of direct.wide.exceptions) {
      const at = e.decision === "allowed" ? undefined : targetsFor(ASYNC).firstAt.get(e.function);
      if (at !== undefined) starts.add(at);
    }
    for (const start of [...starts].sort((a, b) => a - b)) {
      const fn = (list[start] as Target).fn;
      for (let i = start; i < list.length && (list[i] as Target).fn === fn; i++) {
        const t = list[i] as Target;
        if (invokeOf(t) === "allowed" || !namesTarget(role, t.arn, ASYNC)) continue;
        const d = roleDecision(model, role, { action: ASYNC, resource: t.arn });
        if (moreOpen(t, d)) answers.set(t, d);
      }
    }
    addPerFunction(model, byFunction, role, answers, ASYNC);
    return;
  }
  const viaAsync = roleAnswers(model, role, targetsFor(ASYNC), ASYNC);
  const moreOpenOnly = (answers: Map<Target, Decision>) => new Map([...answers].filter(([t, d]) => moreOpen(t, d)));
  if (viaAsync.wide && !direct?.wide) {
    accountWide.push({ ...viaAsync.wide, actions: ACTIONS[ASYNC] });
    for (const answers of viaAsync.perFunction) addPerFunction(model, byFunction, role, moreOpenOnly(answers), ASYNC);
    return;
  }
  // One account-wide entry per role: beside an InvokeFunction one, the async answers are listed per function.
  const every = new Map<Target, Decision>();
  for (const t of list) {
    const d = viaAsync.answerOf(t);
    if (d !== undefined && moreOpen(t, d)) every.set(t, d);
  }
  addPerFunction(model, byFunction, role, every, ASYNC);
}

/** The function itself or its `$LATEST`: a target that runs the unqualified function's code. */
function runsLatest(t: Target): boolean {
  return t.kind === "function" || t.kind === "latest";
}

function mostOpen(a: Decision | undefined, b: Decision): Decision {
  return a === undefined || DECISION_RANK[b] < DECISION_RANK[a] ? b : a;
}

/** Cost guard: some readable Allow statement names the action, and the boundary (when readable) may allow it. */
function mayInvoke(role: PrincipalModel, action: string): boolean {
  return anyAllows(role.identity, action) && (!role.boundary || allowsAction(role.boundary, action));
}

/**
 * The targets the Resource patterns of the role's readable Allow statements about invoking may name (a superset:
 * each is still matched and asked). A NotResource or a policy variable may name any.
 */
function namedTargets(role: PrincipalModel, targets: Targets, action: string): readonly Target[] {
  // Most roles name one pattern: its targets come back in order, with no set to build and sort.
  let only: readonly Target[] | undefined;
  let found: Set<Target> | undefined;
  for (const doc of role.identity) {
    for (const st of doc.statements) {
      if (st.effect !== "Allow" || !statementCoversAction(st, action)) continue;
      if (!st.resource || resourceHasVariables(st, st.resource)) return targets.list;
      for (const pattern of st.resource) {
        const named = targets.index.mayMatch(pattern);
        if (named === targets.list) return targets.list;
        if (only === undefined && found === undefined) only = named;
        else {
          found ??= new Set(only);
          only = undefined;
          for (const t of named) found.add(t);
        }
      }
    }
  }
  return found ? [...found].sort((a, b) => a.at - b.at) : (only ?? []);
}

/** Cost guard for one target: a readable Allow statement of the role (and of its boundary) may cover it. */
function namesTarget(role: PrincipalModel, arn: string, action: string): boolean {
  return anyAllows(role.identity, action, arn) && (!role.boundary || allowsAction(role.boundary, action, arn));
}

interface Targets {
  list: Target[];
  /** Per target (same order): what could tell it from a probe, whatever the role's grant (`resourceEffect`). */
  effect: ResourceEffect[];
  index: FunctionNameIndex<Target>;
  /** Per function ARN, the position of its first target (targetSteps lists each function's targets together). */
  firstAt: Map<string, number>;
  /**
   * The targets whose effect is not "none" (an unread version policy aside, taken as silent): all a role with no
   * pattern but `*` needs to look at beside its probes.
   */
  notSilent: Target[];
  /**
   * The regions a grant on every function must cover: those with functions, and those whose functions were not all
   * listed. A region the scan found empty does not stop a grant scoped to the others (`scan --regions all` reads
   * every region) from covering every function.
   */
  regions: string[];
}

/**
 * The targets and what could tell each from a probe for `action`; the list, index and regions of `same` when given.
 * A turn after the list and after the effects: at once the first list took ~35-60 ms at 10,000 functions.
 */
function* targetSteps(model: AccountModel, action: string, same?: Targets): Generator<AnotherTurn, Targets> {
  const list: Target[] = same?.list ?? [];
  if (!same) {
    for (const fn of model.functions) {
      list.push({ fn, arn: fn.arn, at: list.length, kind: "function" });
      list.push({ fn, arn: `${fn.arn}:$LATEST`, at: list.length, kind: "latest" });
      for (const alias of fn.aliases) list.push({ fn, arn: alias.AliasArn, at: list.length, kind: "alias" });
      for (const version of publishedVersions(fn)) {
        const arn = `${fn.arn}:${version}`;
        list.push({ fn, arn, at: list.length, kind: "version", ...(policyUnread(fn, arn) ? { policyUnread: true as const } : {}) });
      }
    }
    yield ANOTHER_TURN;
  }
  const listed = listedRegions(model);
  // A $LATEST has its function's policy, and so its effect: targetSteps puts it right after the function.
  const effect: ResourceEffect[] = [];
  for (const t of list) {
    if (!listed.has(t.fn.region)) effect.push("any");
    else effect.push(t.kind === "latest" ? (effect[t.at - 1] as ResourceEffect) : resourceEffect(model, t, action));
  }
  const notSilent = list.filter((t) => effect[t.at] !== "none" && !t.policyUnread);
  if (same) return { list, effect, index: same.index, firstAt: same.firstAt, notSilent, regions: same.regions };
  yield ANOTHER_TURN;
  const withFunctions = new Set(model.functions.map((fn) => fn.region));
  const regions = [...new Set([...model.regions.filter((r) => !listed.has(r) || withFunctions.has(r)), ...withFunctions])];
  const firstAt = new Map<string, number>();
  for (const t of list) if (t.kind === "function") firstAt.set(t.arn, t.at);
  return { list, effect, index: new FunctionNameIndex(list), firstAt, notSilent, regions };
}

/**
 * The numbers of the function's published versions, in order, once each. Only those the list holds: one it lacks is
 * not invented (a call to a version that does not exist fails), and one it holds exists even where the list is
 * partial. `$LATEST`, which other tools list among the versions, is a target of its own.
 */
export function publishedVersions(fn: FunctionModel): string[] {
  // Asked of every function, twice per analysis; most publish none.
  if (fn.versions.length === 0) return [];
  const numbers = new Set<string>();
  for (const v of fn.versions) if (typeof v.Version === "string" && /^\d+$/.test(v.Version)) numbers.add(v.Version);
  return [...numbers].sort((a, b) => Number(a) - Number(b));
}

/**
 * One entry per function the role may invoke: on the function when it may invoke it unqualified, else on `$LATEST`
 * (the same code), else on each alias and published version it may invoke.
 */
function addPerFunction(model: AccountModel, byFunction: Map<string, Invoker[]>, role: PrincipalModel, answers: Map<Target, Decision>, action: string): void {
  const unqualifiedOpen = new Set<FunctionModel>();
  const latestOpen = new Set<FunctionModel>();
  for (const [t, d] of answers) {
    if (!isOpen(d)) continue;
    if (t.kind === "function") unqualifiedOpen.add(t.fn);
    else if (t.kind === "latest") latestOpen.add(t.fn);
  }
  const granting = new GrantingStatements(model, role, action);
  for (const [t, decision] of answers) {
    if (!isOpen(decision)) continue;
    const qualified = t.kind !== "function";
    if (qualified && (unqualifiedOpen.has(t.fn) || (latestOpen.has(t.fn) && t.kind !== "latest"))) continue;
    let list = byFunction.get(t.fn.arn);
    if (!list) byFunction.set(t.fn.arn, (list = []));
    const entry: Invoker = {
      via: "identity-policy",
      principal: role.arn,
      principalType: role.kind,
      decision,
      actions: ACTIONS[action],
      statements: granting.of(t.arn),
    };
    if (qualified) entry.qualifier = t.arn;
    list.push(entry);
  }
}

/** The function no one named, in a region: what a grant on every function lets the role do there. */
function probeArn(model: AccountModel, region: string): string {
  return `arn:${model.partition}:lambda:${region}:${model.account}:function:lpg-probe-no-such-function`;
}

/**
 * The regions whose probe a readable Allow statement about invoking may cover: a grant on every function there
 * (`*`, or `arn:aws:lambda:us-east-1:…:function:*`). Their functions are answered through the probe; the others'
 * by name (`answersByGroup`).
 */
function coveredRegions(model: AccountModel, role: PrincipalModel, regions: readonly string[], action: string): Set<string> {
  return new Set(regions.filter((region) => anyAllows(role.identity, action, probeArn(model, region))));
}

interface Probe {
  decision: Decision;
  /** For each of the role's patterns (`patternsOf`), whether it matches the probe. */
  matches: boolean[];
}

interface Probes {
  byRegion: Map<string, Probe>;
  patterns: string[];
  /**
   * A pattern holds a policy variable, or a statement tests the target's tags: only the evaluator can read those, so
   * no target takes a probe's answer.
   */
  variables: boolean;
}

function probesOf(model: AccountModel, role: PrincipalModel, regions: readonly string[], action: string): Probes {
  const { list, variables } = patternsOf(model, role, action);
  const byRegion = new Map<string, Probe>();
  for (const region of regions) {
    const arn = probeArn(model, region);
    byRegion.set(region, { decision: roleDecision(model, role, { action, resource: arn }), matches: list.map((p) => resourceMatches(p, arn)) });
  }
  return { byRegion, patterns: list, variables };
}

/**
 * Every Resource and NotResource pattern of the statements (identity and boundary, and the organization's SCPs and
 * RCPs when known, Allow and Deny) about invoking.
 */
function patternsOf(model: AccountModel, role: PrincipalModel, action: string): { list: string[]; variables: boolean } {
  const list: string[] = [];
  let variables = false;
  const own = role.boundary ? [...role.identity, role.boundary] : role.identity;
  for (const doc of model.organization.state === "known" ? [...own, ...guardrailDocuments(model.organization)] : own) {
    for (const st of doc.statements) {
      if (!statementCoversAction(st, action)) continue;
      if (testsResourceTags(st)) variables = true;
      const resources = st.resource ?? st.notResource;
      if (!resources) continue;
      // Matched as written, an entry spelled `ARN:` or `arn:AWS:` would group targets its lower-case reading tells apart.
      if (resourceHasVariables(st, resources) || resourceHasOtherCase(st, resources)) variables = true;
      for (const r of resources) if (r !== "*" && !list.includes(r)) list.push(r);
    }
  }
  return { list, variables };
}

/** A condition of the statement reads aws:ResourceTag, as its key or in a value's policy variable. */
function testsResourceTags(st: Statement): boolean {
  return st.conditions.some((c) => c.key.toLowerCase().startsWith("aws:resourcetag/") || c.values.some((v) => /\$\{aws:resourcetag\//i.test(v)));
}

/**
 * For a role whose grant names some functions: the targets its patterns may name, asked once per group of targets
 * nothing can tell apart (same region, matched by the same patterns, a resource policy that cannot change the
 * answer: the probes' argument, with a real target as the probe), each other target asked itself.
 */
function answersByGroup(model: AccountModel, role: PrincipalModel, targets: Targets, covered: ReadonlySet<string>, action: string): Map<Target, Decision> {
  const answers = new Map<Target, Decision>();
  const { list, variables } = patternsOf(model, role, action);
  const groups = new Map<string, Decision>();
  const ask = (t: Target) => roleDecision(model, role, { action, resource: t.arn });
  let open: FunctionModel | undefined;
  for (const t of namedTargets(role, targets, action)) {
    // A function the role may invoke is listed as such (addPerFunction): its $LATEST, aliases and versions, which
    // come after it, need no answer.
    if (t.fn === open || covered.has(t.fn.region)) continue;
    if (!namesTarget(role, t.arn, action)) continue;
    const effect = targets.effect[t.at];
    let decision: Decision;
    if (variables || effect === "any") decision = ask(t);
    else {
      const key = groupKey(t, list);
      const shared = groups.get(key);
      if (shared !== undefined && (effect === "none" || shared === "allowed")) decision = shared;
      else {
        decision = ask(t);
        // Only a target whose policy cannot matter answers for its group.
        if (effect === "none") groups.set(key, decision);
      }
    }
    answers.set(t, decision);
    if (t.kind === "function" && isOpen(decision)) open = t.fn;
  }
  return answers;
}

function groupKey(t: Target, patterns: readonly string[]): string {
  let key = t.fn.region;
  for (const p of patterns) key += resourceMatches(p, t.arn) ? "1" : "0";
  return key;
}

/**
 * For a role whose grant covers every function, the targets that could be answered otherwise than the probe of
 * their region, each asked itself; every other target takes its probe's answer.
 */
function askedBesideProbes(model: AccountModel, role: PrincipalModel, targets: Targets, probes: Probes, action: string): Map<Target, Decision> {
  const asked = new Map<Target, Decision>();
  const { effect } = targets;
  const list = mayDiffer(targets, probes);
  for (let i = 0; i < list.length; i++) {
    const t = list[i] as Target;
    const probe = probes.byRegion.get(t.fn.region);
    if (probe === undefined) continue; // a region no grant covers whole: answered by name (answersByGroup)
    // An Allow in the target's policy cannot change an answer that is already "allowed"; a Deny or an unread policy can
    // (but for a published version's, taken as silent: AccountInvoker).
    const policySilent = effect[t.at] === "none" || t.policyUnread === true || (effect[t.at] === "may-allow" && probe.decision === "allowed");
    const same = !probes.variables && policySilent && samePatterns(probes.patterns, t.arn, probe);
    if (!same) asked.set(t, roleDecision(model, role, { action, resource: t.arn }));
  }
  return asked;
}

/**
 * The targets that may be answered otherwise than their probe: those whose policy may matter, and those a pattern no
 * probe matches may name (found by name: a wide grant with a Deny on a few functions looks at those few). A pattern
 * that matches a probe may fail on any target, so then every target is looked at.
 */
function mayDiffer(targets: Targets, probes: Probes): readonly Target[] {
  if (probes.variables) return targets.list;
  if (probes.patterns.length === 0) return targets.notSilent;
  const matched = [...probes.byRegion.values()];
  if (probes.patterns.some((_, i) => matched.some((probe) => probe.matches[i]))) return targets.list;
  const found = new Set<Target>(targets.notSilent);
  for (const p of probes.patterns) for (const t of targets.index.mayMatch(p)) found.add(t);
  return [...found].sort((a, b) => a.at - b.at);
}

function samePatterns(patterns: readonly string[], arn: string, probe: Probe): boolean {
  for (let i = 0; i < patterns.length; i++) if (resourceMatches(patterns[i] as string, arn) !== probe.matches[i]) return false;
  return true;
}

/** The answer of every target in the regions the probes cover (or in `only` of them): its own where asked, else its probe's. */
function everyAnswer(list: readonly Target[], probes: Probes, asked: Map<Target, Decision>, only?: ReadonlySet<string>): Map<Target, Decision> {
  const out = new Map<Target, Decision>();
  for (const t of list) {
    if (only && !only.has(t.fn.region)) continue;
    const d = asked.get(t) ?? probes.byRegion.get(t.fn.region)?.decision;
    if (d !== undefined) out.set(t, d);
  }
  return out;
}

/**
 * How the target's resource policy could change a same-account role's answer: "none" when it cannot (no policy, or
 * only statements about services and other accounts); "may-allow" when only Allow statements about invoking may
 * name a principal of the account (`*`, the account, one of its roles, an entry the evaluator cannot place), which
 * can grant but not refuse; "any" when a Deny may, or the policy was not read, or the target's region was not listed.
 */
type ResourceEffect = "none" | "may-allow" | "any";

/** The resource policy of the function's `arn` (itself or a qualifier) is unknown: GetPolicy failed, or was not asked. */
function policyUnread(fn: FunctionModel, arn: string): boolean {
  return fn.unknownOps.has("GetPolicy") || fn.unknownOps.has("GetResourcePolicy") || fn.unreadPolicies.has(arn);
}

function resourceEffect(model: AccountModel, t: Target, action: string): ResourceEffect {
  const { fn } = t;
  if (policyUnread(fn, t.arn)) return "any";
  const policy = fn.policies.find((p) => p.qualifiedArn === t.arn)?.policy;
  return policy === undefined ? "none" : policyEffect(policy, model.account, model.partition, action);
}

const effects: Record<string, WeakMap<PolicyDocument, ResourceEffect>> = { [INVOKE]: new WeakMap(), [ASYNC]: new WeakMap() };

function policyEffect(policy: PolicyDocument, account: string, partition: string, action: string): ResourceEffect {
  const cache = effects[action] as WeakMap<PolicyDocument, ResourceEffect>;
  let effect = cache.get(policy);
  if (effect === undefined) {
    effect = "none";
    for (const st of policy.statements) {
      if (!statementCoversAction(st, action) || !mayNameAccountPrincipal(st, account, partition)) continue;
      if (st.effect !== "Allow") {
        effect = "any";
        break;
      }
      effect = "may-allow";
    }
    cache.set(policy, effect);
  }
  return effect;
}

function mayNameAccountPrincipal(st: Statement, account: string, partition: string): boolean {
  if (st.notPrincipal || !st.principal) return true;
  const p = st.principal;
  if (p.wildcard || p.federated.length > 0 || p.canonicalUser.length > 0) return true;
  return p.aws.some((entry) => {
    const named = awsPrincipal(entry, partition);
    return named.type === "deleted" || named.account === undefined || named.account === account || /[*?]/.test(entry);
  });
}

/**
 * The account-wide entry: the open probes' answer ("allowed" where some are) and the targets in their regions answered
 * otherwise (only asked ones can be). A `$LATEST` is an exception when its answer differs from its function's
 * (`AccountInvoker`): a Deny in the function's policy, which covers both, is said once. With `regions` when some
 * regions' probes give another answer (a grant on one region's functions, a condition on aws:RequestedRegion): their
 * functions stay in `rest`, answered per function. Undefined when no probe is open: the role is then listed per
 * function.
 */
function wideEntry(
  model: AccountModel,
  role: PrincipalModel,
  { list, regions }: Targets,
  probes: Probes,
  asked: Map<Target, Decision>,
  action: string,
): { entry: AccountInvoker; rest: Map<Target, Decision> } | undefined {
  const covered = [...probes.byRegion.keys()];
  const answerIn = (r: string) => probes.byRegion.get(r)?.decision ?? "implicitly-denied";
  // Where the open probes disagree (allowed in one region, conditional in another), the entry speaks for the regions
  // that allow it; the others' functions are listed one by one.
  const decisions = new Set(covered.map(answerIn).filter(isOpen));
  const decision: Decision | undefined = decisions.has("allowed") ? "allowed" : [...decisions][0];
  if (decision === undefined) return undefined;
  const open = covered.filter((r) => answerIn(r) === decision);
  const inScope = new Set(open);
  const exceptions: AccountInvoker["exceptions"] = [];
  for (const [t, d] of asked) {
    if (!inScope.has(t.fn.region)) continue;
    // targetSteps puts each function's $LATEST right after it.
    const fnAnswer: Decision = t.kind === "latest" ? (asked.get(list[t.at - 1] as Target) ?? decision) : decision;
    if (d !== fnAnswer) exceptions.push({ function: t.arn, decision: d });
    // Not asked, a $LATEST takes the role's answer: an exception when its function's differs.
    const latest = list[t.at + 1] as Target;
    if (t.kind === "function" && d !== decision && !asked.has(latest)) exceptions.push({ function: latest.arn, decision });
  }
  const entry: AccountInvoker = {
    principal: role.arn,
    principalType: role.kind,
    decision,
    statements: new GrantingStatements(model, role, action).of(probeArn(model, open[0] as string)),
    exceptions,
  };
  const closed = new Set(covered.filter((r) => !inScope.has(r)));
  if (open.length === regions.length) return { entry, rest: new Map() };
  entry.regions = open.sort();
  return { entry, rest: closed.size > 0 ? everyAnswer(list, probes, asked, closed) : new Map() };
}

/**
 * The readable Allow statements that grant invoking an ARN, or may (a condition on an unknown key), as
 * "policy#sid": the evidence for a role's entries. A statement whose condition or Resource variable is false for the
 * request grants nothing there. A role's grant is mostly the same statements for every function it names, so an
 * entry whose statements are those of the role's entry before shares that entry's list: the report keeps every entry
 * (~17,000 on the 10,000-function synthetic account), and a list and its strings each were a tenth of the memory the
 * invoker lists keep.
 */
class GrantingStatements {
  private docs: PolicyDocument[] = [];
  private statements: Statement[] = [];
  private refs: string[] = [];

  constructor(
    private readonly model: AccountModel,
    private readonly role: PrincipalModel,
    private readonly action: string,
  ) {}

  of(arn: string): string[] {
    const docs: PolicyDocument[] = [];
    const statements: Statement[] = [];
    let request: EvaluationRequest | undefined;
    for (const doc of this.role.identity) {
      for (const st of candidateStatements(doc, this.action)) {
        if (!allowsOn(st, this.action, arn)) continue;
        request ??= roleRequest(this.role, { action: this.action, resource: arn }, undefined, resourceTagValues(this.model, arn, this.action));
        const applies = resourceAndConditionTri(st, doc, request);
        if (applies === undefined || applies === "false") continue;
        docs.push(doc);
        statements.push(st);
      }
    }
    if (!sameItems(docs, this.docs) || !sameItems(statements, this.statements)) {
      this.docs = docs;
      this.statements = statements;
      this.refs = statements.map((st, i) => statementRef(docs[i] as PolicyDocument, st));
    }
    return this.refs;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
