/** Which AWS service a graph node belongs to, for the service filter and icons. */
import type { GraphNode } from "@/lib/analysis/types";
import { compileGlob } from "@/lib/policy/wildcard";
import { serviceStem } from "@/lib/policy/principal";

export function serviceOfRef(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const arn = /^arn:[^:]+:([^:]+):/.exec(ref);
  if (arn?.[1]) return arn[1];
  const stem = serviceStem(ref);
  // A regional spelling's stem (`logs.us-east-1`) is no service's name: the filter lists a principal node by its own
  // `service` instead.
  return stem && !stem.includes(".") ? stem.toLowerCase() : undefined;
}

export function serviceOfNode(node: Pick<GraphNode, "kind" | "service" | "ref" | "label">): string | undefined {
  if (node.kind === "function") return "lambda";
  if (node.kind === "role") return "iam";
  if (node.service && node.service !== "*") return node.service;
  return serviceOfRef(node.ref) ?? serviceOfRef(node.label);
}

/**
 * Whether NotAction pattern `pattern` leaves out every action of `service`: it ends in `*`, and what comes before
 * matches the start of "service:" (`*`, `secretsmanager:*`, `secrets*`, `*Secret*`). Any pattern that does not is
 * taken to leave some action in: several patterns that together list a whole service still count the service as
 * reached, an error on the side of "may reach".
 */
function leavesOut(pattern: string, service: string): boolean {
  if (!pattern.endsWith("*")) return false;
  const head = compileGlob(pattern.slice(0, -1), true); // actions are case-insensitive
  const name = `${service}:`;
  for (let i = 0; i <= name.length; i++) if (head.test(name.slice(0, i))) return true;
  return false;
}

/**
 * Whether a reach of every action (Action `*`, or NotAction `notActions`) still allows some action of `service`:
 * a role that may do anything reaches Secrets Manager, unless its NotAction leaves out all of Secrets Manager. Globs
 * only, no action catalog (it reads files): the graph's filter asks this, its module is bundled for the browser too,
 * and a link may name any service.
 */
export function reachCoversService(service: string, notActions: readonly string[] = []): boolean {
  return !notActions.some((p) => leavesOut(p, service));
}
