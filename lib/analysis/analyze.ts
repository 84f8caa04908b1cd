/**
 * analyse = snapshot → report. Pure: the same snapshot always gives the same report, so old snapshots can be
 * re-analysed with newer rules and the dashboard can cache by snapshot id.
 */
import type { Snapshot } from "@/lib/snapshot/schema";
import { graphSteps } from "@/lib/graph/build";
import { createRuleContext, ruleSteps } from "@/lib/findings/run";
import { RULES } from "@/lib/findings/rules/registry";
import type { Rule } from "@/lib/findings/types";
import { ANOTHER_TURN, runInTurns, runToEnd, type AnotherTurn } from "@/lib/steps";
import { accountModelSteps, addQueuePolicyGaps, buildAccountModel, roleKnownAbsent, roleSetAside, type AccountModel, type FunctionModel } from "./account-model";
import { absentQualifiers, aliasRoutes, rolesOfQualified, rolesUnknownOf, versionRolesSetAside, type RunsAs } from "./runs-as";
import { ROLE_NAMED_NONE, ROLE_SET_ASIDE, ROLES_LEFT_OUT, unavailableEntry, unnamedGaps, versionRoleSetAside } from "./snapshot-gaps";
import { EDGE_ASSOCIATIONS_NOT_READ, mayRunAtEdge } from "./edge-function";
import { invokersOf } from "./invokers";
import { usersNotReadEntry } from "./users-not-read";
import { organizationNotReadEntry, organizationSummary } from "./organization";
import { identityInvokerSteps, publishedVersions, type IdentityInvokers } from "./identity-invokers";
import { addOwnAccountDelegation } from "./own-account-delegation";
import { roleReach } from "./reaches";
import { resourceMatches } from "@/lib/policy/wildcard";
import type { RoleModel } from "./role-model";
import type { AccountInvoker, AnalysisReport, DeniedGrant, FunctionReport, IneffectiveGrant, Invoker, OrganizationSummary, Reach, RoleAssumers, RoleUnknown } from "./types";
import { roleAssumers } from "./role-assumers";
import { stateText } from "./function-state";
import { sortedTags } from "./function-tags";
import { asyncSettings } from "./way-in-settings";

/**
 * Data that could not be read for the function: failed calls, sections the snapshot lacks (no IAM data at all),
 * aliases and versions it runs that their list lacks, its role's documents that are malformed or absent (answers
 * that need them are conditional), and CloudFront's Lambda@Edge associations where it may have some.
 */
function unknownOf(fn: FunctionModel, rolesLeftOut: boolean, model: AccountModel): string[] {
  const out = fn.unavailable.map((u) => unavailableEntry(u, fn.arn));
  for (const op of unnamedGaps(fn)) out.push((op === "GetAccountAuthorizationDetails" && roleGapText(fn)) || `${op}: not in the snapshot`);
  const skipped = fn.versionPoliciesNotRead.length;
  if (skipped) out.push(`GetPolicy: not read for ${skipped} published version${skipped > 1 ? "s" : ""} (scan --version-policies all reads them)`);
  for (const { qualifier, list, referrers } of absentQualifiers(fn)) {
    // Its policy may be in the snapshot (another tool read it); its role never is.
    const policy = !fn.policies.some((p) => p.qualifiedArn === `${fn.arn}:${qualifier}`);
    const absent = `(${referrers.join(", ")}) is not in the result`;
    out.push(
      list === "versions"
        ? `ListVersionsByFunction: version ${qualifier} ${absent}: its role${policy ? " and resource policy are" : " is"} unknown`
        : `ListAliases: alias ${qualifier} ${absent}: the version it routes to${policy ? ", its role and resource policy" : " and its role"} are unknown`,
    );
  }
  for (const { version, why } of versionRolesSetAside(fn)) out.push(versionRoleSetAside(version, why));
  for (const u of fn.role?.unreadable ?? []) out.push(`GetAccountAuthorizationDetails: could not read ${u}`);
  // A function whose own role is unknown already says the IAM data is (the entry above).
  if (rolesLeftOut && !fn.unknownOps.has("GetAccountAuthorizationDetails")) out.push(ROLES_LEFT_OUT);
  if (mayRunAtEdge(fn, fn.role, model)) out.push(EDGE_ASSOCIATIONS_NOT_READ);
  return out;
}

/**
 * Why the function's role is unknown when the snapshot's IAM data is not the reason: its configuration names none, or
 * the Role it named was set aside (and why, from that record).
 */
function roleGapText(fn: FunctionModel): string | undefined {
  if (fn.roleState === "none") return ROLE_NAMED_NONE;
  const setAside = roleSetAside(fn);
  return setAside ? `${ROLE_SET_ASIDE}${setAside.message ?? "its Role was set aside"}` : undefined;
}

/**
 * The aliases and versions the function's ways in name (a grant or URL on an alias): graph nodes of their own. Asked
 * of every function, and most ways in name none: no list built for those.
 */
function qualifiersNamed(fn: FunctionModel, invokers: readonly Invoker[] | undefined): readonly string[] {
  let named: string[] | undefined;
  for (const i of invokers ?? []) if (i.qualifier && i.qualifier !== fn.arn) (named ??= []).push(i.qualifier);
  return named ?? NONE_NAMED;
}
const NONE_NAMED: readonly string[] = [];

/** Absent when there are none: most functions publish no versions, and reports stay small. */
function versionsField(versions: string[]): Pick<FunctionReport, "versions"> {
  return versions.length ? { versions } : {};
}

/** Absent when none is set, like `versions`. */
function asyncField(fn: FunctionModel): Pick<FunctionReport, "asyncInvocation"> {
  const settings = asyncSettings(fn);
  return settings ? { asyncInvocation: settings } : {};
}

/**
 * Where an analysis stands: `done` of `total` steps, and the one now starting. Only for a progress line (the CLI's
 * on a 10,000-function account takes seconds); the analysis itself never prints.
 */
export interface AnalysisProgress {
  done: number;
  total: number;
  step: string;
}
export type OnAnalysisProgress = (p: AnalysisProgress) => void;

/** The account model, callers, reach lists, each rule, the graph. */
const STEPS = 4 + RULES.length;

/** Account-level data that could not be read: IAM users, the organization's SCPs and RCPs. */
function accountUnknown(model: AccountModel): { unknown?: string[] } {
  const unknown = [
    ...(model.usersUnknown ? [usersNotReadEntry(model.usersUnknown)] : []),
    ...[organizationNotReadEntry(model.organization)].filter((e) => e !== undefined),
  ];
  return unknown.length > 0 ? { unknown } : {};
}

/** Which organization's guardrails the answers apply, when the snapshot says (absent otherwise). */
function organizationOf(model: AccountModel): { organization?: OrganizationSummary } {
  const organization = organizationSummary(model.organization);
  return organization ? { organization } : {};
}

/**
 * Every way into each function, by function ARN: its own (grants, mappings, URLs) and the account's roles and users
 * whose policies name it; `byIdentity` also holds those that may invoke every function (the report's accountInvokers).
 */

export function functionInvokers(model: AccountModel): { invokers: Map<string, Invoker[]>; byIdentity: IdentityInvokers } {
  return runToEnd(invokerSteps(model));
}

/**
 * `functionInvokers` in turns: the functions' own ways in (a turn every FUNCTIONS_PER_TURN), then the account's roles
 * and users as callers (in turns of their own).
 */
function* invokerSteps(model: AccountModel): Generator<AnotherTurn, ReturnType<typeof functionInvokers>> {
  const invokers = new Map<string, Invoker[]>();
  for (const fn of model.functions) {
    invokers.set(fn.arn, invokersOf(model, fn));
    if (invokers.size % FUNCTIONS_PER_TURN === 0) yield ANOTHER_TURN;
  }
  yield ANOTHER_TURN;
  const byIdentity = yield* identityInvokerSteps(model);
  for (const [arn, list] of byIdentity.byFunction) invokers.get(arn)?.push(...list);
  // A grant to the account itself is only as open as its roles' and users' own policies: named once those are known.
  for (const fn of model.functions) addOwnAccountDelegation(model, fn, invokers.get(fn.arn) ?? [], byIdentity);
  return { invokers, byIdentity };
}

/** Functions' own ways in between two turns: 1,000 take ~10 ms. */
const FUNCTIONS_PER_TURN = 1000;

/** Reach lists between two turns: a few hundred roles take tens of milliseconds. */
const ROLES_PER_TURN = 250;

/** Queues whose policy the model holds as unread (a failed read, a malformed document). */
function unreadQueues(model: AccountModel): string[] {
  return [...model.queuePolicies].flatMap(([arn, q]) => (q.policy ? [] : [arn]));
}

/**
 * The unread queues a reach list covers: named by ARN, or under a pattern (`*`, `arn:aws:sqs:*:*:*`) of an SQS
 * reach or of every action. The queue's policy may deny the role there (or grant it) all the same.
 */
function queuesReached(reaches: readonly Reach[], unread: readonly string[]): string[] {
  return unread.filter((queue) => reaches.some((r) => (r.service === "sqs" || r.service === "*") && resourceMatches(r.resource, queue)));
}

export function analyzeModel(model: AccountModel, onProgress?: OnAnalysisProgress): AnalysisReport {
  return runToEnd(analysisSteps(model), progressOfSteps(onProgress, 1)); // the account model, built before
}

/** Tells `onProgress` each named step as it starts, counting from `done`; turns within a step are no step. */
function progressOfSteps(onProgress: OnAnalysisProgress | undefined, done: number): (step: string | AnotherTurn) => void {
  return (step) => {
    if (step !== ANOTHER_TURN) onProgress?.({ done: done++, total: STEPS, step });
  };
}

/** The analysis one step at a time: yields each step's name as it starts (and ANOTHER_TURN within long ones), and returns the report. */
function* analysisSteps(model: AccountModel): Generator<string | AnotherTurn, AnalysisReport> {
  yield "callers";
  const { invokers, byIdentity } = yield* invokerSteps(model);

  yield "reach lists";
  const reachesByRole = new Map<string, Reach[]>();
  const ineffectiveByRole = new Map<string, IneffectiveGrant[]>();
  const deniedByRole = new Map<string, DeniedGrant[]>();
  const addReach = (role: RoleModel) => {
    const { reaches, ineffective, denied } = roleReach(model, role);
    reachesByRole.set(role.arn, reaches);
    if (ineffective.length) ineffectiveByRole.set(role.arn, ineffective);
    if (denied.length) deniedByRole.set(role.arn, denied);
  };
  for (const fn of model.functions) {
    if (!fn.role || reachesByRole.has(fn.role.arn)) continue;
    addReach(fn.role);
    if (reachesByRole.size % ROLES_PER_TURN === 0) yield ANOTHER_TURN;
  }
  // Aliases and versions published with another role than the function's current one run as that role; one whose
  // role is unknown (it or its version missing from its list) is drawn with no role rather than the current one. The
  // graph draws a node for each qualifier a way in names, listed or not.
  const qualifierRoles = new Map<string, string[]>();
  // Those drawn with no role, by function: their nodes say why (FunctionReport.rolesUnknown).
  const rolesUnknown = new Map<string, RoleUnknown[]>();
  for (const fn of model.functions) {
    const named = qualifiersNamed(fn, invokers.get(fn.arn));
    if (fn.versions.length === 0 && fn.aliases.length === 0 && named.length === 0) continue;
    const unknownRoutes: RunsAs[] = [];
    for (const qualified of new Set([...fn.aliases.map((a) => a.AliasArn), ...fn.versions.map((v) => `${fn.arn}:${v.Version}`), ...named])) {
      const roles = rolesOfQualified(model, fn, qualified);
      if (roles.length === 1 && roles[0]?.arn === fn.roleArn && !roles[0]?.unlisted) continue;
      qualifierRoles.set(qualified, roles.flatMap((r) => (r.arn && !r.unlisted ? [r.arn] : [])));
      for (const r of roles) {
        if (r.unlisted) unknownRoutes.push(r);
        else if (r.arn && r.role && !reachesByRole.has(r.arn)) addReach(r.role);
      }
    }
    const gaps = rolesUnknownOf(fn, unknownRoutes);
    if (gaps.length) rolesUnknown.set(fn.arn, gaps);
  }
  // A queue the role reaches whose policy is unread leaves the function's answers there open, as one it uses does:
  // its `unknown` and data-unavailable name the read, though no mapping, dead-letter queue or destination names the queue.
  const unread = unreadQueues(model);
  if (unread.length > 0) {
    for (const fn of model.functions) {
      const reaches = fn.role && reachesByRole.get(fn.role.arn);
      if (reaches) addQueuePolicyGaps(fn, queuesReached(reaches, unread), model);
    }
  }

  const findings = yield* ruleNames(ruleSteps(createRuleContext(model, invokers, byIdentity.accountWide), RULES));
  // The functions list (~25 ms at 10,000 functions) in a turn of its own, not after the last rule's.
  yield ANOTHER_TURN;

  const rolesLeftOut = model.incomplete.some((e) => e.operation === "GetAccountAuthorizationDetails");
  const functions: FunctionReport[] = model.functions.map((fn) => ({
    arn: fn.arn,
    name: fn.name,
    region: fn.region,
    role: fn.roleArn ?? "",
    runtime: fn.config.Runtime ?? undefined,
    description: fn.config.Description ?? undefined,
    ...(fn.reportedState && stateText(fn.reportedState) ? { state: stateText(fn.reportedState) } : {}),
    ...(fn.tags ? { tags: sortedTags(fn.tags) } : {}),
    invokers: invokers.get(fn.arn) ?? [],
    reaches: fn.role ? reachesByRole.get(fn.role.arn) ?? [] : [],
    ...(fn.role && ineffectiveByRole.has(fn.role.arn) ? { ineffectiveGrants: ineffectiveByRole.get(fn.role.arn) } : {}),
    ...(fn.role && deniedByRole.has(fn.role.arn) ? { deniedGrants: deniedByRole.get(fn.role.arn) } : {}),
    unknown: unknownOf(fn, rolesLeftOut, model),
    aliases: fn.aliases.map((a) => {
      const routes = aliasRoutes(a);
      return {
        name: a.Name ?? a.AliasArn.split(":").pop() ?? a.AliasArn,
        arn: a.AliasArn,
        version: a.FunctionVersion ?? undefined,
        // Only a weighted alias: the panel names the versions it may run as.
        ...(routes.length > 1 ? { routes: routes.map((r) => ({ version: r.version, share: r.weight })) } : {}),
      };
    }),
    // The same versions identity invokers are asked about: the panel's answer for each takes the role's.
    ...versionsField(publishedVersions(fn)),
    ...(rolesUnknown.has(fn.arn) ? { rolesUnknown: rolesUnknown.get(fn.arn) } : {}),
    ...asyncField(fn),
  }));

  const missingRoles = new Set(model.functions.filter((f) => f.roleState === "missing" && f.roleArn).map((f) => f.roleArn as string));
  const unreadRoles = new Map<string, "unread" | "partly unread">();
  for (const f of model.functions) {
    if (!f.roleArn) continue;
    if (f.roleState === "unknown") unreadRoles.set(f.roleArn, "unread");
    else if (f.role && f.role.unreadable.length > 0) unreadRoles.set(f.roleArn, "partly unread");
  }
  for (const roleArn of new Set([...qualifierRoles.values()].flat())) {
    if (model.roles.has(roleArn)) continue;
    if (roleKnownAbsent(model, roleArn)) missingRoles.add(roleArn);
    else unreadRoles.set(roleArn, "unread");
  }
  yield "graph";
  const graph = yield* graphSteps({ account: model.account, functions, reachesByRole, missingRoles, unreadRoles, qualifierRoles });

  const invokerRoles = invokerRoleAssumers(model, invokers.values(), byIdentity.accountWide);

  return {
    account: model.account,
    capturedAt: model.capturedAt,
    partition: model.partition,
    regions: model.regions,
    functions,
    findings,
    graph,
    accountInvokers: byIdentity.accountWide,
    accountInvokersUnread: byIdentity.unreadCallers,
    ...(invokerRoles ? { invokerRoles } : {}),
    // Their absence is not "no users", an unread SCP not "no SCP": said once for the account.
    ...accountUnknown(model),
    ...organizationOf(model),
    problems: model.problems,
    errors: model.errors.map((e) => ({
      region: e.region ?? undefined,
      operation: e.operation,
      target: e.target ?? undefined,
      code: e.code ?? undefined,
      message: e.message ?? undefined,
    })),
  };
}

/**
 * Who may assume each role of the account that may invoke functions, by role ARN (sorted): through its own policies,
 * or named by a function's resource policy. A role of another account is not in the snapshot: its trust is unknown.
 */
function invokerRoleAssumers(
  model: AccountModel,
  invokers: Iterable<readonly Invoker[]>,
  accountWide: readonly AccountInvoker[],
): Record<string, RoleAssumers> | undefined {
  const arns = new Set<string>();
  for (const list of invokers) for (const i of list) if (i.principalType === "role" && model.roles.has(i.principal)) arns.add(i.principal);
  for (const a of accountWide) if (a.principalType === "role") arns.add(a.principal);
  const roles = [...arns].sort().flatMap((arn) => {
    const role = model.roles.get(arn);
    return role ? [[arn, roleAssumers(role, model)] as const] : [];
  });
  // fromEntries: own properties whatever the ARN says (an assignment to "__proto__" would set the prototype).
  return roles.length ? Object.fromEntries(roles) : undefined;
}

export function analyzeSnapshot(snapshot: Snapshot, onProgress?: OnAnalysisProgress): AnalysisReport {
  modelStep(onProgress);
  return analyzeModel(buildAccountModel(snapshot), onProgress);
}

/** The first step, the account model, told at once as it starts. */
function modelStep(onProgress: OnAnalysisProgress | undefined): void {
  onProgress?.({ done: 0, total: STEPS, step: "account model" });
}

/**
 * The same analysis, handing the event loop back between steps: the dashboard's one server thread then keeps
 * answering other requests while it analyses a large account (seconds at 10,000 functions), held up by one step at
 * most rather than by the whole analysis. `onProgress` hears the steps as analyzeSnapshot's does (the dashboard's
 * waiting page shows them).
 */
export async function analyzeSnapshotInTurns(snapshot: Snapshot, onProgress?: OnAnalysisProgress, onModel?: (model: AccountModel) => void): Promise<AnalysisReport> {
  // Told before the first turn: whoever starts the analysis can say at once which step it is in (the waiting page's
  // first HTML), not "Reading the snapshot" for one already read.
  modelStep(onProgress);
  return runInTurns(modelThenAnalysis(snapshot, onModel), progressOfSteps(onProgress, 1));
}

/**
 * The account model (apart from reading the snapshot), in turns too, then the analysis. `onModel` gets the model
 * once the analysis is done with it (what-if questions reuse it rather than read and build it again); not before, as
 * the analysis still adds the gaps of unread queues a role reaches.
 */
function* modelThenAnalysis(snapshot: Snapshot, onModel?: (model: AccountModel) => void): Generator<string | AnotherTurn, AnalysisReport> {
  const model = yield* accountModelSteps(snapshot);
  const report = yield* analysisSteps(model);
  onModel?.(model);
  return report;
}

/** The rules' steps, each named as the progress line names it, and the turns within them. */
function* ruleNames<R>(steps: Generator<Rule | AnotherTurn, R>): Generator<string | AnotherTurn, R> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    yield step.value === ANOTHER_TURN ? ANOTHER_TURN : `rule ${step.value.id}`;
  }
}
