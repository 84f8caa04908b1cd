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
  /**
   * The other resource patterns of its reach list answered in the same state, the first few (`alsoOnCount` of them):
   * a role that may write to forty buckets is allowed on each, and the row names more than the first it met.
   */
  alsoOn?: string[];
  alsoOnCount?: number;
  /**
   * Said when the resource was typed as a name the snapshot holds once, and the question was asked as its ARN
   * (resource-name.ts `askedAs`): "asked as arn:aws:sqs:…:orders (the only queue named orders)".
   */
  askedAs?: string;
}

/**
 * A function whose role is granted the action asked but a Deny refuses it (an SCP or RCP, its boundary, its own Deny,
 * the resource's policy): no row of the table, which answers who can do it, yet the evidence that a guardrail holds.
 * `resource`: the pattern it is granted on, or the ARN the evaluator was asked about; `deniedBy`: the Deny statements,
 * cited as the reach lists and the evaluator cite them ("policy#Sid", "SCP policy#Sid (attached to …)").
 */
export interface DeniedAnswer {
  name: string;
  resource: string;
  deniedBy: string[];
}

/** How many denied functions the answer names before "and N more": 10,000 could be. */
export const DENIED_SHOWN = 50;

/** How many of the actions a row names before "and N more". */
export const ACTIONS_SHOWN = 3;

/** How many of a row's other resources it names before "and N more". */
export const RESOURCES_SHOWN = 3;

/** The question as the URL holds it: `reach` an action or action pattern, `on` an ARN, ARN pattern or name. */
export interface ReachQuestion {
  action: string;
  resource?: string;
}

/** A Can do question's action note (reach-filter.ts `reachActionNote`) as the overview and the graph say it. */
export function checkActionText(note: string): string {
  return `Check the action: ${note}`;
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

export const REACH_STATES: readonly ReachState[] = ["allowed", "conditional", "unknown"];

/** Functions answered, by state; `denied`, those granted it that a Deny refuses (DeniedAnswer), when any. */
export type ReachCounts = Record<ReachState, number> & { denied?: number };

/**
 * The functions `arns` by answer: each answered one by its state, else one a Deny refuses it to (`denied`, reach-filter.ts)
 * as denied. The overview's counts and a focused graph's both come from here, so they say the same things alike.
 */
export function reachCountsOf(
  arns: Iterable<string>,
  answers: ReadonlyMap<string, Pick<ReachAnswer, "state">>,
  denied?: Pick<ReadonlySet<string>, "has">,
): ReachCounts {
  const counts: ReachCounts = { allowed: 0, conditional: 0, unknown: 0 };
  let refused = 0;
  for (const arn of arns) {
    const a = answers.get(arn);
    if (a) counts[a.state]++;
    else if (denied?.has(arn)) refused++;
  }
  return refused ? { ...counts, denied: refused } : counts;
}

/**
 * The counts in words, every state named even at 0 ("3 allowed, 0 conditional, 1 unknown"): a reader who hears only
 * "3 allowed" cannot tell whether unknowns were left unsaid.
 */
export function reachCountsText(counts: ReachCounts): string {
  const said = REACH_STATES.map((s) => `${counts[s].toLocaleString("en-US")} ${REACH_STATE_LABEL[s].toLowerCase()}`).join(", ");
  // Only when some are: "0 denied" on every answer would be noise, and a Deny taking nothing is the usual case.
  return counts.denied ? `${said}, ${counts.denied.toLocaleString("en-US")} denied` : said;
}

/**
 * A focused view's answer, over the `shown` functions it draws: those not answered cannot do it (an unread role is
 * answered "unknown"), said so, as a focus keeps them drawn. The denied are not among "cannot": every function is
 * counted once, so the parts add up to `shown`.
 */
export function reachInFocusText(counts: ReachCounts, shown: number): string {
  return `Of ${inFocusText(shown)}: ${focusCountsText(counts, shown)}`;
}

const inFocusText = (shown: number) => (shown === 1 ? "the function in focus" : `the ${shown.toLocaleString("en-US")} functions in focus`);

function focusCountsText(counts: ReachCounts, shown: number): string {
  const cannot = shown - REACH_STATES.reduce((n, s) => n + counts[s], 0) - (counts.denied ?? 0);
  return `${reachCountsText(counts)}, ${cannot.toLocaleString("en-US")} cannot`;
}

/**
 * The question and its answer in one line, for the PNG report's header: "Can do s3:GetObject on b: 3 allowed, 1
 * conditional, 0 unknown, 2 denied, 6 cannot (of the 12 functions in focus)". `shown`: the functions in focus, when
 * focused; unfocused, the counts are of the functions the filters match and need no "of".
 */
export function reachAnswerLine(asked: string, counts: ReachCounts, shown?: number, askedAs?: string): string {
  const answer = shown === undefined ? reachCountsText(counts) : `${focusCountsText(counts, shown)} (of ${inFocusText(shown)})`;
  return `Can do ${asked}: ${answer}${askedAsText(askedAs)}`;
}

/** The overview's live line of counts, read out once per question: "Answers to the Can do question: 3 allowed, …". */
export function reachCountsLine(counts: ReachCounts, askedAs?: string): string {
  return `Answers to the Can do question: ${reachCountsText(counts)}${askedAsText(askedAs)}`;
}

/**
 * A name asked as its ARN (ReachAnswer.askedAs), said after the counts ("…; asked as arn:… (the only queue named
 * orders)"): a long ARN cut at the PNG header's edge then cuts only itself, never the answer.
 */
const askedAsText = (askedAs: string | undefined) => (askedAs ? `; ${askedAs}` : "");

export const REACH_STATE_LABEL: Record<ReachState, string> = {
  allowed: "Allowed",
  conditional: "Conditional",
  unknown: "Unknown",
};
