/**
 * How a what-if answer names one role of a weighted alias: "version 4 (10 %) as canary-role: implicitly-denied".
 * Shared by the CLI's text output, the answer's reasons and the details panel; kept free of zod and the evaluator
 * so the panel can import it.
 */
import type { Decision } from "@/lib/policy/types";
import type { DecidingStatement } from "./what-if";

/** One role a principal may run as, with its own answer (the per-version breakdown of a weighted alias). */
export interface RoleAnswer {
  /** The role's ARN; empty when unknown (the function's versions could not be listed). */
  role: string;
  /** The alias's versions that run with this role. */
  versions: string[];
  /** Their share of the alias's calls, 0–1. */
  share: number;
  decision: Decision;
  statements: DecidingStatement[];
  unknownKeys: string[];
  reasons: string[];
}

/** "version 4 (10 %)", "versions 3, 5 (90 %)". */
export function routeVersions(r: Pick<RoleAnswer, "versions" | "share">): string {
  const percent = Math.round(r.share * 1000) / 10;
  return `${r.versions.length === 1 ? "version" : "versions"} ${r.versions.join(", ")} (${percent} %)`;
}

export function roleNameOf(arn: string): string {
  return arn.split("/").pop() || arn;
}

/** A role as answers name it: its name, or "an unknown role" for the empty ARN of one that could not be known. */
export function roleLabel(arn: string): string {
  return arn ? roleNameOf(arn) : "an unknown role";
}

export function routeLine(r: RoleAnswer): string {
  return `${routeVersions(r)} as ${roleLabel(r.role)}: ${r.decision}`;
}
