/**
 * The evidence behind a node that is not a function, read from the reports of the functions it connects to: an
 * invoker's or event source's ways into each function (the statement Sid, the mapping UUID), a role's reach, and the
 * roles reaching a resource with their actions. Its node alone names only what it stands for; a function's details
 * name these, and a reader who clicked the invoker or the queue came for the same facts. A group node's are its
 * members', member after member: its member list alone said which queues, not which role reaches each.
 */
import type { FunctionReport, Invoker, Reach } from "@/lib/analysis/types";
import { nodeId } from "@/lib/graph/build";
import type { GraphNodeView } from "./graph-model";
import { groupMembers, type GraphIndex } from "./visible-graph";

/**
 * A caller's way into one function (or alias): `fn` names where it leads; `from`, in a group's, the member it is
 * (its principal or source is otherwise named nowhere in the line).
 */
export interface CallerWay {
  fn: string;
  fnArn: string;
  invoker: Invoker;
  from?: string;
}

/** A role's reach of a resource node's pattern. */
export interface RoleReach {
  role: string;
  reach: Reach;
}

/** The node id an invoker entry is drawn from (lib/graph/build.ts draws mappings from their source, the rest from their principal). */
function callerNodeId(inv: Invoker): string {
  return inv.via === "event-source-mapping" ? nodeId.source(inv.sourceArn ?? `unknown:${inv.uuid}`) : nodeId.principal(inv);
}

/** The distinct reports of node ids (an alias's node shares its function's report). */
function reportsOf(idx: GraphIndex, ids: Iterable<string> | undefined): FunctionReport[] {
  return [...new Set([...(ids ?? [])].map((id) => idx.model.functions[id]).filter((r): r is FunctionReport => !!r))];
}

/** The nodes of the model `node` stands for: a group node's members, else itself. */
function membersOf(idx: GraphIndex, node: GraphNodeView): GraphNodeView[] {
  if (!node.groupOf) return [node];
  return groupMembers(node)
    .map((id) => idx.byId.get(id))
    .filter((n): n is GraphNodeView => !!n);
}

/** Every way in the invoker or event source `node` (or each member of its group) stands for, function by function. */
export function callerWays(idx: GraphIndex, node: GraphNodeView): CallerWay[] {
  const out: CallerWay[] = [];
  for (const member of membersOf(idx, node)) {
    const from = node.groupOf ? { from: member.label } : {};
    for (const report of reportsOf(idx, idx.functionsInvokedBy.get(member.id))) {
      for (const invoker of report.invokers) if (callerNodeId(invoker) === member.id) out.push({ fn: report.name, fnArn: report.arn, invoker, ...from });
    }
  }
  return out;
}

/**
 * What the role `node` stands for reaches, from a function that runs as it now; undefined when none does (a role only
 * an alias's version runs as, whose reach its alias's details hold).
 */
export function roleReaches(idx: GraphIndex, node: GraphNodeView): Reach[] | undefined {
  return reportsOf(idx, idx.functionsOfRole.get(node.id)).find((r) => r.role === node.ref)?.reaches;
}

/**
 * The roles that reach the resource pattern `node` (or each member of its group, member after member) stands for, each
 * with its reach of it, which names the pattern. Each role's reach is read once, however many members it reaches: a
 * group of a thousand tables that a thousand roles reach each was a million reads of their reach lists otherwise.
 */
export function resourceReaches(idx: GraphIndex, node: GraphNodeView): RoleReach[] {
  const members = membersOf(idx, node);
  const ids = new Set(members.map((m) => m.id));
  /** Each role's reaches of the members, by member. */
  const reachesOf = new Map<string, Map<string, RoleReach[]>>();
  const read = (role: GraphNodeView) => {
    const byMember = new Map<string, RoleReach[]>();
    for (const reach of roleReaches(idx, role) ?? []) {
      const id = nodeId.resource(reach.service, reach.resource);
      if (!ids.has(id)) continue;
      let list = byMember.get(id);
      if (!list) byMember.set(id, (list = []));
      list.push({ role: role.label, reach });
    }
    reachesOf.set(role.id, byMember);
    return byMember;
  };
  const out: RoleReach[] = [];
  for (const member of members) {
    for (const roleId of idx.reachedBy.get(member.id) ?? []) {
      const role = idx.byId.get(roleId);
      if (role) out.push(...((reachesOf.get(roleId) ?? read(role)).get(member.id) ?? []));
    }
  }
  return out;
}
