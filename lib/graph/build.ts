/**
 * The permissions graph: invokers → functions → execution roles → resources. Node ids derive from ARNs and
 * principal strings only, so a link to a node still resolves after a rescan (cli.md).
 */
import type { FunctionReport, Graph, GraphEdge, GraphNode, Invoker, Reach } from "@/lib/analysis/types";
import { nameFromArn, parseArn, qualifiedFunctionName } from "@/lib/analysis/arn";
import { notActionsOf, resourceLabel } from "./resource-label";
import { letsIn } from "@/lib/analysis/invoker-effect";
import { invokerEdgeLabel, MAY_BE_DENIED } from "./invoker-label";
import { SESSION_ARN, serviceStem } from "@/lib/policy/principal";
import { otherCaseArnHead } from "@/lib/policy/arn";
import { ANOTHER_TURN, runToEnd, type AnotherTurn } from "@/lib/steps";
import { LONGEST_ARN } from "@/lib/view/long-words";
import { createHash } from "node:crypto";

/** As long as the longest ARN AWS gives: no real ARN's id is longer than that with its kind's prefix. */
export const MAX_NODE_ID = LONGEST_ARN;
/** How much of a crafted id its short form keeps, so it still reads as its kind and name. */
const KEPT_OF_LONG_ID = 200;

/**
 * A node id past any real ARN's length (a crafted snapshot's megabyte queue name) as a short stable form: its start
 * and a hash of the whole. The id goes into `?node=` of every request and shared link, and a megabyte URL is refused
 * with 431 before the app sees it. Real ids are kept as they are, so links to them still resolve.
 */
function bounded(id: string): string {
  if (id.length <= MAX_NODE_ID) return id;
  return `${id.slice(0, KEPT_OF_LONG_ID)}…node:sha256:${createHash("sha256").update(id).digest("hex")}`;
}

export const nodeId = {
  fn: (arn: string) => bounded(`fn:${arn}`),
  role: (arn: string) => bounded(`role:${arn}`),
  resource: (service: string, pattern: string) => bounded(`res:${service}:${pattern}`),
  source: (arn: string) => bounded(`src:${arn}`),
  // Everything that tells two invokers apart on the graph: the source and the account or organization pinning it,
  // and, for a wildcard principal, whether conditions narrow it (a public node must not stand for a narrowed one).
  principal: (inv: Invoker) =>
    bounded(
      `p:${inv.via === "function-url" ? "url" : inv.principalType}:${inv.principal}${inv.sourceArn ? `@${inv.sourceArn}` : ""}` +
        `${inv.sourceAccount ? `~${inv.sourceAccount}` : ""}${inv.orgId ? `#${inv.orgId}` : ""}` +
        `${inv.principalType === "public" && inv.via !== "function-url" && inv.public !== true ? "!narrowed" : ""}` +
        // Everyone but a NotPrincipal list is not the "Anyone" of a `*` grant: drawn apart from it.
        `${inv.notPrincipal ? "!except" : ""}`,
    ),
};

function shortArn(arn: string): string {
  const parsed = parseArn(arn);
  if (!parsed) return arn;
  return parsed.resource.replace(/^(function|table|stream|queue|topic|rule|cluster):/, "") || arn;
}

function principalLabel(inv: Invoker): string {
  if (inv.via === "function-url") return inv.authType === "NONE" ? "Internet (function URL, no auth)" : "Function URL (AWS_IAM)";
  if (inv.principalType === "organization" || (inv.principalType === "public" && inv.orgId)) return `Organization ${inv.orgId ?? inv.principal}`;
  if (inv.principalType === "public" && inv.notPrincipal) return inv.public === true ? "Anyone but the NotPrincipal list" : "* but the NotPrincipal list (narrowed by conditions)";
  if (inv.principalType === "public") return inv.public === true ? "Anyone (*)" : "* (narrowed by conditions)";
  if (inv.principalType === "account") return `Account ${inv.principal}`;
  // Drawn as roles are, but a long-term credential of a person or a CI system: the label says which.
  if (inv.principalType === "user") return `IAM user ${nameFromArn(inv.principal)}`;
  // A principal spelled `ARN:…` or `arn:AWS:…` is shown whole: by its name alone it would read as the principal AWS's
  // spelling names, whose way in may be certain where this one's is a "may".
  const base =
    inv.principalType === "service" ? serviceStem(inv.principal) ?? inv.principal : otherCaseArnHead(inv.principal) ? inv.principal : sessionLabel(inv.principal) ?? nameFromArn(inv.principal);
  return inv.sourceArn ? `${base} · ${shortArn(inv.sourceArn)}` : base;
}

/** A role session's ARN as "<role> (session <name>)": its last segment alone would read as a role's name. */
function sessionLabel(arn: string): string | undefined {
  const session = SESSION_ARN.exec(arn);
  return session ? `${session[3]} (session ${session[4]})` : undefined;
}

/** What a role node's label says after the role's name when its data is not all known. */
export type RoleState = "missing" | "unread" | "partly unread";

/** The label of a role's node: its name, with "(missing)", "(unread)" or "(partly unread)". */
export function roleLabel(roleArn: string, state: RoleState | undefined): string {
  return state ? `${nameFromArn(roleArn)} (${state})` : nameFromArn(roleArn);
}

/**
 * The state a role node's label says (roleLabel), for views that show it apart from a name cut to fit. IAM role names
 * hold no spaces or parentheses, so the suffix is never part of the name.
 */
export function roleStateOfLabel(label: string): RoleState | undefined {
  return /\((missing|unread|partly unread)\)$/.exec(label)?.[1] as RoleState | undefined;
}

export interface GraphInput {
  /** The scanned account: resource labels name other accounts only. */
  account?: string;
  functions: FunctionReport[];
  /** Reaches per role ARN (shared by every function with that role). */
  reachesByRole: Map<string, Reach[]>;
  /** Roles the snapshot does not hold. */
  missingRoles: Set<string>;
  /**
   * Roles whose documents are not all known: "unread" when IAM data about them is missing altogether, "partly
   * unread" when some of their policies could not be read. A role node without reach edges must not look like a
   * role that reaches nothing.
   */
  unreadRoles?: Map<string, Exclude<RoleState, "missing">>;
  /** Aliases and versions that run as other roles than their function's current one (those they were published with). */
  qualifierRoles?: Map<string, string[]>;
}

/**
 * Of two ways one principal invokes one function node, the one its edge shows: an unconditional answer over a
 * conditional one, then a way with no condition over one with conditions, else the first (the report's order).
 */
function moreOpen(candidate: GraphEdge, drawn: GraphEdge): boolean {
  if (candidate.conditional !== drawn.conditional) return !candidate.conditional;
  return candidate.label === "no condition" && drawn.label !== "no condition";
}

/**
 * The label of a way in whose statement has no condition. "no condition" only when nothing else refuses it either: a
 * conditional answer then comes from outside the statement (a Deny elsewhere in the policy, the role's own policies, a
 * role the snapshot lacks), and "no condition" on a dashed edge would read as open to every source.
 */
function unconditionedLabel(inv: Invoker): string {
  return inv.decision === "conditional" ? MAY_BE_DENIED : "no condition";
}

/** Values keyed by two strings the report already holds (hashed once), not by freshly built ids. */
class PairMap<T> {
  private readonly keys = new Map<string, Map<string, T>>();
  get(outer: string, inner: string): T | undefined {
    return this.keys.get(outer)?.get(inner);
  }
  set(outer: string, inner: string, value: T): void {
    let inners = this.keys.get(outer);
    if (!inners) {
      inners = new Map();
      this.keys.set(outer, inners);
    }
    inners.set(inner, value);
  }
}

/**
 * Resource nodes by service and pattern, each drawn once and its id string made once: every edge to a resource holds
 * its node's id. The graph keeps ~64,000 edges at 10,000 functions, and an id string per edge end was a fifth of its
 * memory.
 */
class ResourceNodes {
  private readonly ids = new Map<string, Map<string, string>>();

  constructor(
    private readonly nodes: GraphNode[],
    private readonly account: string | undefined,
  ) {}

  /** The id of the node for `pattern`, drawn on first use. */
  idOf(service: string, pattern: string): string {
    let byPattern = this.ids.get(service);
    if (!byPattern) {
      byPattern = new Map();
      this.ids.set(service, byPattern);
    }
    let id = byPattern.get(pattern);
    if (id === undefined) {
      id = nodeId.resource(service, pattern);
      byPattern.set(pattern, id);
      this.nodes.push({ id, kind: "resource", label: resourceLabel(service, pattern, this.account), ref: pattern, service });
    }
    return id;
  }
}

/** The function and aliases (by ARN) whose URL lets callers in, so is drawn. Undefined when there are none. */
function drawnUrls(fn: FunctionReport): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (const inv of fn.invokers) if (inv.via === "function-url" && letsIn(inv)) (out ??= new Set()).add(inv.qualifier ?? fn.arn);
  return out;
}

export function buildGraph(input: GraphInput): Graph {
  return runToEnd(graphSteps(input));
}

/** Functions drawn between two turns: at 10,000 functions the whole graph takes ~150-200 ms, too long as one. */
const FUNCTIONS_PER_TURN = 1000;

/**
 * `buildGraph`, yielding ANOTHER_TURN every FUNCTIONS_PER_TURN functions: the dashboard draws the graph in turns
 * (analyzeSnapshotInTurns), the CLI at once.
 */
export function* graphSteps(input: GraphInput): Generator<AnotherTurn, Graph> {
  const nodes: GraphNode[] = [];
  // Edges built once per function or per role are unique by construction; only invoker edges can repeat (one
  // principal in several statements of the same function), so only those are deduplicated, per function. Node ids
  // are long strings built here: deciding "seen before?" by hashing them cost more than the rest of the graph at
  // 10,000 functions, so the checks key on the ARNs and patterns the ids are made of.
  const edges: GraphEdge[] = [];
  const sources = new Set<string>();
  // Principal and role ids by what they are made of: each edge holds its node's own id string, not a copy built for it
  // (a principal id is flattened when looked up, so a copy kept per edge costs its full length).
  const principals = new Map<string, string>();
  const roles = new Map<string, string>();
  const resources = new ResourceNodes(nodes, input.account);

  let drawnFunctions = 0;
  for (const fn of input.functions) {
    const unqualified = nodeId.fn(fn.arn);
    nodes.push({ id: unqualified, kind: "function", label: fn.name, ref: fn.arn, region: fn.region });
    // A principal with several ways into one function node is one edge, drawn as its most open way (below).
    const invokesAt = fn.invokers.length > 1 ? new Map<string, GraphEdge>() : undefined;
    // Keyed by target node, then source id (both strings already hashed), so no edge id is flattened to be looked up.
    const pollsAt = fn.invokers.length > 1 ? new PairMap<{ edge: GraphEdge; states: string[] }>() : undefined;
    // Aliases with their own ways in (policy grants, URLs, mappings) are nodes of their own: a grant on an alias lets
    // callers invoke that alias only (lambda-permissions.md §3.5). They run with their version's execution role.
    let aliases: Set<string> | undefined;
    const urls = drawnUrls(fn);
    for (const inv of fn.invokers) {
      if (!letsIn(inv)) continue;
      // Anyone's URL-only grant is the way in the URL's own edge draws (its answer is the URL call's): a second
      // "Anyone (*)" edge would read as anyone invoking the function directly.
      if (inv.urlOnly && inv.principalType === "public" && urls?.has(inv.qualifier ?? fn.arn)) continue;
      let fid = unqualified;
      if (inv.qualifier && inv.qualifier !== fn.arn) {
        fid = nodeId.fn(inv.qualifier);
        if (!(aliases ??= new Set()).has(inv.qualifier)) {
          aliases.add(inv.qualifier);
          nodes.push({ id: fid, kind: "function", label: qualifiedFunctionName(fn.name, inv.qualifier), ref: inv.qualifier, region: fn.region, aliasOf: fn.arn });
        }
      }
      if (inv.via === "event-source-mapping") {
        const src = inv.sourceArn ?? `unknown:${inv.uuid}`;
        const sid = nodeId.source(src);
        if (!sources.has(src)) {
          sources.add(src);
          nodes.push({ id: sid, kind: "event-source", label: shortArn(src), ref: src, service: inv.sourceType });
        }
        // Mappings of one source into one function node (two topics, two filters) are one edge saying each mapping's
        // state: the first's alone would call the source not polled while another mapping polls it.
        const drawn = pollsAt?.get(fid, sid);
        if (drawn) {
          drawn.states.push(inv.state ?? "state unknown");
          drawn.edge.label = `${drawn.states.length} mappings: ${drawn.states.join(", ")}`;
          continue;
        }
        const edge: GraphEdge = { id: `polls:${sid}->${fid}`, source: sid, target: fid, kind: "polls", label: inv.state };
        pollsAt?.set(fid, sid, { edge, states: [inv.state ?? "state unknown"] });
        edges.push(edge);
        continue;
      }
      const built = nodeId.principal(inv);
      let pid = principals.get(built);
      if (pid === undefined) {
        pid = built;
        principals.set(pid, pid);
        nodes.push({
          id: pid,
          kind: "principal",
          label: principalLabel(inv),
          ref: inv.sourceArn ?? inv.principal,
          principalType: inv.principalType,
          public: inv.public === true,
          service: inv.principalType === "service" ? inv.principal.split(".")[0] : undefined,
        });
      }
      const edge: GraphEdge = {
        id: `invokes:${pid}->${fid}`,
        source: pid,
        target: fid,
        kind: "invokes",
        label: invokerEdgeLabel(inv) ?? unconditionedLabel(inv),
        conditional: inv.decision === "conditional",
      };
      const drawn = invokesAt?.get(edge.id);
      if (drawn) {
        if (moreOpen(edge, drawn)) Object.assign(drawn, { label: edge.label, conditional: edge.conditional });
        continue;
      }
      invokesAt?.set(edge.id, edge);
      edges.push(edge);
    }
    if (fn.role) addRole(fn.role, unqualified);
    for (const q of aliases ?? []) {
      for (const roleArn of input.qualifierRoles?.get(q) ?? (fn.role ? [fn.role] : [])) addRole(roleArn, nodeId.fn(q));
    }
    if (++drawnFunctions % FUNCTIONS_PER_TURN === 0) yield ANOTHER_TURN;
  }
  return { nodes, edges };

  /** The executes-as edge of one function node, and (once per role) the role's node and reach edges. */
  function addRole(roleArn: string, fid: string): void {
    const known = roles.get(roleArn);
    const rid = known ?? nodeId.role(roleArn);
    edges.push({ id: `exec:${fid}->${rid}`, source: fid, target: rid, kind: "executes-as" });
    // A shared role's node and reach edges are the same for each of its functions: built once.
    if (known !== undefined) return;
    roles.set(roleArn, rid);
    const state = input.missingRoles.has(roleArn) ? "missing" : input.unreadRoles?.get(roleArn);
    nodes.push({ id: rid, kind: "role", label: roleLabel(roleArn, state), ref: roleArn });
    // Reaches are grouped by service and resource, so each gives its role one distinct edge.
    for (const r of input.reachesByRole.get(roleArn) ?? []) {
      const resId = resources.idOf(r.service, r.resource);
      const notActions = notActionsOf(r);
      edges.push({
        id: `access:${rid}->${resId}`,
        source: rid,
        target: resId,
        kind: "can-access",
        label: levelsLabel(r.accessLevels),
        accessLevels: r.accessLevels,
        conditional: r.conditional,
        ...(notActions ? { notActions } : {}),
        ...(r.partiallyDenied ? { partiallyDenied: true as const } : {}),
      });
    }
  }
}

/** "Write, Read" for an edge: reach lists share one array per combination of levels, so each is joined once. */
const levelLabels = new Map<readonly string[], string>();

function levelsLabel(levels: readonly string[]): string {
  let label = levelLabels.get(levels);
  if (label === undefined) {
    label = levels.join(", ");
    if (levelLabels.size < 1_000) levelLabels.set(levels, label);
  }
  return label;
}
