/**
 * Who the what-if box asks as: the function (its current role), one of its aliases or a published version, which
 * runs as the role its version was published with (a weighted alias as each of its versions' roles). Free of zod and the evaluator so
 * the details panel can import it.
 */
import type { Answer } from "@/lib/analysis/what-if";
import type { FunctionReport, GraphNode } from "@/lib/analysis/types";
import { roleLabel, roleNameOf, routeVersions } from "@/lib/analysis/route-line";

export interface RunAsChoice {
  /** The principal sent to POST /api/can: the function's unqualified ARN or an alias ARN. */
  principal: string;
  label: string;
}

/**
 * The function's current role first, then each alias with the version(s) it routes to, then the published version
 * the box was opened from (a version node in the graph: one whose own policy lets someone invoke it). Empty when
 * there is nothing to choose.
 */
export function runAsChoices(fn: FunctionReport, openedFrom?: string): RunAsChoice[] {
  const version = openedFrom?.startsWith(`${fn.arn}:`) ? openedFrom.slice(fn.arn.length + 1) : undefined;
  const versionChoice = version && /^\d+$/.test(version) ? [{ principal: openedFrom as string, label: `version ${version}` }] : [];
  if (!fn.aliases?.length && !versionChoice.length) return [];
  return [
    { principal: fn.arn, label: `${fn.name}: current role ${roleNameOf(fn.role) || "(none)"}` },
    ...(fn.aliases ?? []).map((a) => ({ principal: a.arn, label: `alias ${a.name} → ${aliasTarget(a)}` })),
    ...versionChoice,
  ];
}

function aliasTarget(a: NonNullable<FunctionReport["aliases"]>[number]): string {
  if (a.routes) return a.routes.map((r) => routeVersions({ versions: [r.version], share: r.share })).join(", ");
  return a.version ? `version ${a.version}` : "version unknown";
}

/**
 * The what-if box of an IAM user's node: the user's ARN, and a function it invokes (its first neighbour drawn as one,
 * an alias's node standing for its function) to ask about first; `*` when none is drawn. Other nodes have none.
 */
export function userAsker(node: Pick<GraphNode, "kind" | "principalType" | "ref">, neighbours: readonly Pick<GraphNode, "kind" | "ref">[]): { arn: string; resource: string } | undefined {
  if (node.kind !== "principal" || node.principalType !== "user" || !node.ref) return undefined;
  return { arn: node.ref, resource: neighbours.find((n) => n.kind === "function" && n.ref)?.ref ?? "*" };
}

/**
 * Whom an answer is about, e.g. "alias live of orders, as role canary-role", "IAM user ci-deploy". A principal that
 * ran as several roles names none here: the answer's per-version lines do.
 */
export function answeredAs(answer: Pick<Answer, "principal" | "perRole">): string {
  if (answer.principal.user !== undefined) return `IAM user ${roleNameOf(answer.principal.user)}`;
  const { function: fnArn, role } = answer.principal;
  const as = answer.perRole ? "as the role of each version it routes to" : role ? `as role ${roleNameOf(role)}` : `as ${roleLabel(role)}`;
  if (!fnArn) return `role ${roleNameOf(role)}`;
  const [name = fnArn, qualifier] = fnArn.split(":").slice(6);
  if (!qualifier || qualifier === "$LATEST") return `${name}, ${as}`;
  return `${/^\d+$/.test(qualifier) ? "version" : "alias"} ${qualifier} of ${name}, ${as}`;
}
