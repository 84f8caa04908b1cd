/**
 * The state AWS reports of a function (GetFunctionConfiguration, which the scan reads per function because
 * ListFunctions omits it): `State` and `LastUpdateStatus` with their reason codes and messages, as Lambda wrote them.
 * A snapshot without the answer (older scans, other tools) says nothing of the state: neither failed nor fine.
 */
import type { FunctionStateAnswer } from "@/lib/snapshot/schema";

export const STATE_FIELDS = ["State", "StateReasonCode", "StateReason", "LastUpdateStatus", "LastUpdateStatusReasonCode", "LastUpdateStatusReason"] as const;

export type ReportedState = Partial<Record<(typeof STATE_FIELDS)[number], string>>;

/**
 * The state in a few words for the details panel: "Active", "Failed (InsufficientRolePermissions)", "Active, last
 * update Failed (KMSKeyAccessDenied)". AWS's message is left to the finding, which quotes it whole.
 */
export function stateText(s: ReportedState): string | undefined {
  if (!s.State) return s.LastUpdateStatus ? `last update ${s.LastUpdateStatus}` : undefined;
  const state = s.StateReasonCode && s.State !== "Active" ? `${s.State} (${s.StateReasonCode})` : s.State;
  const update = s.LastUpdateStatus === "Failed" && s.State !== "Failed" ? `, last update Failed${s.LastUpdateStatusReasonCode ? ` (${s.LastUpdateStatusReasonCode})` : ""}` : "";
  return state + update;
}

/**
 * The answer's state fields; `malformed` names those that are neither text nor absent, which make the function's
 * state unknown (the schema keeps them `unknown` so that one odd answer does not make the snapshot unreadable).
 */
export function reportedState(answer: FunctionStateAnswer): { state: ReportedState } | { malformed: string[] } {
  const state: ReportedState = {};
  const malformed: string[] = [];
  for (const field of STATE_FIELDS) {
    const value = answer[field];
    if (typeof value === "string") state[field] = value;
    else if (value !== undefined && value !== null) malformed.push(field);
  }
  return malformed.length ? { malformed } : { state };
}
