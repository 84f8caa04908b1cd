/**
 * Other functions a role may add a layer to (lambda:UpdateFunctionConfiguration with Layers), a way to run code as
 * their roles that needs no lambda:UpdateFunctionCode: an extension in the layer runs in the function's execution
 * environment, with its role's credentials, from its next cold start, whatever the runtime ("All Lambda runtimes
 * support extensions": lambda-extensions.html). Lambda checks lambda:GetLayerVersion on the caller for a layer it adds
 * (adding-layers.html), and the layer must hold the caller's code: a layer version in another account (whose owner
 * shares it with anyone), or one the role publishes in its own account. Layers are regional, and container images
 * take none.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { RoleModel } from "@/lib/analysis/role-model";
import type { EvaluationResult } from "@/lib/policy/types";
import { codeTargets, type CodeTargets, type PathWording, type RewriteWay } from "./code-rewrite";
import { grantedBy, mayAllow } from "./role-probes";
import type { RuleContext } from "./types";

export const LAYER_UPDATE = "lambda:UpdateFunctionConfiguration";
const GET_LAYER = "lambda:GetLayerVersion";
const PUBLISH_LAYER = "lambda:PublishLayerVersion";

/** A layer name no policy names on purpose: only a pattern that lets the role name any layer covers it. */
const PROBE_LAYER = "lpg-probe-layer";

type Granted = "allowed" | "conditional" | "no";
const RANK: Record<Granted, number> = { allowed: 0, conditional: 1, no: 2 };

/** The layer a role would add in a region, and what naming it takes. */
export interface LayerRoute {
  /** The layer version the update adds (lambda:Layer on the update's request). */
  layerArn: string;
  granted: Granted;
  /** The answers behind `granted`: their statements are evidence. */
  results: EvaluationResult[];
  /** For a path's label: " + lambda:GetLayerVersion on a layer of another account". */
  label: string;
}

export interface LayerTargets {
  found: CodeTargets;
  way: RewriteWay;
  /** The wording of the path for these targets: the layers their regions take. */
  wording: (targets: readonly { fn: FunctionModel }[]) => PathWording;
}

/**
 * Every function with another role that the role may add a layer to, in snapshot order, leaving out those in
 * `reached` (their code it can already replace). A target is granted as the weaker of the update and the layer.
 */
export function layerTargets(
  ctx: RuleContext,
  role: RoleModel,
  own: FunctionModel[],
  grantable: Set<FunctionModel>,
  cannotRefuse: Set<FunctionModel>,
  reached: ReadonlySet<FunctionModel>,
): LayerTargets {
  const routes = new Map<string, LayerRoute>();
  const routeIn = (region: string): LayerRoute => {
    let route = routes.get(region);
    if (route === undefined) routes.set(region, (route = layerRoute(ctx, role, region)));
    return route;
  };
  const way: RewriteWay = {
    action: LAYER_UPDATE,
    skip: (fn) => fn.config.PackageType === "Image" || reached.has(fn) || routeIn(fn.region).granted === "no",
    // The update's own grant may be limited to approved layers (lambda:Layer): asked with the layer it adds.
    contextOf: (fn) => ({ "lambda:Layer": [routeIn(fn.region).layerArn] }),
  };
  const found = mayAllow(role, GET_LAYER) ? codeTargets(ctx, role, own, way, grantable, cannotRefuse) : { targets: [], othersByRegion: new Map() };
  for (const t of found.targets) if (routeIn(t.fn.region).granted === "conditional") t.granted = "conditional";
  const wording = (targets: readonly { fn: FunctionModel }[]): PathWording => {
    const used = [...new Set(targets.map((t) => routeIn(t.fn.region)))];
    return {
      changes: "a layer on",
      lead: (verb) => `Functions it ${verb} add a layer to`,
      runs: "an extension in the layer runs with the function's role from its next cold start",
      also: [...new Set(used.map((r) => r.label))].join(" or"),
      shared: used.flatMap((r) => r.results),
    };
  };
  return { found, way, wording };
}

/**
 * The best layer the role can add in the region: one of another account, which takes lambda:GetLayerVersion on it
 * only (its owner, the one who controls the role, shares it), else one it publishes itself.
 */
export function layerRoute(ctx: RuleContext, role: RoleModel, region: string): LayerRoute {
  const { partition, account } = ctx.model;
  const ask = (action: string, resource: string) => ctx.canRole(role, { action, resource });
  const foreignArn = `arn:${partition}:lambda:${region}:${otherAccount(account, role.account)}:layer:${PROBE_LAYER}:1`;
  const foreign = ask(GET_LAYER, foreignArn);
  const viaForeign: LayerRoute = {
    layerArn: foreignArn,
    granted: ownSide(foreign),
    results: [foreign],
    label: ` + ${GET_LAYER} on a layer of another account`,
  };
  if (viaForeign.granted === "allowed" || !mayAllow(role, PUBLISH_LAYER)) return viaForeign;
  const layer = `arn:${partition}:lambda:${region}:${role.account}:layer:${PROBE_LAYER}`;
  const publish = ask(PUBLISH_LAYER, layer);
  const get = ask(GET_LAYER, `${layer}:1`);
  const granted = [grantedBy(publish), grantedBy(get)].reduce((a, b) => (RANK[a] >= RANK[b] ? a : b));
  const viaOwn: LayerRoute = { layerArn: `${layer}:1`, granted, results: [publish, get], label: ` + ${PUBLISH_LAYER} + ${GET_LAYER} on a layer of its own` };
  return RANK[viaOwn.granted] < RANK[viaForeign.granted] ? viaOwn : viaForeign;
}

/**
 * The role's side of a request on another account's layer. The evaluator leaves it conditional on that account's
 * layer policy, which here is the caller's own to write: only the role's policies decide.
 */
function ownSide(result: EvaluationResult): Granted {
  if (result.foreignAccount !== undefined && result.unknownKeys.length === 0 && result.unread === undefined) return "allowed";
  return grantedBy(result);
}

/** An account id that is neither the snapshot's nor the role's. */
function otherAccount(...taken: string[]): string {
  return ["999999999999", "888888888888", "777777777777"].find((a) => !taken.includes(a)) as string;
}
