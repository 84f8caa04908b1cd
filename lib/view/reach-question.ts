/**
 * The overview's "Can reach" question (`reach`, `on` in the URL) and its answers' words, apart from the evaluation
 * (reach-filter.ts, server only) so the table's form can check what is typed without the action catalog.
 */
import type { Reach } from "@/lib/analysis/types";
import { ACTION_SHAPE } from "@/lib/analysis/action-shape";

export type ReachState = "allowed" | "conditional" | "unknown";

/**
 * One function's answer. `reach`: the entry of its reach list that decides it (allowed before conditional), its
 * actions cut to the first few of those the question names (`actionCount` of them: `s3:*` names hundreds, and 200
 * rows of them would be the page), so the row shows its statements and limits as the details panel does. `why`: for
 * "unknown", the data that could not be read. `exact`: the request the evaluator was asked where a Deny covers the
 * reach only in part, or the resource asked has a policy of its own the evaluator weighs (reach-exact.ts), and for
 * "conditional" what it depends on; `resourcePolicy`, the statements of that policy that let the role in.
 */
export interface ReachAnswer {
  state: ReachState;
  reach?: Reach;
  actionCount?: number;
  why?: string;
  exact?: { action: string; resource: string; why?: string; resourcePolicy?: string[] };
  /**
   * Said when the answer is the role's side alone and the resource may have a policy of its own that the snapshot
   * does not hold (IDENTITY_SIDE_ONLY, lib/analysis/resource-side.ts): a Deny there would still refuse it.
   */
  resourceSide?: string;
}

/** How many of the actions a row names before "and N more". */
export const ACTIONS_SHOWN = 3;

/** The question as the URL holds it: `reach` an action or action pattern, `on` an ARN, ARN pattern or name. */
export interface ReachQuestion {
  action: string;
  resource?: string;
}

/** Why a `reach` value is no question, or undefined when it is one: the shape `can` asks for, patterns allowed. */
export function reachActionProblem(action: string): string | undefined {
  return ACTION_SHAPE.test(action.trim()) ? undefined : "not service:Action, such as s3:PutObject or s3:*";
}

/** The question in words, for the empty table and the rows' heading: "s3:PutObject on orders-prod". */
export function reachQuestionText(q: ReachQuestion): string {
  const on = q.resource?.trim();
  return on ? `${q.action.trim()} on ${on}` : `${q.action.trim()} on any resource`;
}

/**
 * The question a page's `reach` and `on` ask, in words ("s3:PutObject on orders-prod"), or undefined when they ask
 * none that can be read (unread-link-values.ts names that value instead): the graph's chip, the empty views' text and
 * the PNG header name it alike.
 */
export function askedReachText(reach: string | undefined, on: string | undefined): string | undefined {
  return reach?.trim() && !reachActionProblem(reach) ? reachQuestionText({ action: reach, resource: on }) : undefined;
}

export const REACH_STATE_LABEL: Record<ReachState, string> = {
  allowed: "Allowed",
  conditional: "Conditional",
  unknown: "Unknown",
};
