/**
 * The state AWS reports of a function (GetFunctionConfiguration, which the scan reads per function because
 * ListFunctions omits it): `State` and `LastUpdateStatus` with their reason codes and messages, as Lambda wrote them.
 * A snapshot without the answer (older scans, other tools) says nothing of the state: neither failed nor fine.
 */
import type { FunctionStateAnswer } from "@/lib/snapshot/schema";

export const STATE_FIELDS = ["State", "StateReasonCode", "StateReason", "LastUpdateStatus", "LastUpdateStatusReasonCode", "LastUpdateStatusReason"] as const;

export type ReportedState = Partial<Record<(typeof STATE_FIELDS)[number], string>>;

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
