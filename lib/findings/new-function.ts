/**
 * A function the role creates with a passed role runs nothing until something invokes it: the catalogs' Lambda paths
 * (pathfinding.cloud lambda-001, -002, -006) pair lambda:CreateFunction with invoking it, mapping an event source to it
 * or adding a permission that lets another principal invoke it. The pair must hold on one function the role can
 * create: an invoke granted on an existing function only (which CreateFunction cannot replace) opens nothing.
 */
import type { RoleModel } from "@/lib/analysis/role-model";
import type { EvaluationResult } from "@/lib/policy/types";
import { statementCoversAction } from "@/lib/policy/statement";
import { grantedBy, lambdaNameIn, mayAllowOn } from "./role-probes";
import type { RuleContext } from "./types";

export const CREATE_FUNCTION = "lambda:CreateFunction";
const MAP_EVENT_SOURCE = "lambda:CreateEventSourceMapping";
const INVOKE = "lambda:InvokeFunction";

/** A function name no policy names on purpose: only a pattern that lets the role name any function covers it. */
const PROBE_FUNCTION = "lpg-probe-function";

const RANK = { allowed: 0, conditional: 1, no: 2 } as const;

/**
 * The answers for creating a function and then running it with `actions` (CreateFunction first), all asked on one
 * new function: the probe name, or a name any statement on these actions gives, in each region it may be in. The
 * best function is returned, its weakest answer deciding; a name an existing function holds is not new.
 */
export function newFunctionAnswers(ctx: RuleContext, role: RoleModel, actions: readonly string[]): EvaluationResult[] {
  let best: { results: EvaluationResult[]; rank: number } | undefined;
  for (const arn of newFunctionArns(ctx, role, actions)) {
    // Cost guard: a deploy role's `lambda:*` on a list of its functions names every action but grants the mapping on
    // none, and every candidate would otherwise be asked in every region for nothing.
    if (!actions.every((action) => resourcesFor(action, arn).some((resource) => mayAllowOn(role, action, resource)))) {
      continue;
    }
    const results = actions.map((action) => answer(ctx, role, action, arn));
    const rank = Math.max(...results.map((r) => RANK[grantedBy(r)]));
    if (!best || rank < best.rank) best = { results, rank };
    if (rank === RANK.allowed) break;
  }
  return best?.results ?? actions.map((action) => ctx.canRole(role, { action, resource: "*" }));
}

/**
 * CreateEventSourceMapping is authorised on `*`, the function it maps to given as lambda:FunctionArn. InvokeFunction is
 * also asked as `x:$LATEST`: an identity grant on `function:x:*` covers qualified calls only, and Invoke takes
 * Qualifier=$LATEST on any function. Other qualifiers are versions or aliases the path would have to make first.
 */
function answer(ctx: RuleContext, role: RoleModel, action: string, arn: string): EvaluationResult {
  if (action === MAP_EVENT_SOURCE) return ctx.canRole(role, { action, resource: "*", context: { "lambda:FunctionArn": arn } });
  let best: EvaluationResult | undefined;
  for (const resource of resourcesFor(action, arn)) {
    const result = ctx.canRole(role, { action, resource });
    if (!best || RANK[grantedBy(result)] < RANK[grantedBy(best)]) best = result;
    if (grantedBy(best) === "allowed") break;
  }
  return best!;
}

function resourcesFor(action: string, arn: string): string[] {
  if (action === MAP_EVENT_SOURCE) return ["*"];
  return action === INVOKE ? [arn, `${arn}:$LATEST`] : [arn];
}

/**
 * Candidate ARNs of a function the role would create, the probe name first. A name comes from any statement on the
 * path's actions, not CreateFunction's Allow alone: `CreateFunction` on `*` with `InvokeFunction` on `deploy-*` opens
 * deploy-x, as does a Deny on everything but `approved-*`. A pattern that names its region is asked there only,
 * scanned or not: the function is new, so the snapshot need not have seen the region.
 */
function newFunctionArns(ctx: RuleContext, role: RoleModel, actions: readonly string[]): string[] {
  const { partition, account, regions, functionsByArn } = ctx.model;
  const byName = new Map<string, Set<string>>([[PROBE_FUNCTION, new Set(regions)]]);
  const named = new Set<string>();
  for (const pattern of namingPatterns(role, actions)) {
    const name = lambdaNameIn(pattern, "function");
    if (name === undefined) continue;
    const [, , , region = "", owner = ""] = pattern.split(":");
    if (/^\d{12}$/.test(owner) && owner !== account) continue;
    const concrete = /^[a-z0-9-]+$/.test(region);
    if (concrete) named.add(region);
    let set = byName.get(name);
    if (!set) byName.set(name, (set = new Set()));
    for (const r of concrete ? [region] : regions) set.add(r);
  }
  for (const r of named) byName.get(PROBE_FUNCTION)?.add(r);
  const arns: string[] = [];
  for (const [name, inRegions] of byName) {
    for (const region of inRegions) {
      const arn = `arn:${partition}:lambda:${region}:${account}:function:${name}`;
      if (!functionsByArn.has(arn)) arns.push(arn);
    }
  }
  return arns;
}

/** Resource, NotResource and lambda:FunctionArn patterns of every statement (either effect) naming one of the actions. */
function namingPatterns(role: RoleModel, actions: readonly string[]): string[] {
  const out: string[] = [];
  for (const doc of role.boundary ? [...role.identity, role.boundary] : role.identity) {
    for (const st of doc.statements) {
      if (!actions.some((action) => statementCoversAction(st, action))) continue;
      out.push(...(st.resource ?? []), ...(st.notResource ?? []));
      for (const c of st.conditions) if (c.key.toLowerCase() === "lambda:functionarn") out.push(...c.values);
    }
  }
  return out;
}
