/**
 * The evidence behind a node that is not a function, read from the reports of the functions it connects to: an
 * invoker's or event source's ways into each function (the statement Sid, the mapping UUID), a role's reach, and the
 * roles reaching a resource with their actions. Its node alone names only what it stands for; a function's details
 * name these, and a reader who clicked the invoker or the queue came for the same facts.
 */
import type { FunctionReport, Invoker, Reach } from "@/lib/analysis/types";
import { nodeId } from "@/lib/graph/build";
import type { GraphNodeView } from "./graph-model";
import type { GraphIndex } from "./visible-graph";

/** A caller's way into one function (or alias): `fn` names where it leads. */
export interface CallerWay {
  fn: string;
  fnArn: string;
  invoker: Invoker;
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

/** Every way in the invoker or event source `node` stands for, function by function. */
export function callerWays(idx: GraphIndex, node: GraphNodeView): CallerWay[] {
  const out: CallerWay[] = [];
  for (const report of reportsOf(idx, idx.functionsInvokedBy.get(node.id))) {
    for (const invoker of report.invokers) if (callerNodeId(invoker) === node.id) out.push({ fn: report.name, fnArn: report.arn, invoker });
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

/** The roles that reach the resource pattern `node` stands for, each with its reach of it. */
export function resourceReaches(idx: GraphIndex, node: GraphNodeView): RoleReach[] {
  const out: RoleReach[] = [];
  for (const roleId of idx.reachedBy.get(node.id) ?? []) {
    const role = idx.byId.get(roleId);
    if (!role) continue;
    for (const reach of roleReaches(idx, role) ?? []) if (nodeId.resource(reach.service, reach.resource) === node.id) out.push({ role: role.label, reach });
  }
  return out;
}
