/**
 * Other functions whose code a role may replace: replaced code runs with the target's execution role, so each target
 * is worth what its role is worth. Asked for each way of replacing it (a `RewriteWay`: new code, a new layer). All
 * targets are counted (the finding states how many); the listed examples are bounded and put the most valuable roles
 * first.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { roleDecision, type AccessQuery } from "@/lib/analysis/role-access";
import type { RoleModel } from "@/lib/analysis/role-model";
import { candidateStatements } from "@/lib/policy/evaluate-policies";
import { resourceHasVariables, statementCoversAction } from "@/lib/policy/statement";
import type { EvaluationResult, Statement } from "@/lib/policy/types";
import { resourceListMatches } from "@/lib/policy/wildcard";
import { anyAllows, grantedBy, mayAllow, mayAllowOn } from "./role-probes";
import type { RuleContext } from "./types";
import { guardrailsLeaveAction } from "@/lib/analysis/organization";

/**
 * One way to run code as another function's role, asked of every function: the action, what its request carries,
 * and the functions it cannot reach or need not be asked about.
 */
export interface RewriteWay {
  action: string;
  /** Request context of the action on a target (the layer a configuration update adds). */
  contextOf?: (fn: FunctionModel) => Record<string, string[]>;
  skip?: (fn: FunctionModel) => boolean;
}

/** New code (lambda:UpdateFunctionCode), which runs at the function's next invocation. */
export const CODE_UPDATE: RewriteWay = { action: "lambda:UpdateFunctionCode" };

/** A configuration update: the action of the layer and environment ways (layer-injection.ts, environment-injection.ts). */
export const CONFIGURATION_UPDATE = "lambda:UpdateFunctionConfiguration";

/** Listed by name in the detail; the rest are counted. A 10,000-function account must not make a megabyte finding. */
const MAX_EXAMPLES = 10;

/** What acting as a role gains: everything, a way to more, or its own permissions only. */
export type RoleWorth = "admin" | "escalates" | "other";
const WORTH_ORDER: RoleWorth[] = ["admin", "escalates", "other"];

export interface CodeTarget {
  fn: FunctionModel;
  granted: "allowed" | "conditional";
}

export interface CodeTargets {
  targets: CodeTarget[];
  /** Functions running with another role, per region: the targets are "all" of a region when they match its count. */
  othersByRegion: Map<string, number>;
}

/**
 * Functions whose resource policy may grant the action to a role directly (it names the action, or could not be
 * read): these are asked whatever the role's own policies say. The same for every role, so found once per analysis.
 */
export function policyMayGrant(ctx: RuleContext, action: string): Set<FunctionModel> {
  return new Set(ctx.model.functions.filter((fn) => fn.unknownOps.has("GetPolicy") || anyAllows(fn.policies.map((p) => p.policy), action)));
}

/**
 * Functions whose own policy cannot take a same-account identity Allow away: it was read and holds no Deny (and,
 * being outside `grantable`, grants the action to no one). Role-independent, so found once per analysis.
 */
export function policyCannotRefuse(ctx: RuleContext, grantable: Set<FunctionModel>): Set<FunctionModel> {
  const out = new Set<FunctionModel>();
  for (const fn of ctx.model.functions) {
    if (grantable.has(fn) || fn.unknownOps.has("GetPolicy") || fn.unknownOps.has("GetResourcePolicy")) continue;
    const policy = fn.policies.find((p) => p.qualifiedArn === fn.arn)?.policy;
    if (!policy?.statements.some((st) => st.effect === "Deny")) out.add(fn);
  }
  return out;
}

/** Every function with another role whose code the role may replace this way, in snapshot order. */
export function codeTargets(
  ctx: RuleContext,
  role: RoleModel,
  own: FunctionModel[],
  way: RewriteWay,
  grantable: Set<FunctionModel>,
  cannotRefuse: Set<FunctionModel>,
): CodeTargets {
  const targets: CodeTarget[] = [];
  const othersByRegion = new Map<string, number>();
  const { action } = way;
  if (!mayAllow(role, action)) return { targets, othersByRegion };
  // Functions running with another role, per region: all of a region's, less the role's own (`own` is every function
  // whose role is this one, so the loop below skips exactly those).
  for (const [region, count] of functionsPerRegion(ctx)) othersByRegion.set(region, count);
  for (const fn of own) othersByRegion.set(fn.region, (othersByRegion.get(fn.region) ?? 0) - 1);
  // The organization's SCPs may refuse what the role's own statements allow: then each target goes to the evaluator.
  // Only where one may cover this action (guardrailsLeaveAction): a Deny of s3:DeleteBucket leaves code updates alone,
  // and stepping aside for it asked the evaluator ~50,000 questions more on a 10,000-function account.
  const deciding = guardrailsLeaveAction(ctx.model.organization, action) ? selfDecidingAllows(role, action) : undefined;
  for (const other of ctx.model.functions) {
    if (other.roleArn === role.arn || way.skip?.(other)) continue;
    // An unconditional Allow decides whatever the request carries: the shortcut holds for any way.
    if (deciding !== undefined && selfDecides(deciding, role, other, cannotRefuse)) {
      targets.push({ fn: other, granted: "allowed" });
      continue;
    }
    if (!grantable.has(other) && !mayAllowOn(role, action, other.arn)) continue;
    // Decided first: the evidence is written only for the examples the finding lists (and conditional answers).
    // Not through ctx.decideRole: its memo would keep one entry per function for a question asked once.
    const query = rewriteQuery(way, other);
    const decision = roleDecision(ctx.model, role, query);
    if (decision === "allowed") targets.push({ fn: other, granted: "allowed" });
    else if (decision === "conditional") {
      const granted = grantedBy(ctx.canRole(role, query));
      if (granted !== "no") targets.push({ fn: other, granted });
    }
  }
  return { targets, othersByRegion };
}

function rewriteQuery(way: RewriteWay, fn: FunctionModel): AccessQuery {
  const context = way.contextOf?.(fn);
  return context ? { action: way.action, resource: fn.arn, context } : { action: way.action, resource: fn.arn };
}

const perRegion = new WeakMap<RuleContext, Map<string, number>>();

function functionsPerRegion(ctx: RuleContext): Map<string, number> {
  let counts = perRegion.get(ctx);
  if (counts === undefined) {
    counts = new Map();
    for (const fn of ctx.model.functions) counts.set(fn.region, (counts.get(fn.region) ?? 0) + 1);
    perRegion.set(ctx, counts);
  }
  return counts;
}

/**
 * The role's Allow statements that decide the question alone, as reaches.ts's shortcut does: unconditional, naming
 * the action, with Resource patterns free of policy variables, in readable policies with no boundary and no Deny
 * that could name the action. Undefined when the role's policies do not allow such a reading.
 */
export function selfDecidingAllows(role: RoleModel, action: string): Statement[] | undefined {
  if (role.unreadableIdentity.length > 0 || role.boundary || role.boundaryArn !== undefined) return undefined;
  const allows: Statement[] = [];
  for (const doc of role.identity) {
    for (const st of candidateStatements(doc, action)) {
      if (!statementCoversAction(st, action)) continue;
      if (st.effect === "Deny") return undefined;
      if (st.resource !== undefined && st.conditions.length === 0 && !resourceHasVariables(st, st.resource)) allows.push(st);
    }
  }
  return allows.length > 0 ? allows : undefined;
}

/**
 * Allowed without asking: a function of the role's own account whose policy cannot refuse it (a Deny is the only
 * way a same-account resource policy can take an identity Allow away), matched by a deciding statement. False
 * means "ask the evaluator", never "denied".
 */
export function selfDecides(allows: Statement[], role: RoleModel, fn: FunctionModel, cannotRefuse: Set<FunctionModel>): boolean {
  return fn.account === role.account && cannotRefuse.has(fn) && globMatchesAny(allows, fn.arn);
}

function globMatchesAny(allows: Statement[], arn: string): boolean {
  for (const st of allows) if (resourceListMatches(st.resource as string[], arn)) return true;
  return false;
}

export interface CodePath {
  label: string;
  /** The label for a title: "code of 63 functions". */
  short: string;
  /** The answers for the listed examples (and what every target shares): their statements are the evidence. */
  results: EvaluationResult[];
  /** A sentence naming the examples, most valuable first. */
  examples: string;
  /** Some target runs with an admin role. */
  toAdmin: boolean;
  /**
   * As its targets are granted. It decides whether the path is open: the answers behind a layer of another account
   * are conditional on that account's policy, which the caller writes.
   */
  granted: "allowed" | "conditional";
}

/** How a path of one way reads: the code-update wording unless given. */
export interface PathWording {
  /** What the role changes, for the title: "code of" → "code of 63 functions", "code of function f". */
  changes: string;
  /** "Functions whose code it can replace", by "can" or "may". */
  lead: (verb: "can" | "may") => string;
  /** How the new code comes to run: "new code runs with the function's role at its next invocation". */
  runs: string;
  /** What else the path takes, after the targets: " + lambda:GetLayerVersion on a layer of another account". */
  also?: string;
  /** The answers for `also`: every target's path rests on them too. */
  shared?: EvaluationResult[];
}

const CODE_WORDING: PathWording = {
  changes: "code of",
  lead: (verb) => `Functions whose code it ${verb} replace`,
  runs: "new code runs with the function's role at its next invocation",
};

/** One path for a set of targets (all allowed, or all conditional). */
export function codePath(
  ctx: RuleContext,
  role: RoleModel,
  found: CodeTargets,
  targets: CodeTarget[],
  worthOf: (fn: FunctionModel) => RoleWorth,
  way: RewriteWay = CODE_UPDATE,
  wording: PathWording = CODE_WORDING,
): CodePath {
  // Buckets in WORTH_ORDER; only the first few of each by ARN are named, so no order the scan listed the functions in
  // shows through, without sorting thousands of targets.
  // The functions alone in each bucket: a near-admin role has ten thousand targets, and only the shown few need
  // their worth beside them.
  const buckets = WORTH_ORDER.map(() => [] as FunctionModel[]);
  const regions = new Set<string>();
  for (const t of targets) {
    buckets[WORTH_ORDER.indexOf(worthOf(t.fn))]?.push(t.fn);
    regions.add(t.fn.region);
  }
  const shown = buckets
    .flatMap((b, i) => firstByArn(b, MAX_EXAMPLES).map((fn) => ({ fn, worth: WORTH_ORDER[i] as RoleWorth })))
    .slice(0, MAX_EXAMPLES);
  const admins = buckets[WORTH_ORDER.indexOf("admin")]?.length ?? 0;
  const first = shown[0] as { fn: FunctionModel; worth: RoleWorth };
  const label =
    targets.length === 1
      ? `${way.action} on ${first.fn.name}${admins ? " (admin role)" : ""}`
      : `${way.action} on ${scope(found, targets.length, regions)}${admins ? ` (${admins} with an admin role)` : ""}`;
  const names = shown.map((t) => example(t.fn, t.worth, regions.size > 1));
  const rest = targets.length - shown.length;
  const conditional = targets.some((t) => t.granted === "conditional");
  return {
    label: `${label}${wording.also ?? ""}`,
    short: targets.length === 1 ? `${wording.changes} function ${first.fn.name}` : `${wording.changes} ${targets.length} functions`,
    results: [...(wording.shared ?? []), ...shown.map((t) => ctx.canRole(role, rewriteQuery(way, t.fn)))],
    examples:
      `${wording.lead(conditional ? "may" : "can")}, those with the most powerful roles first: ` +
      `${names.join(", ")}${rest ? ` and ${rest} more` : ""}; ${wording.runs}.`,
    toAdmin: admins > 0,
    granted: conditional ? "conditional" : "allowed",
  };
}

/** The `k` functions whose ARN sorts first, in that order: O(n·k), for small k. */
function firstByArn(items: readonly FunctionModel[], k: number): FunctionModel[] {
  const out: FunctionModel[] = [];
  for (const item of items) {
    if (out.length === k && item.arn >= (out[k - 1] as FunctionModel).arn) continue;
    let at = out.length;
    while (at > 0 && (out[at - 1] as FunctionModel).arn > item.arn) at--;
    out.splice(at, 0, item);
    if (out.length > k) out.pop();
  }
  return out;
}

/** "all 63 other functions in us-east-1" or "all 9998 other functions" when no function running as another role is left out. */
function scope(found: CodeTargets, count: number, regions: Set<string>): string {
  const [region] = regions;
  if (regions.size === 1 && region !== undefined && found.othersByRegion.get(region) === count) return `all ${count} other functions in ${region}`;
  const others = [...found.othersByRegion.values()].reduce((sum, n) => sum + n, 0);
  return count === others ? `all ${count} other functions` : `${count} other functions`;
}

function example(fn: FunctionModel, worth: RoleWorth, withRegion: boolean): string {
  const roleName = fn.role?.name ?? "";
  const notes = [
    ...(withRegion ? [fn.region] : []),
    ...(worth === "admin" ? [`admin role ${roleName}`] : worth === "escalates" ? [`role ${roleName} can escalate privileges`] : []),
  ];
  return notes.length ? `${fn.name} (${notes.join("; ")})` : fn.name;
}
