/**
 * Which part of the graph to draw for the current filters, focus and size limit. Pure and framework-free so it
 * is unit-tested and runs in the browser on every URL change.
 *
 * Columns are invokers (principals, event sources) → functions → roles → resources. A large account is not drawn
 * whole: without a focus, only the `limit` riskiest matching functions (and their neighbourhoods) are shown.
 */
import type { Severity } from "@/lib/analysis/types";
import { matchesFunctionFilter, type FunctionFacts } from "./function-filter";
import type { InvokerKind } from "./invoker-kinds";
import { findingIdsOf } from "./finding-ids";
import { compareNodesByRisk, type GraphEdgeView, type GraphModel, type GraphNodeView } from "./graph-model";
import { reachCountsOf, type ReachAnswer, type ReachCounts } from "./reach-question";
import { reachCoversService } from "./service";
import { addTo } from "@/lib/multimap";
import { plural } from "./count-text";
import { KIND_LABEL } from "./node-kind";

export interface GraphIndex {
  model: GraphModel;
  byId: Map<string, GraphNodeView>;
  /** Function nodes, aliases excluded: what views count, filter and rank. */
  functions: GraphNodeView[];
  /** function id → its alias nodes, drawn whenever the function is. */
  aliasesOf: Map<string, Set<string>>;
  invokersOf: Map<string, Set<string>>;
  functionsInvokedBy: Map<string, Set<string>>;
  rolesOf: Map<string, Set<string>>;
  functionsOfRole: Map<string, Set<string>>;
  /** role or function id → resource ids */
  reachOf: Map<string, Set<string>>;
  reachedBy: Map<string, Set<string>>;
  /** function id → services of its invokers and reachable resources */
  servicesOf: Map<string, Set<string>>;
  /**
   * function id → what the severity, finding and "Invoked by" filters read of it: the overview's row's own facts
   * (function-filter.ts reportFunctionFacts); absent for a node the report has no function for.
   */
  factsOf: Map<string, FunctionFacts>;
  /**
   * Reaches of every action (allServices nodes), by `holder>resource` id: the actions their NotAction leaves out
   * ([] for Action "*"). Such a reach touches every service it leaves some action of, whatever the filter names.
   */
  everyAction: Map<string, readonly string[]>;
  /** function id → the everyAction entries of the function and its roles. */
  everyActionOf: Map<string, (readonly string[])[]>;
  /** Model order of nodes and edges, and the edges at each node: a view is assembled from its nodes alone. */
  nodeOrder: Map<string, number>;
  edgeOrder: Map<GraphEdgeView, number>;
  edgesAt: Map<string, GraphEdgeView[]>;
}

function add(map: Map<string, Set<string>>, key: string, value: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

const INVOKER_KINDS = new Set(["principal", "event-source"]);

export function indexGraph(model: GraphModel): GraphIndex {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const idx: GraphIndex = {
    model,
    byId,
    functions: model.nodes.filter((n) => n.kind === "function" && !n.aliasOf),
    aliasesOf: new Map(),
    invokersOf: new Map(),
    functionsInvokedBy: new Map(),
    rolesOf: new Map(),
    functionsOfRole: new Map(),
    reachOf: new Map(),
    reachedBy: new Map(),
    servicesOf: new Map(),
    factsOf: new Map(),
    everyAction: new Map(),
    everyActionOf: new Map(),
    nodeOrder: new Map(model.nodes.map((n, i) => [n.id, i])),
    edgeOrder: new Map(model.edges.map((e, i) => [e, i])),
    edgesAt: new Map(),
  };
  for (const n of model.nodes) if (n.aliasOf) add(idx.aliasesOf, n.aliasOf, n.id);
  for (const e of model.edges) {
    for (const end of new Set([e.source, e.target])) addTo(idx.edgesAt, end, e);
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const [fn, other] = s.kind === "function" ? [s, t] : t.kind === "function" ? [t, s] : [undefined, undefined];
    if (fn && other && INVOKER_KINDS.has(other.kind)) {
      add(idx.invokersOf, fn.id, other.id);
      add(idx.functionsInvokedBy, other.id, fn.id);
    } else if (fn && other?.kind === "role") {
      add(idx.rolesOf, fn.id, other.id);
      add(idx.functionsOfRole, other.id, fn.id);
    } else if (fn && other?.kind === "resource") {
      addReach(fn, other, e);
    } else if (!fn) {
      const [holder, res] = s.kind === "resource" ? [t, s] : [s, t];
      if (res.kind === "resource" && holder.kind === "role") addReach(holder, res, e);
    }
  }
  for (const fn of idx.functions) {
    const services = new Set<string>();
    const everyAction: (readonly string[])[] = [];
    // A function's alias nodes come with it (their own ways in, the roles their versions run as): their services too.
    const nodes = [fn.id, ...(idx.aliasesOf.get(fn.id) ?? [])];
    for (const holder of new Set(nodes.flatMap((id) => [id, ...(idx.rolesOf.get(id) ?? [])]))) {
      for (const res of idx.reachOf.get(holder) ?? []) {
        const svc = byId.get(res)?.service;
        if (svc) services.add(svc);
        const except = idx.everyAction.get(`${holder}>${res}`);
        if (except) everyAction.push(except);
      }
    }
    for (const id of nodes.flatMap((n) => [...(idx.invokersOf.get(n) ?? [])])) {
      const svc = byId.get(id)?.service;
      if (svc) services.add(svc);
    }
    idx.servicesOf.set(fn.id, services);
    const report = model.functions[fn.id];
    const facts = report && model.facts.get(report);
    if (facts) idx.factsOf.set(fn.id, facts);
    if (everyAction.length) idx.everyActionOf.set(fn.id, everyAction);
  }
  return idx;

  function addReach(holder: GraphNodeView, res: GraphNodeView, e: GraphEdgeView): void {
    add(idx.reachOf, holder.id, res.id);
    add(idx.reachedBy, res.id, holder.id);
    if (res.allServices) idx.everyAction.set(`${holder.id}>${res.id}`, e.notActions ?? []);
  }
}

export interface GraphFilters {
  severities: Severity[];
  /** Finding rules and kinds of caller, as the overview's table filters by them (function-filter.ts). */
  rules?: string[];
  who?: InvokerKind[];
  /**
   * The "Can do" question and its answers by function ARN, as the overview's table filters by them; `denied`, the
   * functions granted it that a Deny refuses (reach-filter.ts), which a focus counts apart. `asked` keys the drawn
   * graphs remembered (graph-view.ts drawnGraph), which a Map's JSON does not.
   */
  reach?: { asked: string; answers: ReadonlyMap<string, Pick<ReachAnswer, "state">>; denied?: Pick<ReadonlySet<string>, "has"> };
  services: string[];
  regions: string[];
  onlyFindings: boolean;
  focus: string | null;
  /** Most functions drawn without a focus. */
  limit: number;
}

/**
 * Most functions ever drawn, focus or not (ELK and the browser stay responsive); beyond it the riskiest are drawn
 * and the rest are a search away.
 */
export const MAX_FUNCTIONS_DRAWN = 150;

/** Without a focus and above this many functions, resources are drawn as one node per service. */
export const AGGREGATE_RESOURCES_ABOVE = 12;

/**
 * Most nodes of one group drawn one by one, focus or not: beyond it they are one node. A role granted a few hundred
 * tables by ARN made a column tens of thousands of pixels tall, its edges one green fan; a function with 2,000
 * grants in its policy and 500 queues mapped drew 2,500 invoker nodes (a 1.5 MB view, 6.9 MB with its details).
 */
export const MAX_NODES_PER_GROUP = 24;
/** Neighbours (or members of a group) a node's details list, and the member ids a group node carries. */
export const MAX_NEIGHBOURS = 50;

/** Every member of each group node drawn, by the group's node (server side: the browser gets the first ones). */
const members = new WeakMap<GraphNodeView, string[]>();

/** The ids of every node `group` stands for, where known (the server), else those it carries. */
export function groupMembers(group: GraphNodeView): readonly string[] {
  return members.get(group) ?? group.groupOf ?? [];
}

/** The drawn group of `visible` that holds the node `id`, if any. */
export function groupHolding(visible: Pick<VisibleGraph, "nodes">, id: string): GraphNodeView | undefined {
  return visible.nodes.find((g) => g.groupOf && groupMembers(g).includes(id));
}

export interface VisibleGraph {
  nodes: GraphNodeView[];
  edges: GraphEdgeView[];
  /** Functions matching the filters, and how many of them are drawn. */
  matching: number;
  shown: number;
  total: number;
  /** The focus node when it exists. */
  focus: GraphNodeView | null;
  /** True when resources are grouped by service: all of them, or those of a service with too many to draw. */
  aggregated: boolean;
  /** Set when some invokers or event sources are grouped (too many of one kind and service to draw). */
  invokersGrouped?: true;
  /**
   * A focused view's answers to the "Can do" question asked, by state, over the functions drawn (`shown`): a focus
   * draws a node's neighbourhood whole, whatever the filters, so the question is answered there, not applied.
   */
  reachInFocus?: ReachCounts;
  /**
   * An unfocused view's answers to the question, over every function the filters match (drawn or not), with those
   * the other filters match that a Deny refuses it to: what the overview's table counts for the same filters.
   */
  reachMatching?: ReachCounts;
}

/** What a group of invokers or event sources is called after: their service, else the kind of principal. */
function invokerKey(n: GraphNodeView): string {
  return n.service ?? n.principalType ?? "other";
}

/**
 * The group a node may join: resources by service (reaches of every action are one of their own, no service is
 * theirs), invokers and event sources by kind and service. Public and flagged invokers, and the focus, are always
 * drawn alone: they are what a reader looks for among the many.
 */
function groupKey(n: GraphNodeView, focus: string | undefined): string | undefined {
  if (n.id === focus) return undefined;
  if (n.kind === "resource") return `resource:${n.allServices ? "*" : (n.service ?? "other")}`;
  if ((n.kind === "principal" || n.kind === "event-source") && !n.public && !n.badge) return `${n.kind}:${invokerKey(n)}`;
  return undefined;
}

/** Groups with more nodes than MAX_NODES_PER_GROUP. */
function crowdedGroups(nodes: GraphNodeView[], focus: string | undefined): Set<string> {
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const key = groupKey(n, focus);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count > MAX_NODES_PER_GROUP).map(([key]) => key));
}

/** Replace the nodes `keyOf` puts in a group by one node per group, with one edge per (other end, group). */
function aggregateNodes(
  nodes: GraphNodeView[],
  edges: GraphEdgeView[],
  keyOf: (n: GraphNodeView) => string | undefined,
): { nodes: GraphNodeView[]; edges: GraphEdgeView[] } {
  const groupOf = new Map<string, string>();
  const groups = new Map<string, GraphNodeView>();
  for (const n of nodes) {
    const key = keyOf(n);
    if (!key) continue;
    const id = `group:${key}`;
    groupOf.set(n.id, id);
    const g: GraphNodeView = groups.get(id) ?? { id, kind: n.kind, label: "", groupOf: [] };
    if (n.kind !== "resource") {
      if (n.service) g.service = n.service;
      else if (n.principalType) g.principalType = n.principalType;
    } else if (n.allServices) g.allServices = true;
    else g.service = n.service ?? "other";
    g.groupOf?.push(n.id);
    groups.set(id, g);
  }
  for (const g of groups.values()) {
    const all = g.groupOf ?? [];
    const name = g.kind === "resource" ? (g.allServices ? "all services" : g.service) : invokerKey(g);
    g.label = `${name} · ${plural(all.length, KIND_LABEL[g.kind].toLowerCase())}`;
    members.set(g, all);
    g.groupOf = all.slice(0, MAX_NEIGHBOURS);
    g.groupSize = all.length;
  }
  const out: GraphEdgeView[] = [];
  const seen = new Set<string>();
  for (const e of edges) {
    const source = groupOf.get(e.source) ?? e.source;
    const target = groupOf.get(e.target) ?? e.target;
    if (source === e.source && target === e.target) {
      out.push(e);
      continue;
    }
    const id = `group-edge:${source}>${target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, source, target, kind: e.kind });
  }
  return { nodes: [...nodes.filter((n) => !groupOf.has(n.id)), ...groups.values()], edges: out };
}

/** A function node the index has no facts of: no findings, no caller. */
const NO_FACTS: FunctionFacts = { arn: "", severities: [], rules: [], invokedBy: [] };

export function functionMatches(idx: GraphIndex, fn: GraphNodeView, f: GraphFilters): boolean {
  if (f.regions.length && !(fn.region && f.regions.includes(fn.region))) return false;
  const findingIds = findingIdsOf(idx.model, fn.id);
  if (f.onlyFindings && findingIds.length === 0) return false;
  if (!matchesFunctionFilter(idx.factsOf.get(fn.id) ?? NO_FACTS, { sev: f.severities, rule: f.rules, who: f.who, reach: f.reach?.answers })) return false;
  if (f.services.length) {
    const services = idx.servicesOf.get(fn.id);
    const everyAction = idx.everyActionOf.get(fn.id) ?? [];
    if (!f.services.some((s) => services?.has(s) || everyAction.some((except) => reachCoversService(s, except)))) return false;
  }
  return true;
}

/** Functions in the neighbourhood of a focus node of any kind. */
function functionsAround(idx: GraphIndex, focus: GraphNodeView): string[] {
  switch (focus.kind) {
    case "function":
      return [focus.id];
    case "role":
      return [...(idx.functionsOfRole.get(focus.id) ?? [])];
    case "principal":
    case "event-source":
      return [...(idx.functionsInvokedBy.get(focus.id) ?? [])];
    case "resource": {
      const out = new Set<string>();
      for (const holder of idx.reachedBy.get(focus.id) ?? []) {
        if (idx.byId.get(holder)?.kind === "function") out.add(holder);
        for (const fn of idx.functionsOfRole.get(holder) ?? []) out.add(fn);
      }
      return [...out];
    }
  }
}

/**
 * The question's answers over the functions matched, which are those answered, and the functions a Deny refuses it
 * to that the other filters match (the overview's table counts those alike: overview.ts deniedRows).
 */
function reachOverMatching(idx: GraphIndex, f: GraphFilters, reach: NonNullable<GraphFilters["reach"]>, matched: readonly GraphNodeView[]): ReachCounts {
  const arnOf = (fn: GraphNodeView) => idx.factsOf.get(fn.id)?.arn ?? "";
  const { denied } = reach;
  const others = { ...f, reach: undefined };
  const refused = denied ? idx.functions.filter((fn) => denied.has(arnOf(fn)) && functionMatches(idx, fn, others)) : [];
  return reachCountsOf([...matched, ...refused].map(arnOf), reach.answers, denied);
}

export function selectVisibleGraph(idx: GraphIndex, f: GraphFilters): VisibleGraph {
  const focus = f.focus ? (idx.byId.get(f.focus) ?? null) : null;
  let fnIds: string[];
  let matching: number;
  let reachMatching: ReachCounts | undefined;
  if (focus) {
    const around = functionsAround(idx, focus);
    matching = around.length;
    fnIds =
      around.length > MAX_FUNCTIONS_DRAWN
        ? around
            .map((id) => idx.byId.get(id))
            .filter((n): n is GraphNodeView => !!n)
            .sort(compareNodesByRisk)
            .slice(0, MAX_FUNCTIONS_DRAWN)
            .map((n) => n.id)
        : around;
  } else {
    const matched = idx.functions.filter((fn) => functionMatches(idx, fn, f)).sort(compareNodesByRisk);
    matching = matched.length;
    fnIds = matched.slice(0, Math.min(MAX_FUNCTIONS_DRAWN, Math.max(1, f.limit))).map((n) => n.id);
    reachMatching = f.reach && reachOverMatching(idx, f, f.reach, matched);
  }

  const serviceOk = (id: string, holder?: string) => {
    if (!f.services.length || focus) return true;
    const svc = idx.byId.get(id)?.service;
    if (svc) return f.services.includes(svc);
    const except = holder === undefined ? undefined : idx.everyAction.get(`${holder}>${id}`);
    return !!except && f.services.some((s) => reachCoversService(s, except));
  };
  const onlyResource = focus?.kind === "resource" ? focus.id : null;
  const onlyInvoker = focus && (focus.kind === "principal" || focus.kind === "event-source") ? focus.id : null;

  // A function's aliases come with it: they are its other ways in.
  const drawn = [...fnIds, ...fnIds.flatMap((id) => [...(idx.aliasesOf.get(id) ?? [])])];
  const visible = new Set<string>(drawn);
  for (const fn of drawn) {
    for (const inv of idx.invokersOf.get(fn) ?? []) if ((!onlyInvoker || inv === onlyInvoker) && serviceOk(inv)) visible.add(inv);
    const holders = [fn, ...(idx.rolesOf.get(fn) ?? [])];
    for (const holder of holders) {
      visible.add(holder);
      for (const res of idx.reachOf.get(holder) ?? []) if ((!onlyResource || res === onlyResource) && serviceOk(res, holder)) visible.add(res);
    }
  }
  if (focus) visible.add(focus.id);

  // Functions riskiest first (the layout pins the first few on top: elk-graph.ts layoutOrder), then the rest in graph order.
  const fnOrder = new Map(fnIds.map((id, i) => [id, i]));
  const order = (id: string) => idx.nodeOrder.get(id) ?? Infinity;
  const nodes = [...visible]
    .map((id) => idx.byId.get(id))
    .filter((n): n is GraphNodeView => !!n)
    .sort((a, b) => (fnOrder.get(a.id) ?? Infinity) - (fnOrder.get(b.id) ?? Infinity) || order(a.id) - order(b.id));
  const edgeSet = new Set<GraphEdgeView>();
  for (const id of visible) for (const e of idx.edgesAt.get(id) ?? []) if (visible.has(e.source) && visible.has(e.target)) edgeSet.add(e);
  const edges = [...edgeSet].sort((a, b) => (idx.edgeOrder.get(a) ?? 0) - (idx.edgeOrder.get(b) ?? 0));
  const reachInFocus = focus && f.reach ? reachCountsOf(fnIds.map((id) => idx.factsOf.get(id)?.arn ?? ""), f.reach.answers, f.reach.denied) : undefined;
  const base = { matching, shown: fnIds.length, total: idx.functions.length, focus, ...(reachInFocus ? { reachInFocus } : {}), ...(reachMatching ? { reachMatching } : {}) };
  // Without a focus and above a few functions, every resource is grouped; otherwise only crowded groups are.
  const allResources = !focus && fnIds.length > AGGREGATE_RESOURCES_ABOVE;
  const crowded = crowdedGroups(nodes, focus?.id);
  const keyOf = (n: GraphNodeView) => {
    const key = groupKey(n, focus?.id);
    return key && (crowded.has(key) || (allResources && n.kind === "resource")) ? key : undefined;
  };
  const aggregated = allResources || [...crowded].some((k) => k.startsWith("resource:"));
  const invokersGrouped = [...crowded].some((k) => !k.startsWith("resource:"));
  if (!aggregated && !invokersGrouped) return { nodes, edges, ...base, aggregated };
  return { ...aggregateNodes(nodes, edges, keyOf), ...base, aggregated, ...(invokersGrouped ? { invokersGrouped } : {}) };
}
