/**
 * What a function's `unknown` list means for the lists shown next to it: an empty invoker or reach list is "none"
 * only when the data behind it was read. Entries start with the operation whose data is missing.
 */
import type { FunctionReport, Invoker } from "@/lib/analysis/types";
import { letsIn } from "@/lib/analysis/invoker-effect";
import { MALFORMED_RESPONSE, ROLE_NAMED_NONE, ROLE_READ_OPERATIONS, ROLE_SET_ASIDE, ROLES_LEFT_OUT, unavailableEntry, versionRoleSetAside } from "@/lib/analysis/snapshot-gaps";
import type { RoleState } from "@/lib/graph/build";

// A function's own role whose read failed (GetRole…) is unknown: what it reaches, and, as a role the list lacks, whom
// it may invoke. The report then names that read instead of the IAM data (snapshot-gaps.ts unnamedGaps).
const INVOKER_DATA = ["GetPolicy", "GetResourcePolicy", "ListEventSourceMappings", "GetFunctionUrlConfig", "ListFunctionUrlConfigs", "ListAliases", "ListVersionsByFunction", "CloudFront", ...ROLE_READ_OPERATIONS];
const REACH_DATA = ["GetAccountAuthorizationDetails", "ListFunctions", ...ROLE_READ_OPERATIONS];

function gaps(unknown: readonly string[], operations: readonly string[]): string[] {
  return unknown.filter((u) => operations.some((op) => u.startsWith(`${op}:`)));
}

/** A trust policy decides who may assume the role, not what the role may do. */
const TRUST = "could not read trust policy";

/** What the invoker and reach gaps are read from: a function's report (`rolesUnknown` tells entries apart). */
export type GapSource = Pick<FunctionReport, "unknown"> & Partial<Pick<FunctionReport, "arn" | "rolesUnknown">>;

/**
 * The unknown entries that could add invokers (resource policies, mappings, URLs, aliases), and the account's IAM
 * roles when they could not be listed: any of them may invoke through its own policies. One of the function's own
 * role's documents being unreadable says nothing about who invokes it.
 */
export function invokerGaps(fn: GapSource): string[] {
  const roleOnly = versionRoleEntries(fn);
  return fn.unknown.filter(
    (u) => !roleOnly?.has(u) && (INVOKER_DATA.some((op) => u.startsWith(`${op}:`)) || (u.startsWith(`${IAM}:`) && !u.startsWith(`${IAM}: could not read`))),
  );
}

/**
 * The entries of published versions whose Role alone was set aside (`rolesUnknown` with `setAside`): what that means,
 * and the record of the field ("ListVersionsByFunction: MalformedResponse (<version ARN>)"), each rebuilt as
 * analyze.ts writes it. Such a version stays listed and its policy read, so they say nothing of who may invoke the
 * function. Undefined when there are none.
 */
function versionRoleEntries(fn: GapSource): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (const { qualifier, why, setAside } of fn.rolesUnknown ?? []) {
    if (!setAside || fn.arn === undefined) continue;
    (out ??= new Set()).add(versionRoleSetAside(qualifier, why));
    out.add(unavailableEntry({ operation: "ListVersionsByFunction", code: MALFORMED_RESPONSE, target: `${fn.arn}:${qualifier}` }, fn.arn));
  }
  return out;
}

const IAM = "GetAccountAuthorizationDetails";

/**
 * The unknown entries that could change what the execution role reaches (IAM data, the role itself). Roles left out
 * of a truncated role list may invoke the function; its own role was read.
 */
export function reachGaps(unknown: readonly string[]): string[] {
  return gaps(unknown, REACH_DATA).filter((u) => !u.includes(TRUST) && u !== ROLES_LEFT_OUT);
}

/**
 * Data no scan reads (CloudFront's Lambda@Edge associations), as against data a call failed to read: nothing failed,
 * and no scan permission would bring it, so it is not said to be unreadable.
 */
export function notScanned(entry: string): boolean {
  return entry.startsWith("CloudFront:");
}

/**
 * What an empty reach list says when the data behind it was read. Its logs are in the list like any other grant (it
 * once said "nothing beyond logs", which a role without a logs grant, or one that does not exist, made untrue).
 */
export function emptyReachText(roleState: RoleState | undefined): string {
  return roleState === "missing" ? "nothing: its role does not exist, so it cannot run" : NOTHING;
}

export const NOTHING = "nothing";

/** "none found" / "nothing" when the data was read; otherwise says the list is unknown or incomplete. */
export function listSummary(count: number, gapsFound: readonly string[], none: string): string | undefined {
  if (gapsFound.length === 0) return count === 0 ? none : undefined;
  const why = gapsFound.every(notScanned) ? "is not in the snapshot" : "could not be read";
  return count === 0 ? `unknown: the data behind this list ${why} (see Unreadable)` : `may be incomplete: some data ${why} (see Unreadable)`;
}

/**
 * What is known of a function's invokers when some of their data could not be read: none found means "unknown",
 * some found means there may be more. `why`: the unread data, for tooltips and screen readers.
 */
export interface InvokerGap {
  state: "unknown" | "incomplete";
  why: string;
}

export function invokerGapOf(fn: GapSource & { invokers: readonly Invoker[] }): InvokerGap | undefined {
  const found = invokerGaps(fn);
  if (found.length === 0) return undefined;
  // "Found" as the table counts and the graph draws: a grant its own policy refuses lets no one in.
  const unread = found.filter((u) => !notScanned(u));
  const why = [...(unread.length ? [`could not be read: ${unread.join("; ")}`] : []), ...found.filter(notScanned)].join("; ");
  return { state: fn.invokers.some(letsIn) ? "incomplete" : "unknown", why };
}

/** The gap in a few words, for the table cell and the graph node: "invokers unknown", "invokers may be incomplete". */
export function invokerGapText(gap: InvokerGap): string {
  return gap.state === "unknown" ? "invokers unknown" : "invokers may be incomplete";
}

/**
 * Why the role of a function whose report names no role ARN is unknown (every Lambda function has one), from its
 * `unknown` list: the Role set aside as no ARN IAM gives, or a configuration naming none. Undefined when it says neither.
 */
export function unnamedRoleWhy(unknown: readonly string[]): string | undefined {
  const setAside = unknown.find((u) => u.startsWith(ROLE_SET_ASIDE));
  if (setAside) return setAside.slice(ROLE_SET_ASIDE.length);
  return unknown.includes(ROLE_NAMED_NONE) ? "the function's configuration names none" : undefined;
}

/** The Role fact of such a function: "unknown: <why>", never "none". */
export function unnamedRoleText(unknown: readonly string[]): string {
  const why = unnamedRoleWhy(unknown);
  return why ? `unknown: ${why}` : "unknown";
}

/**
 * Why an alias or published version node (`qualifiedArn`) runs, for all or part of its calls, as a role no one knows,
 * from its function's `rolesUnknown`: a version it routes to whose Role was set aside, or that its list lacks or could
 * not be read ("version 28: <why>"), or the alias itself missing from its list ("alias next: <why>"). Undefined when
 * there is none. Such a route has no role node, so without it the node would read as reaching nothing.
 */
export function qualifierRoleGap(fn: Pick<FunctionReport, "arn" | "aliases" | "rolesUnknown">, qualifiedArn: string): { why: string } | undefined {
  // Asked of every alias node, and most functions have no gap at all: no search of their aliases then.
  const gaps = fn.rolesUnknown;
  if (!gaps?.length) return undefined;
  const whys = qualifierRoutes(fn, qualifiedArn).flatMap((qualifier) => {
    const gap = gaps.find((g) => g.qualifier === qualifier);
    return gap ? [`${/^\d+$/.test(qualifier) ? "version" : "alias"} ${qualifier}: ${gap.why}`] : [];
  });
  return whys.length ? { why: whys.join("; ") } : undefined;
}

/**
 * The published versions an alias routes to (a weighted one's each), the version a version's ARN names, or the name
 * of an alias its function's list lacks (which version it routes to is unknown).
 */
function qualifierRoutes(fn: Pick<FunctionReport, "arn" | "aliases">, qualifiedArn: string): string[] {
  const qualifier = qualifiedArn.startsWith(`${fn.arn}:`) ? qualifiedArn.slice(fn.arn.length + 1) : "";
  if (!qualifier || /^\d+$/.test(qualifier)) return qualifier ? [qualifier] : [];
  const alias = fn.aliases?.find((a) => a.arn === qualifiedArn);
  if (!alias) return [qualifier];
  return alias.routes?.map((r) => r.version) ?? (alias.version ? [alias.version] : []);
}

/** A function node's role gap (GraphNodeView.roleGap) in a few words, for the node and its accessible name. */
export function roleGapText(gap: { why?: string }, withWhy: boolean): string {
  return gap.why && withWhy ? `role unknown (${gap.why})` : "role unknown";
}

/**
 * A function node's gaps in words, each with its reason: its accessible name says them after its name, and the one
 * badge a node with both shows (function-node.tsx) lists them on hover.
 */
export function functionGapTexts(view: { invokerGap?: InvokerGap; roleGap?: { why?: string } }): string[] {
  return [
    ...(view.invokerGap ? [`${invokerGapText(view.invokerGap)} (${view.invokerGap.why})`] : []),
    ...(view.roleGap ? [roleGapText(view.roleGap, true)] : []),
  ];
}
