/**
 * What the graph page sends to the browser: only the drawn part of the graph and the selected node's details,
 * never the whole model (at 2,000 functions the model is ~12 MB of JSON; the default view is ~70 KB). The server
 * page renders the first view from the URL; later views come from GET /api/graph with the same URL keys.
 */
import type { AnalysisReport, Finding, FunctionReport, IneffectiveGrant, Invoker, Reach, RoleAssumers, Severity, SuppressedFinding } from "@/lib/analysis/types";
import { countFindingsInView } from "@/lib/report-png/header";
import { findingIdsOf } from "./finding-ids";
import { buildGraphModel, type GraphModel, type GraphNodeView } from "./graph-model";
import type { DataGapPart } from "./data-gaps";
import { groupHolding, groupMembers, indexGraph, MAX_NEIGHBOURS, selectVisibleGraph, type GraphFilters, type GraphIndex, type VisibleGraph } from "./visible-graph";
import { serializeGraphViewState, type GraphViewState } from "./url-state";
import { accountInvokersHere, runBy, type IdentityDetails } from "./identity-details";
import { ownValue } from "@/lib/own-value";
import { aliasDetails, type AliasDetails } from "./alias-details";
import { reportsByRole } from "./functions-by-role";
import type { RoleState } from "@/lib/graph/build";
import { DETAILS_PAGE, pageOf, type Page } from "./paging";
import { suggestResource, type FunctionAlias } from "./run-as";
import { positionAmongTwins } from "./count-text";
import { ruleOptions, type RuleOption } from "./rule-options";
import { callerWays, resourceReaches, roleReaches, type CallerWay, type RoleReach } from "./node-ways";
import type { ReachAnswer } from "./reach-question";

export { DETAILS_PAGE };

/**
 * A function's report as its details carry it: without its invokers, reaches and grants that reach nothing, thousands
 * on a hub (1.2 MB of the selected hub's 1.46 MB), nor its aliases, which NodeDetails pages (`invokers`, `reaches`,
 * `ineffectiveGrants`, `aliases`); nor its published versions, which the panel draws nowhere (Lambda keeps thousands),
 * nor the grants a Deny refuses (`deniedGrants`), which only the Can do question reads.
 */
export type DetailsFunction = Omit<FunctionReport, "invokers" | "reaches" | "ineffectiveGrants" | "deniedGrants" | "aliases" | "versions">;

/** The first page of one of a node's long lists and how many items it has; GET /api/graph/list answers the others. */
export interface FirstPage<T> {
  items: T[];
  total: number;
  /** The page `items` are when it is not page 1: an alias node's aliases start on the page holding its own. */
  page?: number;
}

export interface NodeDetails {
  node: GraphNodeView;
  fn: DetailsFunction | null;
  /**
   * A function's (not an alias's: `alias` has its own) ways in and what its role reaches, a page of each
   * (DETAILS_PAGE, listPage); a role node's reach, its first page.
   */
  invokers?: FirstPage<Invoker>;
  reaches?: FirstPage<Reach>;
  /** Invoker and event source nodes: their ways into the functions they invoke (statement, mapping), a page of them. */
  ways?: FirstPage<CallerWay>;
  /** Resource nodes: the roles that reach them, with their actions and statements, a page of them. */
  reachedBy?: FirstPage<RoleReach>;
  /** The function's role's grants that reach nothing (`FunctionReport.ineffectiveGrants`); absent when none. */
  ineffectiveGrants?: FirstPage<IneffectiveGrant>;
  /** The function's aliases (on its alias nodes too: the what-if box runs as them); absent when it has none. */
  aliases?: FirstPage<FunctionAlias>;
  /**
   * The alias the what-if box runs as first, `aliases` being the page holding it: an alias node's own, or on its
   * function's node the alias a link names that has no node (nodelessAlias).
   */
  openedAlias?: FunctionAlias;
  /** What the what-if box asks about first (lib/view/run-as.ts suggestResource), read from the whole lists. */
  askAbout?: string;
  /**
   * Alias and version nodes: the roles they run as, what those reach and the ways in on them, where `fn`'s would
   * mislead (its current role, every alias's grants). Findings, accepted findings and the what-if box keep `fn`.
   */
  alias?: AliasDetails;
  /** The first DETAILS_PAGE of the node's findings, worst first; the rest come a page at a time (findingsPage). */
  findings: Finding[];
  /** FindingsPage's `twins` of `findings`. */
  findingTwins: (string | null)[];
  /** How many findings the node has, all of them. */
  findingTotal: number;
  /** Findings on this function or role that the server's suppressions file accepts, with why; absent when none. */
  accepted?: SuppressedFinding[];
  /** Neighbours (or the members of a group node), their first page; the others from listPage's "neighbours". */
  neighbours: GraphNodeView[];
  neighbourTotal: number;
  /** The drawn group node the node is one of, when it is drawn in one (its own node is not drawn). */
  inGroup?: string;
  /**
   * Function nodes: the account-wide invoking roles as this function sees them, and whose roles the invoking roles of
   * `invokers`' first page (or the alias's) are.
   */
  identity?: IdentityDetails;
  /** A role of the account that may invoke functions: who may assume it (the report's `invokerRoles`). */
  assumers?: RoleAssumers;
  /** Function nodes whose current role the snapshot lacks or could not all read (its node's `roleState`). */
  roleState?: RoleState;
}

export interface GraphView {
  visible: VisibleGraph;
  selected: NodeDetails | null;
  /** The URL's focus and selected node ids that are not in this snapshot (a stale shared link). */
  missing: string[];
  /** Findings attached to the drawn nodes, each counted once (the PNG report's header). */
  counts: Record<Severity, number>;
  /** The Can do question's name asked as its ARN, in words (reach-filter.ts ReachAnswers.askedAs): the PNG header says it. */
  reachAskedAs?: string;
  /** The Can do question's action is none the IAM action catalog has (reach-filter.ts `reachActionNote`): said beside its chip. */
  reachNote?: string;
}

/**
 * The part of a view that a new selection changes (GET /api/graph/details): the browser keeps the drawing it has
 * (`visible`, `counts`), 0.5–1 MB of JSON at 10,000 functions, which each click on a hub fetched and drew again.
 */
export type ViewSelection = Pick<GraphView, "selected" | "missing">;

export function viewSelection({ selected, missing }: GraphView): ViewSelection {
  return { selected, missing };
}

/** Facts of the whole snapshot the page shows around the graph (filter choices, header). */
export interface GraphFacets {
  snapshotId: string;
  /** The concrete id of the scan the page compares with (`compare=`, "latest" resolved), when it does. */
  compareId?: string;
  account: string;
  capturedAt: string;
  regions: string[];
  services: string[];
  /** The Finding filter's options: the rules found, with the functions each badges (as the overview's). */
  rules: RuleOption[];
  /** Findings the server's suppressions file accepts (left out of the model), for the PNG header. */
  accepted?: number;
  /** What the scan could not read, in a few words with their counts, for the PNG header (the overview lists it in full). */
  dataGaps?: DataGapPart[];
}

export { MAX_NEIGHBOURS };
/** One page of a node's findings, worst first (lib/view/paging.ts), with how many there are. */
export interface FindingsPage extends Omit<Page<Finding>, "items"> {
  findings: Finding[];
  /**
   * For each of `findings`, its place among all the node's findings of its title ("51 of 60"), null when no other has
   * its title: what tells their cards and copy buttons apart. Counted here, on the node's whole list, since a page
   * alone would number them again from 1 on every page.
   */
  twins: (string | null)[];
  total: number;
}

/** Page `requested` (from 1, kept within the pages there are) of the findings attached to `node`, worst first. */
export function findingsPage(idx: GraphIndex, node: Pick<GraphNodeView, "id">, requested: number | undefined): FindingsPage {
  // Worst first already (graph-model.ts sorts the report's findings once).
  const all = findingIdsOf(idx.model, node.id).map((f) => idx.model.findings[f]).filter((f): f is Finding => !!f);
  const { items, ...page } = pageOf(all, requested, DETAILS_PAGE);
  const twins = items.map((_, i) => positionAmongTwins(all, page.offset + i, (f) => f.title) ?? null);
  return { findings: items, twins, ...page, total: all.length };
}

/** A page of a function's invokers, with whose roles the page's invoking roles are (NodeDetails' `identity`). */
export interface InvokersPage extends Omit<Page<Invoker>, "items"> {
  invokers: Invoker[];
  identity: IdentityDetails;
  total: number;
}

/** A page of what a function's role reaches. */
export interface ReachesPage extends Omit<Page<Reach>, "items"> {
  reaches: Reach[];
  total: number;
}

/** A page of the grants of a function's role that reach nothing. */
export interface GrantsPage extends Omit<Page<IneffectiveGrant>, "items"> {
  grants: IneffectiveGrant[];
  total: number;
}

/** A page of a function's aliases. */
export interface AliasesPage extends Omit<Page<FunctionAlias>, "items"> {
  aliases: FunctionAlias[];
  total: number;
}

/** A page of an invoker's or event source's ways in (or its group's). */
export interface WaysPage extends Omit<Page<CallerWay>, "items"> {
  ways: CallerWay[];
  total: number;
}

/** A page of the roles reaching a resource (or its group's members). */
export interface ReachedByPage extends Omit<Page<RoleReach>, "items"> {
  reachedBy: RoleReach[];
  total: number;
}

/** A page of the nodes a node connects to, or of a group node's members. */
export interface NeighboursPage extends Omit<Page<GraphNodeView>, "items"> {
  neighbours: GraphNodeView[];
  total: number;
}

/** The lists of a node's details that come a page at a time. */
export const DETAILS_LISTS = ["findings", "invokers", "reaches", "grants", "aliases", "ways", "reachedBy", "neighbours"] as const;
export type DetailsList = (typeof DETAILS_LISTS)[number];
export type ListPage = FindingsPage | InvokersPage | ReachesPage | GrantsPage | AliasesPage | WaysPage | ReachedByPage | NeighboursPage;

/** The evidence lists of a node that is no function (node-ways.ts), whole. */
interface NodeEvidence {
  ways?: CallerWay[];
  reaches?: Reach[];
  reachedBy?: RoleReach[];
}

/**
 * Read once per node, as long as its index (or, for a group, its view) lives: every page of a resource that thousands
 * of roles reach would read every one of their reach lists again.
 */
const evidence = new WeakMap<GraphNodeView, NodeEvidence>();

function nodeEvidence(idx: GraphIndex, node: GraphNodeView): NodeEvidence {
  let found = evidence.get(node);
  if (!found) {
    found = {};
    if (node.kind === "principal" || node.kind === "event-source") found.ways = callerWays(idx, node);
    // A role group is never drawn (visible-graph.ts groupKey); a role's reach is that of the function running as it.
    const reaches = node.kind === "role" && !node.groupOf ? roleReaches(idx, node) : undefined;
    if (reaches) found.reaches = reaches;
    if (node.kind === "resource") found.reachedBy = resourceReaches(idx, node);
    evidence.set(node, found);
  }
  return found;
}

/**
 * Page `requested` of one of `node`'s lists (GET /api/graph/list): undefined for a function's list on a node that is no
 * function (an alias's lists are in its details whole, but for its function's aliases, which its what-if box runs as)
 * and for a list of a node that is no function on one that lacks it (a role's reach is its "reaches"); an empty page
 * for a function's list that has no items.
 */
export function listPage(idx: GraphIndex, node: GraphNodeView, list: DetailsList, requested: number | undefined): ListPage | undefined {
  if (list === "findings") return findingsPage(idx, node, requested);
  if (list === "neighbours") {
    const all = neighboursOf(idx, node);
    const { items, ...page } = pageOf(all, requested, DETAILS_PAGE);
    return { neighbours: items, ...page, total: all.length };
  }
  if (!idx.model.functions[node.id]) {
    const { ways, reaches, reachedBy } = nodeEvidence(idx, node);
    if (list === "ways" && ways) {
      const { items, ...page } = pageOf(ways, requested, DETAILS_PAGE);
      return { ways: items, ...page, total: ways.length };
    }
    if (list === "reachedBy" && reachedBy) {
      const { items, ...page } = pageOf(reachedBy, requested, DETAILS_PAGE);
      return { reachedBy: items, ...page, total: reachedBy.length };
    }
    if (list === "reaches" && reaches) {
      const { items, ...page } = pageOf(reaches, requested, DETAILS_PAGE);
      return { reaches: items, ...page, total: reaches.length };
    }
  }
  if (list === "ways" || list === "reachedBy") return undefined;
  if (list === "aliases") {
    const report = idx.model.functions[node.id];
    if (!report) return undefined;
    // A function without aliases has the list, empty, as one without grants that reach nothing has its grants list.
    const aliases = report.aliases ?? [];
    const { items, ...page } = pageOf(aliases, requested, DETAILS_PAGE);
    return { aliases: items, ...page, total: aliases.length };
  }
  const fn = node.aliasOf ? undefined : idx.model.functions[node.id];
  if (!fn) return undefined;
  if (list === "reaches") {
    const { items, ...page } = pageOf(fn.reaches, requested, DETAILS_PAGE);
    return { reaches: items, ...page, total: fn.reaches.length };
  }
  if (list === "grants") {
    const grants = fn.ineffectiveGrants ?? [];
    const { items, ...page } = pageOf(grants, requested, DETAILS_PAGE);
    return { grants: items, ...page, total: grants.length };
  }
  const { items, ...page } = pageOf(fn.invokers, requested, DETAILS_PAGE);
  return { invokers: items, identity: identityDetails(idx.model, fn, items), ...page, total: fn.invokers.length };
}

// Reports are cached per snapshot (lib/store/report-cache), so the index built for a report lives as long as it.
const indexes = new WeakMap<AnalysisReport, GraphIndex>();
const VIEWS_PER_INDEX = 32;
const views = new WeakMap<GraphIndex, Map<string, GraphView>>();

export function graphIndexOf(report: AnalysisReport): GraphIndex {
  let idx = indexes.get(report);
  if (!idx) indexes.set(report, (idx = indexGraph(buildGraphModel(report))));
  return idx;
}

export function graphFacets(idx: GraphIndex, snapshotId: string): GraphFacets {
  const { account, capturedAt, regions, services, suppressed, dataGaps } = idx.model;
  return { snapshotId, account, capturedAt, regions, services, rules: ruleOptions(idx.factsOf.values()), ...(suppressed.length ? { accepted: suppressed.length } : {}), ...(dataGaps ? { dataGaps } : {}) };
}

/**
 * An alias that a link names (`fn:<function ARN>:<alias>`) and that has no node of its own (the graph draws an alias
 * only with a way in of its own): its function's node, and the alias, which that node's what-if box then runs as.
 * Otherwise the link was "not in this snapshot", with nothing in the panel.
 */
function nodelessAlias(idx: GraphIndex, id: string): { fnId: string; alias: FunctionAlias } | undefined {
  if (idx.byId.has(id) || !id.startsWith("fn:")) return undefined;
  const fnId = id.slice(0, id.lastIndexOf(":"));
  const alias = idx.byId.has(fnId) ? idx.model.functions[fnId]?.aliases?.find((a) => a.arn === id.slice("fn:".length)) : undefined;
  return alias ? { fnId, alias } : undefined;
}

/**
 * The details panel's data for a node of the model, or a group node of the drawn graph; for an alias without a node
 * (nodelessAlias), its function's, asking as it.
 */
export function nodeDetails(idx: GraphIndex, visible: VisibleGraph, id: string): NodeDetails | null {
  const nodeless = nodelessAlias(idx, id);
  if (nodeless) return nodeDetailsAs(idx, visible, nodeless.fnId, nodeless.alias);
  return nodeDetailsAs(idx, visible, id, undefined);
}

function nodeDetailsAs(idx: GraphIndex, visible: VisibleGraph, id: string, runAs: FunctionAlias | undefined): NodeDetails | null {
  const node = idx.byId.get(id) ?? visible.nodes.find((n) => n.id === id);
  if (!node) return null;
  const all = neighboursOf(idx, node);
  const report = idx.model.functions[id];
  const fn: DetailsFunction | null = report ? withoutLists(report) : null;
  const { findings, twins, total } = findingsPage(idx, node, 1);
  const details: NodeDetails = {
    node,
    fn,
    findings,
    findingTwins: twins,
    findingTotal: total,
    neighbours: all.slice(0, DETAILS_PAGE),
    neighbourTotal: all.length,
  };
  const group = node.groupOf ? undefined : groupHolding(visible, id);
  if (group) details.inGroup = group.id;
  if (report) {
    details.askAbout = suggestResource(report);
    const aliases = report.aliases ?? [];
    const opened = node.aliasOf ? node.ref : runAs?.arn;
    const at = opened === undefined ? -1 : aliases.findIndex((a) => a.arn === opened);
    if (at >= 0) details.openedAlias = aliases[at];
    if (aliases.length) {
      // Page 1 with alias 120 of 2,000 appended said "page 1 of 40" beside it: the pager starts where it is instead.
      const { items, page } = pageOf(aliases, at >= 0 ? Math.floor(at / DETAILS_PAGE) + 1 : 1, DETAILS_PAGE);
      details.aliases = { items, total: aliases.length, ...(page > 1 ? { page } : {}) };
    }
    if (node.aliasOf) details.alias = aliasDetails(idx, node, report);
    else {
      details.invokers = { items: report.invokers.slice(0, DETAILS_PAGE), total: report.invokers.length };
      details.reaches = { items: report.reaches.slice(0, DETAILS_PAGE), total: report.reaches.length };
      const grants = report.ineffectiveGrants ?? [];
      if (grants.length) details.ineffectiveGrants = { items: grants.slice(0, DETAILS_PAGE), total: grants.length };
    }
    // An alias's details are whole (its lists are not paged): as the function's before paging, for every alias alike.
    details.identity = identityDetails(idx.model, report, details.invokers?.items ?? report.invokers);
  }
  if (!report) {
    const { ways, reaches, reachedBy } = nodeEvidence(idx, node);
    if (ways) details.ways = firstPage(ways);
    if (reaches) details.reaches = firstPage(reaches);
    if (reachedBy) details.reachedBy = firstPage(reachedBy);
  }
  const roleState = fn ? [...(idx.rolesOf.get(id) ?? [])].map((r) => idx.byId.get(r)).find((r) => r?.ref === fn.role)?.roleState : undefined;
  if (roleState) details.roleState = roleState;
  const assumers = node.ref && (node.kind === "role" || node.principalType === "role") ? ownValue(idx.model.invokerRoles, node.ref) : undefined;
  if (assumers) details.assumers = assumers;
  const accepted = idx.model.suppressed.filter((f) => (fn ? f.function === fn.arn || f.functions.includes(fn.arn) : node.kind === "role" && f.role === node.ref));
  if (accepted.length) details.accepted = accepted;
  return details;
}

/**
 * The nodes `node` connects to, or a group node's members, all of them: its details carry the first page, and
 * GET /api/graph/list the others (a group of 5,000 log groups listed 50 and "and 4,950 more").
 */
function neighboursOf(idx: GraphIndex, node: GraphNodeView): GraphNodeView[] {
  const id = node.id;
  const ids = [
    ...groupMembers(node),
    ...(idx.invokersOf.get(id) ?? []),
    ...(idx.rolesOf.get(id) ?? []),
    ...(idx.functionsOfRole.get(id) ?? []),
    // A role's resources: its what-if box asks about one of them first (principalAsker in lib/view/run-as.ts).
    ...(idx.reachOf.get(id) ?? []),
    ...(idx.functionsInvokedBy.get(id) ?? []),
    ...(idx.reachedBy.get(id) ?? []),
  ];
  return ids.map((n) => idx.byId.get(n)).filter((n): n is GraphNodeView => !!n);
}

function firstPage<T>(items: readonly T[]): FirstPage<T> {
  return { items: items.slice(0, DETAILS_PAGE), total: items.length };
}

const listless = new WeakMap<FunctionReport, DetailsFunction>();

/** The same object for a function and its aliases' details, as long as the report lives (like the index). */
function withoutLists(report: FunctionReport): DetailsFunction {
  let fn = listless.get(report);
  if (!fn) {
    const { invokers: _invokers, reaches: _reaches, ineffectiveGrants: _grants, deniedGrants: _denied, aliases: _aliases, versions: _versions, ...rest } = report;
    listless.set(report, (fn = rest));
  }
  return fn;
}

/**
 * Only what the selected function's Invokers need: not the account-wide list's exceptions for other functions, nor the
 * roles of ways in on `shown`'s other pages.
 */
function identityDetails(model: GraphModel, fn: FunctionReport, shown: readonly Invoker[]): IdentityDetails {
  const accountWide = accountInvokersHere(model.accountInvokers, fn);
  const roles = new Set([...shown.filter((i) => i.via === "identity-policy").map((i) => i.principal), ...accountWide.map((a) => a.principal)]);
  const running = functionsRunningAs(model);
  const byRole: IdentityDetails["runBy"] = {};
  const assumedBy: IdentityDetails["assumedBy"] = {};
  for (const role of roles) {
    const names = running.get(role);
    if (names) byRole[role] = runBy(names);
    const assumers = ownValue(model.invokerRoles, role);
    if (assumers) assumedBy[role] = assumers;
  }
  return {
    accountWide,
    runBy: byRole,
    assumedBy,
    ...(model.accountInvokersUnread ? { unreadRoles: model.accountInvokersUnread } : {}),
    ...(model.accountUsersUnread ? { unreadUsers: model.accountUsersUnread } : {}),
    ...(model.usersNotRead ? { usersNotRead: true as const } : {}),
  };
}

const runningAs = new WeakMap<GraphModel, Map<string, string[]>>();

/**
 * Execution role ARN → names of the functions that run as it (built once per model, like the index); one name in
 * several regions is each of them, by region.
 */
function functionsRunningAs(model: GraphModel): Map<string, string[]> {
  let byRole = runningAs.get(model);
  if (!byRole) {
    const regionsOf = new Map<string, Set<string>>();
    for (const fn of new Set(Object.values(model.functions))) regionsOf.set(fn.name, (regionsOf.get(fn.name) ?? new Set()).add(fn.region));
    byRole = new Map();
    for (const [role, fns] of reportsByRole(model)) byRole.set(role, fns.map((fn) => ((regionsOf.get(fn.name)?.size ?? 1) > 1 ? `${fn.name} (${fn.region})` : fn.name)));
    runningAs.set(model, byRole);
  }
  return byRole;
}

/**
 * The view for `state`. `reach`: the answers to the "Can do" question `state` asks (reach-filter.ts `reachAsked`,
 * asked-graph-view.ts), undefined when it asks none that can be read; only the functions answered are drawn.
 * `denied`: the functions granted it that a Deny refuses, by ARN, which a focused view counts as denied.
 */
export function graphView(idx: GraphIndex, state: GraphViewState, reach?: ReadonlyMap<string, Pick<ReachAnswer, "state">>, denied?: Pick<ReadonlySet<string>, "has">): GraphView {
  const { visible, counts } = drawnGraph(idx, {
    severities: state.sev,
    rules: state.rule,
    who: state.who,
    // `denied` in the key too: the same question without it counts no denied functions.
    ...(reach ? { reach: { asked: JSON.stringify([state.reach.trim(), state.on.trim(), !!denied]), answers: reach, ...(denied ? { denied } : {}) } } : {}),
    services: state.svc,
    regions: state.region,
    onlyFindings: state.findings,
    focus: state.focus,
    limit: state.limit,
  });
  const known = (id: string) => idx.byId.has(id) || visible.nodes.some((n) => n.id === id) || !!nodelessAlias(idx, id);
  const missing = [...new Set([state.focus, state.node])].filter((id): id is string => !!id && !known(id));
  return {
    visible,
    selected: state.node ? nodeDetails(idx, visible, state.node) : null,
    missing,
    counts,
  };
}

const drawn = new WeakMap<GraphIndex, Map<string, Pick<GraphView, "visible" | "counts">>>();

/**
 * The graph drawn for `filters` and its finding counts, remembered per index: selecting node after node of one view
 * (a reader's clicks, each a new view state) drew the same graph again each time, ranking every function anew.
 */
function drawnGraph(idx: GraphIndex, filters: GraphFilters): Pick<GraphView, "visible" | "counts"> {
  let byKey = drawn.get(idx);
  if (!byKey) drawn.set(idx, (byKey = new Map()));
  const key = JSON.stringify(filters);
  let graph = byKey.get(key);
  if (!graph) {
    const visible = selectVisibleGraph(idx, filters);
    byKey.set(key, (graph = { visible, counts: countFindingsInView(idx.model, visible.nodes) }));
    while (byKey.size > VIEWS_PER_INDEX) byKey.delete(byKey.keys().next().value ?? "");
  }
  return graph;
}

/**
 * graphView, remembered per index and view state (reloads and shared links of a view cost nothing). `reach` must be the
 * answers to `state`'s question, as asked-graph-view.ts gives them: the view is remembered under `state` alone.
 */
export function cachedGraphView(idx: GraphIndex, state: GraphViewState, reach?: ReadonlyMap<string, Pick<ReachAnswer, "state">>, denied?: Pick<ReadonlySet<string>, "has">): GraphView {
  let byKey = views.get(idx);
  if (!byKey) views.set(idx, (byKey = new Map()));
  const key = serializeGraphViewState(state);
  let view = byKey.get(key);
  if (!view) {
    byKey.set(key, (view = graphView(idx, state, reach, denied)));
    while (byKey.size > VIEWS_PER_INDEX) byKey.delete(byKey.keys().next().value ?? "");
  }
  return view;
}
