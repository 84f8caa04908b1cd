/**
 * Who the what-if box asks as: the function (its current role), one of its aliases or a published version, which
 * runs as the role its version was published with (a weighted alias as each of its versions' roles); or an IAM role or
 * user of the account, on its own node. Free of zod and the evaluator so the details panel can import it.
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
export function runAsChoices(fn: Pick<FunctionReport, "arn" | "name" | "role">, aliases: readonly FunctionAlias[], openedFrom?: string): RunAsChoice[] {
  const version = openedFrom?.startsWith(`${fn.arn}:`) ? openedFrom.slice(fn.arn.length + 1) : undefined;
  const versionChoice = version && /^\d+$/.test(version) ? [{ principal: openedFrom as string, label: `version ${version}` }] : [];
  if (!aliases.length && !versionChoice.length) return [];
  return [{ principal: fn.arn, label: `${fn.name}: current role ${roleNameOf(fn.role) || "unknown"}` }, ...aliases.map(aliasChoice), ...versionChoice];
}

/** One of a function's aliases (`FunctionReport.aliases`; the details panel gets them a page at a time). */
export type FunctionAlias = NonNullable<FunctionReport["aliases"]>[number];

export function aliasChoice(a: FunctionAlias): RunAsChoice {
  return { principal: a.arn, label: `alias ${a.name} → ${aliasTarget(a)}` };
}

function aliasTarget(a: FunctionAlias): string {
  if (a.routes) return a.routes.map((r) => routeVersions({ versions: [r.version], share: r.share })).join(", ");
  return a.version ? `version ${a.version}` : "version unknown";
}

/**
 * A function's resource worth asking about first: its event source, else a concrete resource it reaches, else `*`.
 * Read on the server from the whole lists: the details carry a page of each.
 */
export function suggestResource(fn: Pick<FunctionReport, "invokers" | "reaches">): string {
  const source = fn.invokers.find((i) => i.via === "event-source-mapping" && i.sourceArn)?.sourceArn;
  return source ?? fn.reaches.find((r) => !r.resource.includes("*"))?.resource ?? "*";
}

/** Whom a principal's what-if box asks as (an IAM role or user ARN of the snapshot's account) and what about first. */
export interface PrincipalAsk {
  kind: "role" | "user";
  arn: string;
  resource: string;
}

/** An IAM role or user ARN (not an STS session): `can` resolves these to the snapshot's roles and users. */
const IAM_PRINCIPAL = /^arn:[^:]+:iam::(\d{12}):(role|user)\//;

/**
 * The what-if box of an execution role's node, or of an IAM user's or role's invoker node of the snapshot's account.
 * None for service, account, public or other accounts' principals, STS sessions, or nodes without a ref: POST
 * /api/can answers only for roles and users the snapshot holds.
 *
 * Resource to ask about first: for an invoker, a function it invokes (its first neighbour drawn as one, an alias's
 * node standing for its function), as invoking is what it was drawn for. For an execution role, a resource it can
 * access that names one thing (no wildcard), else one it can access by pattern (its log group's `…:*`): a question
 * about a resource its grant names cites that grant, where `*` would be implicitly denied by every scoped statement.
 * Not a function it runs as: a role acts on what its functions touch, hardly ever on the functions themselves.
 * `*` when nothing of these is among the neighbours.
 */
export function principalAsker(
  node: Pick<GraphNode, "kind" | "principalType" | "ref">,
  neighbours: readonly Pick<GraphNode, "kind" | "ref">[],
  account: string,
): PrincipalAsk | undefined {
  const iam = node.ref ? IAM_PRINCIPAL.exec(node.ref) : null;
  if (!node.ref || !iam || iam[1] !== account) return undefined;
  const kind = iam[2] as PrincipalAsk["kind"];
  const refOf = (pick: (n: Pick<GraphNode, "kind" | "ref">) => boolean) => neighbours.find((n) => n.ref && pick(n))?.ref;
  if (node.kind === "role" && kind === "role") {
    const resource = refOf((n) => n.kind === "resource" && !/[*?]/.test(n.ref as string)) ?? refOf((n) => n.kind === "resource");
    return { kind, arn: node.ref, resource: resource ?? "*" };
  }
  if (node.kind !== "principal" || node.principalType !== kind) return undefined;
  return { kind, arn: node.ref, resource: refOf((n) => n.kind === "function") ?? "*" };
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
