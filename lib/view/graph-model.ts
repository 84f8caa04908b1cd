/**
 * The graph view model: the report's graph with badges, labels and indexes computed once on the server, so the
 * client only filters and lays out. Plain JSON (crosses the server → client boundary as props).
 */
import { dataGaps, type DataGapPart } from "./data-gaps";
import { isUserArn, usersNotRead } from "@/lib/analysis/users-not-read";
import { invokerEdgeLabel, MAY_BE_DENIED } from "@/lib/graph/invoker-label";
import { nodeId, roleStateOfLabel, type RoleState } from "@/lib/graph/build";
import type {
  AccountInvoker,
  AnalysisReport,
  Finding,
  FunctionReport,
  GraphEdge,
  GraphNode,
  GraphNodeKind,
  PrincipalType,
  Severity,
  RoleAssumers,
  SuppressedFinding,
} from "@/lib/analysis/types";
import { serviceOfNode } from "./service";
import { invokerGapOf, qualifierRoleGap, unnamedRoleWhy, type InvokerGap } from "./function-gaps";
import { severityRank, sortFindings } from "./severity";
import { findingsOfFunction, reportFunctionFacts, type FunctionFacts } from "./function-filter";

export interface NodeBadge {
  severity: Severity;
  count: number;
  /** Title of the worst finding, shown as text on the node. */
  title: string;
}

/** A report node with what the view adds; `aliasOf` names a node id here where the report names an ARN. */
export interface GraphNodeView extends Omit<GraphNode, "aliasOf"> {
  runtime?: string;
  badge?: NodeBadge;
  /**
   * Aggregate nodes (large views): the ids of the first MAX_NEIGHBOURS nodes this one stands for (the list its details
   * draw), and how many there are. All of them are known on the server only (visible-graph.ts groupMembers): a group
   * of 1,000 invokers carried every id, 500 KB of a 9-node view.
   */
  groupOf?: string[];
  groupSize?: number;
  /** Alias nodes: the id of their function's node (drawn with it, not counted as a function). */
  aliasOf?: string;
  /**
   * Resource nodes of a reach of every action (service `*`): no one service, but a match for each service filter
   * that the can-access edges to it leave allowed (their `notActions`).
   */
  allServices?: true;
  /** Function nodes whose invoker data was not all read: the graph must not look as if no one can invoke them. */
  invokerGap?: InvokerGap;
  /**
   * Function nodes whose report names no role ARN, and alias or version nodes routing to a version whose role is
   * unknown (its Role set aside, its version list lacking it or unread) or whose alias its list lacks: why their role
   * is unknown (no role node says it).
   */
  roleGap?: { why?: string };
  /**
   * Role nodes whose role the snapshot lacks or could not all read: said apart from the label, whose "(missing)"
   * suffix a long name pushes out of the node's one line.
   */
  roleState?: RoleState;
}

/** A report edge as the client draws it: access levels are folded into its label on the server. */
export type GraphEdgeView = Omit<GraphEdge, "accessLevels">;

export interface GraphModel {
  account: string;
  capturedAt: string;
  regions: string[];
  nodes: GraphNodeView[];
  edges: GraphEdgeView[];
  /** Function reports keyed by function node id. */
  functions: Record<string, FunctionReport>;
  findings: Record<string, Finding>;
  /**
   * Node id → ids of the findings attached to it, worst first; nodes without findings are absent. Kept off the nodes,
   * which go to the browser: it reads a node's badge and a page of its details' findings, never every id (a hub
   * function's 1,503 ids were 160 KB, sent as the node, the focus and the selected node).
   */
  findingIdsOf: Map<string, string[]>;
  services: string[];
  /** Roles that may invoke every function: not drawn (they would connect to each one), shown in a function's details. */
  accountInvokers: AccountInvoker[];
  /** Roles whose policies could not be read: they may invoke functions no list names. */
  accountInvokersUnread: number;
  /** IAM users whose policies (or groups) could not be read: the same. */
  accountUsersUnread: number;
  /** The snapshot predates reading IAM users: none is listed, which does not mean there are none. */
  usersNotRead: boolean;
  /** Findings the server's suppressions file accepts: not badged, named in their nodes' details with the reason. */
  suppressed: SuppressedFinding[];
  /** Who may assume each role that may invoke functions (the report's `invokerRoles`). */
  invokerRoles: Record<string, RoleAssumers>;
  /** What the scan could not read, in a few words with their counts (the overview's data-gaps summary), when anything. */
  dataGaps?: DataGapPart[];
  /** What the filters read of each function, keyed by `functions`' reports: the overview's own (function-filter.ts). */
  facts: ReadonlyMap<FunctionReport, FunctionFacts>;
}

function roleGapOf(unknown: readonly string[]): { why?: string } {
  const why = unnamedRoleWhy(unknown);
  return why ? { why } : {};
}

const LEVEL_SHORT: Record<string, string> = { "Permissions management": "Permissions", Tagging: "Tagging" };

/** Access levels as a short edge label: all five IAM levels read "Full access". */
export function accessLabel(levels: readonly string[]): string {
  if (levels.length >= 5) return "Full access";
  return levels.map((l) => LEVEL_SHORT[l] ?? l).join(", ");
}

/**
 * What a reach's levels leave to say, in the words its graph edge (and so the PNG) and the details panel's reach list
 * both use: that a condition the snapshot cannot judge gates it, and that a Deny may take part of it away. The dotted
 * line alone said the first to no one reading in grey, without colour or with a screen reader. A way in's edge says
 * the first the same way.
 */
export function reachNotes(r: { conditional?: boolean; partiallyDenied?: boolean }): string {
  return `${r.conditional ? " · conditional" : ""}${r.partiallyDenied ? " · partly denied" : ""}`;
}

/**
 * The words on an edge, drawn on the graph and copied into the PNG and the edge's accessible name. `invokerByKey`: a way
 * in's label by "source>target", for reports whose graph carries none.
 */
export function edgeLabel(edge: GraphEdge, invokerByKey: ReadonlyMap<string, string | undefined> = new Map()): string | undefined {
  if (edge.kind === "can-access" && edge.accessLevels?.length) {
    const levels = accessLabel(edge.accessLevels);
    const label = edge.notActions?.length ? `${levels} except ${edge.notActions.join(", ")}` : levels;
    // As the details panel's reach list says it: "Full access" alone would read as all of it.
    return label + reachNotes(edge);
  }
  const label = edge.label || (edge.kind === "invokes" || edge.kind === "polls" ? invokerByKey.get(`${edge.source}>${edge.target}`) : undefined);
  // A way in that may not let its caller in says so, as a reach does: its condition alone read as one AWS enforces.
  // "may be denied" says it already: "may be denied · conditional" said one thing twice.
  if (!edge.conditional || label === MAY_BE_DENIED) return label;
  return label ? label + reachNotes(edge) : "conditional";
}

/**
 * Event sources labelled with a whole ARN show its resource part; the ARN stays in `ref` and the details. (Resource
 * nodes come named by lib/graph/resource-label.ts, which keeps their service.)
 */
export function displayLabel(n: Pick<GraphNode, "kind" | "label">): string {
  if (n.kind !== "event-source") return n.label;
  const m = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:(.+)$/.exec(n.label);
  return m?.[1] ?? n.label;
}

function badgeOf(findings: Finding[]): NodeBadge | undefined {
  const [worst] = findings;
  return worst ? { severity: worst.severity, count: findings.length, title: worst.title } : undefined;
}

export function buildGraphModel(report: AnalysisReport): GraphModel {
  const findings = sortFindings(report.findings);
  const byRoleArn = new Map<string, Finding[]>();
  for (const f of findings) if (f.role) byRoleArn.set(f.role, [...(byRoleArn.get(f.role) ?? []), f]);

  const fnByArn = new Map(report.functions.map((fn) => [fn.arn, fn]));
  const fnByNameRegion = new Map(report.functions.map((fn) => [`${fn.region}/${fn.name}`, fn]));
  // An alias node keeps its function's report and findings (they concern the function and all its aliases); what it
  // runs as and who may invoke it are its own, added to its details (lib/view/alias-details.ts).
  const functionOf = (n: GraphNode): FunctionReport | undefined =>
    fnByArn.get(n.aliasOf ?? n.ref ?? "") ?? fnByArn.get(n.id) ?? fnByNameRegion.get(`${n.region ?? ""}/${n.label}`);

  const functions: Record<string, FunctionReport> = {};
  const findingIdsOf = new Map<string, string[]>();
  const nodes: GraphNodeView[] = report.graph.nodes.map((n) => {
    let attached: Finding[] = [];
    let runtime: string | undefined;
    let region = n.region;
    let invokerGap: InvokerGap | undefined;
    let roleGap: { why?: string } | undefined;
    if (n.kind === "function") {
      const fn = functionOf(n);
      if (fn) {
        functions[n.id] = fn;
        // The overview's grouping (function-filter.ts), worst first as the global sort would have left it.
        attached = sortFindings(findingsOfFunction(report, fn));
        runtime = fn.runtime;
        region ??= fn.region;
        if (n.aliasOf) roleGap = qualifierRoleGap(fn, n.ref ?? n.id.replace(/^fn:/, ""));
        else {
          invokerGap = invokerGapOf(fn);
          if (!fn.role) roleGap = roleGapOf(fn.unknown);
        }
      }
    } else if (n.kind === "role") {
      attached = byRoleArn.get(n.ref ?? "") ?? byRoleArn.get(n.id) ?? [];
    } else if (n.principalType === "role" && n.ref) {
      // The same IAM role drawn as an invoker: its findings (a trust policy open to any GitHub repository, admin access)
      // say who else can make these calls, so the invoker node shows them too instead of "No findings".
      attached = byRoleArn.get(n.ref) ?? [];
    }
    const view: GraphNodeView = {
      id: n.id,
      kind: n.kind,
      label: displayLabel(n),
    };
    if (attached.length) findingIdsOf.set(n.id, attached.map((f) => f.id));
    if (n.ref !== undefined) view.ref = n.ref;
    if (region !== undefined) view.region = region;
    const service = serviceOfNode(n);
    if (service !== undefined) view.service = service;
    if (n.principalType !== undefined) view.principalType = n.principalType;
    if (n.public !== undefined) view.public = n.public;
    if (n.aliasOf !== undefined) view.aliasOf = nodeId.fn(n.aliasOf);
    if (runtime !== undefined) view.runtime = runtime;
    // Every action on a resource of one service (Action "*" on arn:aws:s3:::uploads) reaches that service only.
    if (n.kind === "resource" && n.service === "*" && !namesOneService(n.ref)) view.allServices = true;
    if (invokerGap) view.invokerGap = invokerGap;
    if (roleGap) view.roleGap = roleGap;
    const roleState = n.kind === "role" ? roleStateOfLabel(n.label) : undefined;
    if (roleState) view.roleState = roleState;
    const badge = badgeOf(attached);
    if (badge) view.badge = badge;
    return view;
  });

  // Edge labels for invokes/polls come from the invoker facts when the graph does not carry one.
  const nodeByRef = new Map<string, string>();
  for (const n of report.graph.nodes) if (n.ref && n.kind !== "function") nodeByRef.set(`${n.kind}:${n.ref}`, n.id);
  const invokerByKey = new Map<string, string | undefined>();
  for (const [nodeId, fn] of Object.entries(functions)) {
    for (const inv of fn.invokers) {
      const text = invokerEdgeLabel(inv);
      for (const kind of ["event-source", "principal"] as const) {
        const src = nodeByRef.get(`${kind}:${inv.sourceArn ?? inv.principal}`) ?? nodeByRef.get(`${kind}:${inv.principal}`);
        if (src && !invokerByKey.has(`${src}>${nodeId}`)) invokerByKey.set(`${src}>${nodeId}`, text);
      }
    }
  }

  const nodeIds = new Set(nodes.map((n) => n.id));
  const edges: GraphEdgeView[] = report.graph.edges
    .filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target))
    .map((e) => {
      const view: GraphEdgeView = { id: e.id, source: e.source, target: e.target, kind: e.kind };
      const label = edgeLabel(e, invokerByKey);
      if (label) view.label = label;
      if (e.conditional) view.conditional = true;
      if (e.notActions?.length) view.notActions = e.notActions;
      return view;
    });

  const services = [...new Set(nodes.filter((n) => n.kind !== "function" && n.kind !== "role").map((n) => n.service).filter((s): s is string => !!s))].sort();

  const gaps = dataGaps(report);
  return {
    account: report.account,
    capturedAt: report.capturedAt,
    regions: [...report.regions].sort(),
    nodes,
    edges,
    functions,
    findings: Object.fromEntries(findings.map((f) => [f.id, f])),
    findingIdsOf,
    services,
    accountInvokers: report.accountInvokers ?? [],
    accountInvokersUnread: report.accountInvokersUnread?.filter((a) => !isUserArn(a)).length ?? 0,
    accountUsersUnread: report.accountInvokersUnread?.filter(isUserArn).length ?? 0,
    usersNotRead: usersNotRead(report),
    suppressed: report.suppressed ?? [],
    invokerRoles: report.invokerRoles ?? {},
    ...(gaps ? { dataGaps: gaps.parts } : {}),
    facts: reportFunctionFacts(report),
  };
}

/** Worst first: severity of the badge, then number of findings, then name. */
export function compareNodesByRisk(a: GraphNodeView, b: GraphNodeView): number {
  const ra = a.badge ? severityRank(a.badge.severity) : 99;
  const rb = b.badge ? severityRank(b.badge.severity) : 99;
  return ra - rb || (b.badge?.count ?? 0) - (a.badge?.count ?? 0) || a.label.localeCompare(b.label);
}

/** An ARN pattern whose service field is spelled out (`arn:aws:s3:::uploads`), not `*` or a wildcard. */
function namesOneService(pattern: string | undefined): boolean {
  const service = pattern?.startsWith("arn:") ? pattern.split(":")[2] : undefined;
  return !!service && !service.includes("*") && !service.includes("?");
}
