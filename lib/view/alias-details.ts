/**
 * What an alias's (or published version's) node shows where its function's report would mislead: the roles its
 * version runs as (the one it was published with, not the function's current role), what those roles reach, and the
 * ways in on it alone: a grant on another alias, or on the function, does not let its callers invoke this one
 * (lambda-permissions.md §3.5). Findings, the what-if box and accepted findings stay the function's (they concern
 * the function and all its aliases). Free of the evaluator so the details panel can import it.
 */
import type { FunctionReport, IneffectiveGrant, Invoker, Reach } from "@/lib/analysis/types";
import { roleNameOf } from "@/lib/analysis/route-line";
import type { GraphNodeView } from "./graph-model";
import type { GraphIndex } from "./visible-graph";
import { notScanned, reachGaps } from "./function-gaps";
import { callersCount, qualifierLabel } from "./identity-details";
import { reportsByRole } from "./functions-by-role";

/** One role an alias runs as. */
export interface AliasRole {
  arn: string;
  /** Its node's label: the role's name, with "(missing)", "(unread)" or "(partly unread)" when its data is not all known. */
  label: string;
  /**
   * Its reach list where the report holds one (reach lists are per role: a function that runs as the role now has
   * it), with the unknown entries that bear on it. Absent when no function runs as it now: its reach is on its node.
   */
  reach?: { reaches: Reach[]; gaps: string[]; ineffectiveGrants?: IneffectiveGrant[] };
}

export interface AliasDetails {
  /** The qualified ARN. */
  arn: string;
  /** "alias next", "version 28". */
  label: string;
  /** The roles its version(s) run as (its executes-as edges, a weighted alias's two); empty when unknown. */
  roles: AliasRole[];
  /**
   * Why the role of a version it routes to is unknown (its Role set aside, its version list lacking it or unread), or
   * its own (the alias missing from its list): the node's roleGap.
   */
  roleUnknown?: string;
  /** The function's ways in on this alias. */
  invokers: Invoker[];
  /**
   * Callers whose own policies let them invoke the function itself (or `$LATEST`): the report lists each once, on the
   * function, without answering for its aliases, so whether they may invoke this one is not known here.
   */
  unanswered: string[];
}

/** The details of alias node `node` of function `fn`. */
export function aliasDetails(idx: GraphIndex, node: GraphNodeView, fn: FunctionReport): AliasDetails {
  const arn = node.ref ?? node.id.replace(/^fn:/, "");
  const latest = `${fn.arn}:$LATEST`;
  const roles = [...(idx.rolesOf.get(node.id) ?? [])].flatMap((id) => {
    const role = idx.byId.get(id);
    return role?.ref ? [aliasRole(idx, fn, role.ref, role.label)] : [];
  });
  const identity = fn.invokers.filter((i) => i.via === "identity-policy");
  return {
    arn,
    label: qualifierLabel(fn.arn, arn),
    roles,
    ...(node.roleGap?.why ? { roleUnknown: node.roleGap.why } : {}),
    invokers: fn.invokers.filter((i) => i.qualifier === arn),
    // A role open on the function is not asked about its aliases, one open on $LATEST not about the others.
    unanswered: [...new Set(identity.filter((i) => !i.qualifier || (i.qualifier === latest && arn !== latest)).map((i) => i.principal))],
  };
}

function aliasRole(idx: GraphIndex, fn: FunctionReport, arn: string, label: string): AliasRole {
  // The function's own report first: its unknown entries are the ones about the alias's function.
  const holder = fn.role === arn ? fn : reportsByRole(idx.model).get(arn)?.[0];
  if (!holder) return { arn, label };
  const reach: NonNullable<AliasRole["reach"]> = { reaches: holder.reaches, gaps: reachGaps(holder.unknown) };
  if (holder.ineffectiveGrants?.length) reach.ineffectiveGrants = holder.ineffectiveGrants;
  return { arn, label, reach };
}

/**
 * Said under an alias's roles: that they are not the function's current role ("orders itself runs as
 * orders-stable-role now: alias next runs as the role its version was published with"), or that they are unknown,
 * all or (a weighted alias) in part, with why when the report says it (FunctionReport.rolesUnknown).
 */
export function aliasRoleNote(alias: Pick<AliasDetails, "label" | "roles" | "roleUnknown">, fn: Pick<FunctionReport, "name" | "role" | "unknown">): string | undefined {
  if (alias.roles.length === 0) {
    return `unknown: ${alias.roleUnknown ?? `the role its version runs as is not in the snapshot${fn.unknown.some((u) => !notScanned(u)) ? " (see Unreadable)" : ""}`}`;
  }
  const rest = alias.roleUnknown ? `Part of its calls run as a role that is unknown: ${alias.roleUnknown}.` : undefined;
  if (alias.roles.every((r) => r.arn === fn.role)) return rest;
  const many = alias.roles.length > 1;
  const current = fn.role ? `runs as ${roleNameOf(fn.role)} now` : "runs as no role now";
  const note = `${fn.name} itself ${current}: ${alias.label} runs as the role${many ? "s its versions were" : " its version was"} published with`;
  return rest ? `${note}. ${rest}` : note;
}

/** Said in place of the reach list of a role no function runs as now: never another role's list. */
export function reachOnRoleNode(role: Pick<AliasRole, "label">): string {
  return `Listed on the node of role ${role.label} (under Connected): no function runs as it now, so its reach is drawn there only.`;
}

/** "1 role whose own policies let it invoke orders itself may invoke alias next too: …", or nothing. */
export function unansweredText(alias: Pick<AliasDetails, "label" | "unanswered">, fnName: string): string | undefined {
  const n = alias.unanswered.length;
  if (n === 0) return undefined;
  const them = n === 1 ? "it" : "them";
  return `${callersCount(alias.unanswered)} whose own policies let ${them} invoke ${fnName} itself may invoke ${alias.label} too: the report answers ${them} for the function only (see its details).`;
}
