/**
 * A function the role creates with a passed role runs nothing until something invokes it: the catalogs' Lambda paths
 * (pathfinding.cloud lambda-001, -002, -006) pair lambda:CreateFunction with invoking it, mapping an event source to it
 * or adding a permission that lets another principal invoke it. The pair must hold on one function the role can
 * create: an invoke granted on an existing function only (which CreateFunction cannot replace) opens nothing.
 */
import type { RoleModel } from "@/lib/analysis/role-model";
import { allowedResourcePatterns } from "@/lib/policy/evaluate-policies";
import type { EvaluationResult } from "@/lib/policy/types";
import { grantedBy, lambdaNameIn } from "./role-probes";
import type { RuleContext } from "./types";

export const CREATE_FUNCTION = "lambda:CreateFunction";
const MAP_EVENT_SOURCE = "lambda:CreateEventSourceMapping";

/** A function name no policy names on purpose: only a pattern that lets the role name any function covers it. */
const PROBE_FUNCTION = "lpg-probe-function";

const RANK = { allowed: 0, conditional: 1, no: 2 } as const;

/**
 * The answers for creating a function and then running it with `actions` (CreateFunction first), all asked on one
 * new function: the probe name, or a name the role's CreateFunction grants give, in each region of the snapshot. The
 * best function is returned, its weakest answer deciding; a name an existing function holds is not new.
 */
export function newFunctionAnswers(ctx: RuleContext, role: RoleModel, actions: readonly string[]): EvaluationResult[] {
  let best: { results: EvaluationResult[]; rank: number } | undefined;
  for (const arn of newFunctionArns(ctx, role)) {
    const results = actions.map((action) =>
      // CreateEventSourceMapping is authorised on `*`, the function it maps to given as lambda:FunctionArn.
      action === MAP_EVENT_SOURCE
        ? ctx.canRole(role, { action, resource: "*", context: { "lambda:FunctionArn": arn } })
        : ctx.canRole(role, { action, resource: arn }),
    );
    const rank = Math.max(...results.map((r) => RANK[grantedBy(r)]));
    if (!best || rank < best.rank) best = { results, rank };
    if (rank === RANK.allowed) break;
  }
  return best?.results ?? actions.map((action) => ctx.canRole(role, { action, resource: "*" }));
}

/** Candidate ARNs of a function the role would create, by region, the probe name first. */
function newFunctionArns(ctx: RuleContext, role: RoleModel): string[] {
  const { partition, account, regions, functionsByArn } = ctx.model;
  const names = new Set([PROBE_FUNCTION]);
  for (const pattern of allowedResourcePatterns(role.identity, CREATE_FUNCTION)) {
    const name = lambdaNameIn(pattern, "function");
    if (name !== undefined) names.add(name);
  }
  const arns: string[] = [];
  for (const name of names) {
    for (const region of regions) {
      const arn = `arn:${partition}:lambda:${region}:${account}:function:${name}`;
      if (!functionsByArn.has(arn)) arns.push(arn);
    }
  }
  return arns;
}
