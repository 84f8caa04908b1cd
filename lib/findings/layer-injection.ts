/**
 * Other functions a role may add a layer to (lambda:UpdateFunctionConfiguration with Layers), a way to run code as
 * their roles that needs no lambda:UpdateFunctionCode: an extension in the layer runs in the function's execution
 * environment, with its role's credentials, from its next cold start, whatever the runtime ("All Lambda runtimes
 * support extensions": lambda-extensions.html). Lambda checks lambda:GetLayerVersion on the caller for a layer it adds
 * (adding-layers.html), and the layer must hold the caller's code: a layer version in another account (whose owner
 * shares it with anyone), or a version the role publishes in its own account. Layers are regional, and container
 * images take none.
 */
import { standInAccount } from "@/lib/analysis/outsider-invoke";
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { RoleModel } from "@/lib/analysis/role-model";
import { allowedResourcePatterns } from "@/lib/policy/evaluate-policies";
import type { EvaluationResult } from "@/lib/policy/types";
import { CONFIGURATION_UPDATE, codeTargets, type CodeTarget, type CodeTargets, type PathWording, type RewriteWay } from "./code-rewrite";
import { grantedBy, lambdaNameIn, mayAllow } from "./role-probes";
import type { RuleContext } from "./types";

const GET_LAYER = "lambda:GetLayerVersion";
const PUBLISH_LAYER = "lambda:PublishLayerVersion";

/** A layer name no policy names on purpose: only a pattern that lets the role name any layer covers it. */
const PROBE_LAYER = "lpg-probe-layer";

type Granted = "allowed" | "conditional" | "no";
const RANK: Record<Granted, number> = { allowed: 0, conditional: 1, no: 2 };

/** A layer the role might add: of another account (its owner's to fill), or of its own under a name it may publish. */
interface LayerCandidate {
  own: boolean;
  name: string;
  /**
   * Added beside the layers the function has: lambda:Layer holds every layer of the request, so a ForAnyValue condition
   * is met by an approved layer the function already takes.
   */
  keep?: boolean;
}

/** A candidate in one region, and what naming it takes. */
export interface LayerRoute {
  /** The layer version the update adds (lambda:Layer on the update's request). */
  layerArn: string;
  granted: Granted;
  /** The answers behind `granted`: their statements are evidence. */
  results: EvaluationResult[];
  /** For a path's label: "lambda:GetLayerVersion on a layer of another account". */
  label: string;
}

export interface LayerTargets {
  found: CodeTargets;
  way: LayerWay;
}

interface LayerHit {
  granted: "allowed" | "conditional";
  route: LayerRoute;
  layers: string[];
}

/**
 * The layer way, asked and worded from each target's layers. A class, not closures made in layerTargets: tsx's kept
 * names cost a defineProperty per closure made (see roleRequest, role-access.ts).
 */
class LayerWay implements RewriteWay {
  readonly action = CONFIGURATION_UPDATE;
  private readonly byTarget: ReadonlyMap<FunctionModel, LayerHit>;

  constructor(byTarget: ReadonlyMap<FunctionModel, LayerHit>) {
    this.byTarget = byTarget;
  }

  /** Each target's update is asked with its own layers: the examples' evidence must be too. */
  contextOf(fn: FunctionModel): Record<string, string[]> {
    return { "lambda:Layer": this.byTarget.get(fn)?.layers ?? [] };
  }

  /** The wording of the path for these targets: the layers they take. */
  wording(targets: readonly CodeTarget[]): PathWording {
    const used = [...new Set(targets.map((t) => this.byTarget.get(t.fn)?.route).filter((r): r is LayerRoute => r !== undefined))];
    return {
      changes: "a layer on",
      lead: (verb) => `Functions it ${verb} add a layer to`,
      runs: "an extension in the layer runs with the function's role from its next cold start",
      also: ` + ${[...new Set(used.map((r) => r.label))].join(" or ")}`,
      shared: used.flatMap((r) => r.results),
    };
  }
}

/**
 * Every function with another role that the role may add a layer to, in snapshot order, leaving out those in
 * `reached` (their code it can already replace). A target is granted as the weaker of the update and the layer, with
 * the best layer for it: each candidate layer is asked in turn of the targets no earlier one opened outright.
 */
export function layerTargets(
  ctx: RuleContext,
  role: RoleModel,
  own: FunctionModel[],
  grantable: Set<FunctionModel>,
  cannotRefuse: Set<FunctionModel>,
  reached: ReadonlySet<FunctionModel>,
): LayerTargets {
  const byTarget = new Map<FunctionModel, LayerHit>();
  const found: CodeTargets = { targets: [], othersByRegion: new Map() };
  if (mayAllow(role, CONFIGURATION_UPDATE) && mayAllow(role, GET_LAYER)) {
    const routes = new Map<string, LayerRoute>();
    const routeOf = (candidate: LayerCandidate, region: string): LayerRoute => {
      const key = `${candidate.own ? "own" : "other"}/${candidate.name}/${region}`;
      let route = routes.get(key);
      if (route === undefined) routes.set(key, (route = layerRoute(ctx, role, candidate, region)));
      return route;
    };
    for (const candidate of layerCandidates(role)) {
      const layersOf = (fn: FunctionModel) => [...(candidate.keep ? kept(ctx, fn) : []), routeOf(candidate, fn.region).layerArn];
      const pass = codeTargets(ctx, role, own, {
        action: CONFIGURATION_UPDATE,
        skip: (fn) =>
          fn.config.PackageType === "Image" ||
          reached.has(fn) ||
          byTarget.get(fn)?.granted === "allowed" ||
          (candidate.keep === true && kept(ctx, fn).length === 0) ||
          routeOf(candidate, fn.region).granted === "no",
        // The update's own grant may be limited to approved layers (lambda:Layer): asked with the layers it sets.
        contextOf: (fn) => ({ "lambda:Layer": layersOf(fn) }),
      }, grantable, cannotRefuse);
      found.othersByRegion = pass.othersByRegion;
      for (const t of pass.targets) {
        const route = routeOf(candidate, t.fn.region);
        // Beside kept layers, "may" at best: whether Lambda asks lambda:GetLayerVersion on those again is not known.
        const granted = t.granted === "allowed" && route.granted === "allowed" && !candidate.keep ? "allowed" : "conditional";
        if (!byTarget.has(t.fn) || granted === "allowed") byTarget.set(t.fn, { granted, route, layers: layersOf(t.fn) });
      }
    }
    // Snapshot order, as every other path lists its targets.
    for (const fn of ctx.model.functions) {
      const hit = byTarget.get(fn);
      if (hit) found.targets.push({ fn, granted: hit.granted });
    }
  }
  return { found, way: new LayerWay(byTarget) };
}

/**
 * The layers worth asking about: one of another account, and one of the role's own under the probe name and under
 * each name its policies give a layer (what it may publish or get, what the update's lambda:Layer condition admits),
 * since publishing a new version of a named layer fills it with the caller's code as well.
 */
function layerCandidates(role: RoleModel): LayerCandidate[] {
  const names = new Set([PROBE_LAYER]);
  const patterns = [...allowedResourcePatterns(role.identity, PUBLISH_LAYER), ...allowedResourcePatterns(role.identity, GET_LAYER)];
  for (const doc of role.identity) {
    for (const st of doc.statements) for (const c of st.conditions) if (c.key.toLowerCase() === "lambda:layer") patterns.push(...c.values);
  }
  for (const pattern of patterns) {
    const name = lambdaNameIn(pattern, "layer");
    if (name !== undefined) names.add(name);
  }
  const candidates: LayerCandidate[] = [{ own: false, name: PROBE_LAYER }, ...[...names].map((name) => ({ own: true, name }))];
  return anyValueOnLayers(role) ? [...candidates, ...candidates.map((c) => ({ ...c, keep: true }))] : candidates;
}

function anyValueOnLayers(role: RoleModel): boolean {
  return role.identity.some((doc) =>
    doc.statements.some((st) => st.conditions.some((c) => c.key.toLowerCase() === "lambda:layer" && c.operator.toLowerCase().startsWith("foranyvalue:"))),
  );
}

/**
 * Layers an update may set beside the one it adds (at most four: five in all): the function's own, else those other
 * functions of its region take, which are likely the approved ones.
 */
function kept(ctx: RuleContext, fn: FunctionModel): string[] {
  const own = layerArns(fn);
  return (own.length > 0 ? own : regionLayers(ctx, fn.region)).slice(0, 4);
}

function layerArns(fn: FunctionModel): string[] {
  return (fn.config.Layers ?? []).flatMap((l) => (l.Arn ? [l.Arn] : []));
}

const layersByRegion = new WeakMap<RuleContext, Map<string, string[]>>();

/** The distinct layers the region's functions take, in snapshot order; found once per analysis. */
function regionLayers(ctx: RuleContext, region: string): string[] {
  let byRegion = layersByRegion.get(ctx);
  if (byRegion === undefined) {
    byRegion = new Map();
    for (const fn of ctx.model.functions) {
      const list = byRegion.get(fn.region) ?? [];
      for (const arn of layerArns(fn)) if (!list.includes(arn)) list.push(arn);
      byRegion.set(fn.region, list);
    }
    layersByRegion.set(ctx, byRegion);
  }
  return byRegion.get(region) ?? [];
}

/**
 * The candidate in the region: another account's layer takes lambda:GetLayerVersion on it only (its owner, the one
 * who controls the role, shares it); one of the role's own takes publishing a version and naming it.
 */
function layerRoute(ctx: RuleContext, role: RoleModel, candidate: LayerCandidate, region: string): LayerRoute {
  const { partition, account } = ctx.model;
  const ask = (action: string, resource: string) => ctx.canRole(role, { action, resource });
  if (!candidate.own) {
    const layerArn = `arn:${partition}:lambda:${region}:${otherAccount(account, role.account)}:layer:${candidate.name}:1`;
    const get = ask(GET_LAYER, layerArn);
    return { layerArn, granted: ownSide(get), results: [get], label: `${GET_LAYER} on a layer of another account` };
  }
  const layer = `arn:${partition}:lambda:${region}:${role.account}:layer:${candidate.name}`;
  const label = `${PUBLISH_LAYER} + ${GET_LAYER} on a layer of its own`;
  if (!mayAllow(role, PUBLISH_LAYER)) return { layerArn: `${layer}:1`, granted: "no", results: [], label };
  const publish = ask(PUBLISH_LAYER, layer);
  const get = ask(GET_LAYER, `${layer}:1`);
  const granted = RANK[grantedBy(publish)] >= RANK[grantedBy(get)] ? grantedBy(publish) : grantedBy(get);
  return { layerArn: `${layer}:1`, granted, results: [publish, get], label };
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
const otherAccount = (...taken: string[]): string => standInAccount(taken);
