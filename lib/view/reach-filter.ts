/**
 * "Which functions can do ACTION (on RESOURCE)?", the overview's `reach` filter, answered from the reach lists the
 * analysis already evaluated (lib/analysis/reaches.ts: each role's policies, boundary, Denies, SCPs and resource
 * policies taken together), not from the policy text: a Deny the analysis applied has already taken an action out,
 * and a NotAction or a boundary has already narrowed it. A function whose reach data could not be read is "unknown",
 * never left out as a "no". Where a Deny covers a reach entry only in part, a concrete question is asked of the
 * evaluator for the function (reach-exact.ts), so the row says what the Deny does to the action asked; so is every
 * row of a question on one ARN whose own policy the evaluator weighs (a KMS key's, a queue's, a function's, another
 * account's resource) or on a name the snapshot holds once of such a service (resource-name.ts), and a row on one whose policy the scan never reads (an S3 bucket's, by ARN or by name) says it
 * is the identity side only. A function granted the action that a Deny refuses (the analysis's `deniedGrants`, or the evaluator's
 * "explicitly denied" for a row it was asked about anyway) is no answer, but is listed apart with that Deny.
 */
import type { AnalysisReport, FunctionReport, Reach } from "@/lib/analysis/types";
import type { DecidingStatement } from "@/lib/analysis/what-if";
import { resourceStatementRef } from "@/lib/analysis/statement-ref";
import { expandActionPattern, lookupAction } from "@/lib/catalog/actions";
import { accountOfArn, lowerArnHead } from "@/lib/policy/arn";
import { parseArn } from "@/lib/analysis/arn";
import { foreignAccountOf, IDENTITY_SIDE_ONLY, resourceSideOf, weighedServiceOfName } from "@/lib/analysis/resource-side";
import { nameNotWeighed } from "@/lib/analysis/resource-name";
import { actionNotInCatalog } from "@/lib/analysis/action-not-in-catalog";
import { actionMatches, globMatches, globsOverlap } from "@/lib/policy/wildcard";
import { reachGaps, unnamedRoleWhy } from "./function-gaps";
import { askingWith, exactReachAnswer, requestResource, type ExactAsk, type ExactResult } from "./reach-exact";
import { ACTIONS_SHOWN, RESOURCES_SHOWN, reachActionProblem, type DeniedAnswer, type ReachAnswer, type ReachQuestion, type ReachState } from "./reach-question";

const EXCEPT = "except ";

interface CompiledQuestion {
  /**
   * The catalog actions the question covers, as the catalog (and so the reach lists) spell them; for an action or
   * pattern the catalog lacks, the text.
   */
  actions: ReadonlySet<string>;
  /** The same as a list, for the wildcard grants' tests. */
  actionList: readonly string[];
  pattern: string;
  /**
   * False for an action or pattern the catalog knows nothing of: matched as IAM matches (a glob, in any case) against
   * the grants' own, which then hold actions newer than the catalog.
   */
  expanded: boolean;
  /** Resource patterns standing for the ARN asked about and what lies inside it; undefined for any resource. */
  resources?: readonly string[];
  /** A resource asked about by its name alone. */
  name?: string;
  /**
   * The service of that name when the evaluator weighs its resources' own policies (a queue, a key…): a name the
   * account model did not turn into one ARN (answersWithExact) says that policy was not weighed.
   */
  nameService?: string;
  /**
   * Answers already worked out for this question, by resource pattern: at 10,000 functions, the same few patterns
   * (`*`, a shared bucket's) recur in most reach lists, and each overlap test builds two automata.
   */
  resourceHits: Map<string, boolean>;
  /**
   * The one action a request names, when the question is one (no pattern, and an ARN or any resource, not a name):
   * only then can the evaluator answer it.
   */
  concrete?: string;
  /** The ARN or ARN pattern asked (not a name or `*`), whose own policy may take part (resource-side.ts). */
  arn?: string;
}

const isPattern = (action: string) => /[*?]/.test(action);

function compile(q: ReachQuestion): CompiledQuestion {
  const pattern = q.action.trim();
  const wildcard = isPattern(pattern);
  const known = (wildcard || lookupAction(pattern) ? expandActionPattern(pattern) : []).map((a) => a.name);
  // A pattern the catalog knows nothing of still asks its text; a single action keeps the catalog's spelling when it has it.
  const actionList = known.length ? known : [pattern];
  // An ARN pasted with its head in capitals (`ARN:aws:…`, `arn:AWS:S3:…`) is the ARN the user means, not a name: the
  // reach lists hold the head as AWS writes it.
  const typed = q.resource?.trim();
  const resource = typed && lowerArnHead(typed);
  const byName = resource && !resource.startsWith("arn:") && resource !== "*";
  return {
    actions: new Set(actionList),
    actionList,
    pattern,
    expanded: known.length > 0,
    ...(byName ? { name: resource } : resource ? { resources: resourceForms(resource) } : {}),
    ...(byName && weighedServiceOfName(resource, pattern) ? { nameService: weighedServiceOfName(resource, pattern) } : {}),
    resourceHits: new Map(),
    ...(wildcard || byName ? {} : { concrete: actionList[0] }),
    ...(resource && !byName && resource !== "*" ? { arn: resource } : {}),
  };
}

/**
 * How the resource asked stands towards its own policy, for this function's role (resource-side.ts): "weighed" rows
 * are asked of the evaluator, which holds that policy; "not-read" ones say their answer is the identity side only.
 * `reach`: the entry answering a question by name, which is a resource of the service the action names or, for an
 * action of any service (`*:Get*`), of the one its grant names.
 */
function resourceSide(fn: FunctionReport, q: CompiledQuestion, reach?: Reach): "weighed" | "unweighed" | "not-read" | "by-name" | undefined {
  if (q.nameService !== undefined) return "by-name";
  if (q.name !== undefined) {
    const named = resourceSideOf(q.name, q.pattern, "");
    return named ?? (reach && resourceSideOf(reach.resource, q.pattern, accountOfArn(fn.arn) ?? "") === "not-read" ? "not-read" : undefined);
  }
  if (q.arn === undefined) return undefined;
  const side = resourceSideOf(q.arn, q.concrete ?? q.pattern, accountOfArn(fn.arn) ?? "");
  // A pattern, of resources or of actions, is no one request the evaluator could weigh that policy for: the policy
  // was read, so "not read" would be wrong, and the reach list's Allow alone cannot say the resource lets the role in.
  return side === "weighed" && (isPattern(q.arn) || !q.concrete) ? "unweighed" : side;
}

/** The row's words when the resource's own policy was read but no one request could weigh it: a pattern was asked. */
export const POLICY_NOT_WEIGHED =
  "its own policy was read but not weighed: a pattern is no one request to ask it of (a key policy may not let the role in, a Deny there may refuse it); ask one action on one ARN for the answer";

/**
 * The scan reads queues', topics', file systems' and image repositories' policies only for those the account's functions use
 * (queues-used.ts, file-systems-used.ts, images-used.ts), and key policies only for the keys functions and queues name
 * (lib/aws/kms-keys.ts): a pattern may cover others, whose policy "was read" is not.
 */
const READ_ONLY_FOR: Record<string, string> = {
  sqs: "queues the account's functions use",
  sns: "topics the account's functions use",
  elasticfilesystem: "file systems the account's functions use",
  ecr: "image repositories the account's functions use",
  kms: "keys the account's functions and queues name",
};

/**
 * POLICY_NOT_WEIGHED, worded for the resource's service when the resources asked may include some whose policy the
 * scan never read (a pattern of them, or one key the snapshot was not asked about).
 */
export function policyNotWeighed(service: string | undefined): string {
  const read = service && READ_ONLY_FOR[service];
  const refuse = service === "kms" ? "a key policy may not let the role in, a Deny there may refuse it" : "a Deny there may refuse it";
  return read
    ? `its own policy was not weighed, and the scan reads it only for the ${read}: a pattern is no one request to ask it of (${refuse}); ask one action on one ARN for the answer`
    : POLICY_NOT_WEIGHED;
}

/** The row's words for one key (or alias) whose key policy the snapshot does not hold: `unread` says why (kms-keys.ts). */
export const keyPolicyUnknown = (unread: string) => `its own policy is unknown: ${unread}; a key policy must let the role in, and a Deny there may refuse it`;

/** One key or alias of the account asked by its ARN, not a pattern: whether its key policy was read can be told. */
const oneKeyAsked = (q: CompiledQuestion): q is CompiledQuestion & { arn: string } => q.arn !== undefined && !isPattern(q.arn) && parseArn(q.arn)?.service === "kms";

/** The same, for one action on one ARN that the grant's pattern only overlaps (`function:f:prod` in any region, for `f`). */
export const POLICY_OVERLAP_NOT_WEIGHED =
  "its own policy was read but not weighed: the grant's pattern only overlaps the ARN asked, so no one request stands for both (a key policy may not let the role in, a Deny there may refuse it)";

/** The same, for one action on one ARN when the evaluator could not be had (exactAskerOf: the account model failed). */
export const POLICY_NO_EVALUATOR =
  "its own policy was not weighed: the evaluator that weighs it could not be loaded for this snapshot (a key policy may not let the role in, a Deny there may refuse it)";

/**
 * Why a row whose resource's own policy takes part was not asked of the evaluator, in the row's words. Another
 * account's policy is never in the snapshot, whatever was asked: as the evaluator says it (role-access.ts).
 */
function notWeighedWhy(fn: FunctionReport, q: CompiledQuestion, side: "weighed" | "unweighed", exact: ExactAsk | undefined): string {
  const account = foreignAccountOf(q.arn ?? "", accountOfArn(fn.arn) ?? "");
  if (account) return `the resource is in account ${account}, whose policy the snapshot does not hold: it must allow the request too`;
  // One key: the account model says whether its policy was read. Without it, the words true of any key.
  const keyRead = oneKeyAsked(q) && exact?.keyPolicyUnread ? exact.keyPolicyUnread(q.arn) ?? true : undefined;
  if (typeof keyRead === "string") return keyPolicyUnknown(keyRead);
  if (side === "unweighed") return keyRead ? POLICY_NOT_WEIGHED : policyNotWeighed(parseArn(q.arn ?? "")?.service);
  return exact ? POLICY_OVERLAP_NOT_WEIGHED : POLICY_NO_EVALUATOR;
}

/**
 * An ARN stands for itself and what lies under it (a bucket's objects, a table's indexes and streams): "who can
 * write to bucket b" is asked of `arn:aws:s3:::b/*`.
 */
function resourceForms(resource: string): string[] {
  return resource === "*" ? ["*"] : [resource, `${resource}/*`, `${resource}:*`];
}

/**
 * A name stands for a resource of any service so named: the first part of an ARN's resource (a bucket, queue or
 * topic) or the second after its type (`table/orders`, `function:f`, `key/id`, `log-group:g:*`). Never a bucket's
 * object key (`arn:aws:s3:::other/*`), which may hold any name.
 */
function namesResource(pattern: string, name: string): boolean {
  if (pattern === "*") return true;
  const parts = pattern.split(":");
  const resource = parts.slice(5).join(":");
  if (!resource) return globMatches(pattern, name);
  const [first = "", second] = resource.split(/[/:]/);
  const bucket = parts[2] === "s3" && !parts[3] && !parts[4];
  return globMatches(first, name) || (!bucket && second !== undefined && globMatches(second, name));
}

/** The entry's actions the question covers: its positives that match one asked, less its `except` ones. */
function actionsAsked(reach: Pick<Reach, "actions">, q: CompiledQuestion): string[] {
  let excepts: string[] | undefined;
  const kept = (action: string) => !(excepts ??= reach.actions.filter((a) => a.startsWith(EXCEPT)).map((a) => a.slice(EXCEPT.length))).some((e) => actionMatches(e, action));
  const out: string[] = [];
  for (const a of reach.actions) {
    if (a.startsWith(EXCEPT)) continue;
    if (!a.includes("*") && !a.includes("?")) {
      if (q.actions.has(a) || (!q.expanded && actionMatches(q.pattern, a))) out.push(a);
      continue;
    }
    // A wildcard grant (`*`, with a NotAction's exceptions): it holds the question when it covers an action asked
    // that no exception takes out; the row names the question, not every action of `*`.
    const holds = q.expanded ? q.actionList.some((asked) => actionMatches(a, asked) && kept(asked)) : globsOverlap(a, q.pattern, true);
    if (holds) out.push(q.pattern);
  }
  return out.length > 1 ? [...new Set(out)] : out;
}

function resourceAsked(reach: Pick<Reach, "resource">, q: CompiledQuestion): boolean {
  let hit = q.resourceHits.get(reach.resource);
  if (hit === undefined) {
    const { name, resources } = q;
    hit = name !== undefined ? namesResource(reach.resource, name) : resources === undefined || resources.some((form) => globsOverlap(reach.resource, form));
    q.resourceHits.set(reach.resource, hit);
  }
  return hit;
}

const stateOf = (r: Reach): ReachState => (r.conditional || r.partiallyDenied ? "conditional" : "allowed");

/** A Deny statement the evaluator's refusal rests on, cited as the reach lists cite it (reaches.ts `withRef`). */
function denyCited(s: DecidingStatement, resource: string): string {
  const id = s.sid ?? s.statementIndex;
  if (s.policyKind === "resource") return resourceStatementRef(resource, s.policy, id);
  if (s.policyKind === "scp" || s.policyKind === "rcp") return `${s.policyKind.toUpperCase()} ${s.policy}#${id}${s.target ? ` (attached to ${s.target})` : ""}`;
  return `${s.group ? `group ${s.group}: ` : ""}${s.policy}#${id}`;
}

/** The function's refusal by a Deny: the evaluator's, else the first of its denied grants the question names. */
function deniedFor(fn: FunctionReport, q: CompiledQuestion, refused: DeniedAnswer | undefined): DeniedAnswer | undefined {
  if (refused) return refused;
  for (const grant of fn.deniedGrants ?? []) {
    if (actionsAsked(grant, q).length > 0 && resourceAsked(grant, q)) return { name: fn.name, resource: grant.resource, deniedBy: grant.deniedBy };
  }
  return undefined;
}

/**
 * The entry's answer, asked of the evaluator when a Deny covers it in part and the question is concrete; undefined
 * when the evaluator refuses it (`onDenied` hears which Deny, when one did). `results`: the function's answers so far
 * by resource, as entries share patterns.
 */
function entryAnswer(
  fn: FunctionReport,
  reach: Reach,
  actions: string[],
  q: CompiledQuestion,
  exact: ExactAsk | undefined,
  results: Map<string, ExactResult>,
  onDenied: (d: DeniedAnswer) => void,
): ReachAnswer | undefined {
  const shown = { ...reach, actions: actions.slice(0, ACTIONS_SHOWN) };
  const side = resourceSide(fn, q, reach);
  const resource = exact && q.concrete && (reach.partiallyDenied || side === "weighed") ? requestResource(reach, q.concrete, q.resources) : undefined;
  if (!exact || !q.concrete || resource === undefined) {
    // Not asked of the evaluator: the reach list's answer is the role's side, whatever the resource's policy says.
    // Where that policy was read and may refuse (a key policy must let the role in), the role's side is no "allowed".
    if (side === "by-name") return { state: stateOf(reach), reach: shown, actionCount: actions.length, resourceSide: nameNotWeighed(q.nameService ?? "") };
    if (side === "weighed" || side === "unweighed") return { state: "conditional", reach: shown, actionCount: actions.length, resourceSide: notWeighedWhy(fn, q, side, exact) };
    return { state: stateOf(reach), reach: shown, actionCount: actions.length, ...(side ? { resourceSide: IDENTITY_SIDE_ONLY } : {}) };
  }
  let result = results.get(resource);
  if (!result) results.set(resource, (result = exact(fn, q.concrete, resource)));
  if ("decision" in result && result.decision === "explicitly-denied") {
    const deniedBy = result.statements.filter((s) => s.effect === "Deny" && s.condition === "true").map((s) => denyCited(s, resource));
    onDenied({ name: fn.name, resource, deniedBy });
  }
  return exactReachAnswer(shown, actions.length, q.concrete, resource, result);
}

const RANK: Record<ReachState, number> = { allowed: 0, conditional: 1, unknown: 2 };

/**
 * One function's answer, or undefined when what it reaches was read and holds nothing the question names. Its best
 * case over every entry that names the question (allowed on any resource is allowed), the first such entry its
 * evidence, and the other resources answered the same way listed with it.
 */
function answerFor(fn: FunctionReport, q: CompiledQuestion, exact: ExactAsk | undefined, denied: Map<string, DeniedAnswer>): ReachAnswer | undefined {
  let best: ReachAnswer | undefined;
  let others = new Set<string>();
  const results = new Map<string, ExactResult>();
  let refused: DeniedAnswer | undefined;
  const onDenied = (d: DeniedAnswer) => void (refused ??= d);
  for (const reach of fn.reaches) {
    // Actions first: a set lookup each, where most reaches fail.
    const actions = actionsAsked(reach, q);
    if (actions.length === 0 || !resourceAsked(reach, q)) continue;
    // Once allowed, only an entry that may be allowed too can add a resource: the others need no evaluator.
    if (best?.state === "allowed" && stateOf(reach) !== "allowed" && !(exact && reach.partiallyDenied)) continue;
    const asked = entryAnswer(fn, reach, actions, q, exact, results, onDenied);
    if (!asked) continue;
    if (!best || RANK[asked.state] < RANK[best.state]) {
      best = asked;
      others = new Set();
    } else if (asked.state === best.state) {
      others.add(reach.resource);
    }
  }
  if (best) {
    others.delete(best.reach?.resource ?? "");
    return others.size ? { ...best, alsoOn: [...others].slice(0, RESOURCES_SHOWN), alsoOnCount: others.size } : best;
  }
  const gaps = reachGaps(fn.unknown);
  if (gaps.length) return { state: "unknown", why: `could not be read: ${gaps.join("; ")}` };
  if (!fn.role) {
    const why = unnamedRoleWhy(fn.unknown);
    return { state: "unknown", why: `its role is unknown${why ? `: ${why}` : ""}` };
  }
  // Granted, and refused by a Deny: no answer, but said apart. After "unknown": what could not be read may grant it
  // elsewhere, and one function is counted once.
  const refusal = deniedFor(fn, q, refused);
  if (refusal) denied.set(fn.arn, refusal);
  return undefined;
}

/**
 * Every function the question is answered for, by ARN; a function missing from the map cannot do it. With `exact`,
 * entries a Deny covers in part are asked of the evaluator when the question is concrete. `denied` gains the functions
 * granted it that a Deny refuses (DeniedAnswer), by ARN.
 */
export function functionsReaching(
  functions: readonly FunctionReport[],
  question: ReachQuestion,
  exact?: ExactAsk,
  denied: Map<string, DeniedAnswer> = new Map(),
): Map<string, ReachAnswer> {
  const q = compile(question);
  const out = new Map<string, ReachAnswer>();
  for (const fn of functions) {
    const answer = answerFor(fn, q, exact, denied);
    if (answer) out.set(fn.arn, answer);
  }
  return out;
}

/** The answers to one question, and the functions granted it that a Deny refuses (not answers: no rows). */
export interface ReachAnswers {
  answers: Map<string, ReachAnswer>;
  denied: Map<string, DeniedAnswer>;
  /** The resource typed was a name asked as its ARN: the phrase that says so (ReachAnswer.askedAs), on every row too. */
  askedAs?: string;
}

/**
 * The answers, with the rows a Deny covers in part asked again of the evaluator (`exact`, loaded only then: at 10,000
 * functions building the account model costs more than the reach lists' walk, and most questions need none).
 */
async function answersWithExact(functions: readonly FunctionReport[], question: ReachQuestion, exact: () => Promise<ExactAsk | undefined>): Promise<ReachAnswers> {
  const q = compile(question);
  // One action on a queue, key, function… by name: the name the snapshot holds once is asked as that ARN, whose own
  // policy the evaluator weighs; any other stays the reach lists' answer, saying so (resource-name.ts). So is one
  // action on a KMS alias's ARN, which KMS authorises against the key the alias points to.
  const byName = q.name !== undefined && q.nameService !== undefined && !isPattern(q.pattern);
  if (byName || (q.concrete && oneKeyAsked(q) && parseArn(q.arn)?.resource.startsWith("alias/"))) {
    const asker = await exact();
    const named = asker?.named?.(q.name ?? q.arn ?? "", q.actionList[0] ?? q.pattern);
    if (asker && named && "arn" in named) {
      const viaAlias = askingWith(asker, named.context);
      const byArn = await answersWithExact(functions, { ...question, resource: named.arn }, async () => viaAlias);
      const { askedAs } = named;
      for (const [arn, answer] of byArn.answers) byArn.answers.set(arn, { ...answer, askedAs });
      return { ...byArn, askedAs };
    }
  }
  const denied = new Map<string, DeniedAnswer>();
  if (!q.concrete) {
    // An action pattern on one key: no request is asked, but the account model (cached per snapshot, as for one
    // action on it) tells whether its key policy was read, which the rows' words must not guess.
    const words = oneKeyAsked(q) ? await exact() : undefined;
    return { answers: functionsReaching(functions, question, words, denied), denied };
  }
  const answers = functionsReaching(functions, question, undefined, denied);
  // Not only the rows whose answer is the partly denied entry: a row answered by a conditional grant may hold one the
  // evaluator allows, and an allowed row one it allows too, which its "also allowed on" must name. Every row when the
  // resource's own policy takes part: a key policy may let none of them in.
  const asked = (fn: FunctionReport) => {
    const state = answers.get(fn.arn)?.state;
    if (state === undefined || state === "unknown") return false;
    return resourceSide(fn, q) === "weighed" || fn.reaches.some((r) => r.partiallyDenied && actionsAsked(r, q).length > 0 && resourceAsked(r, q));
  };
  const partly = functions.filter(asked);
  const asker = partly.length ? await exact() : undefined;
  if (!asker) return { answers, denied };
  // The evaluator's refusals of these rows are its answers already given: no further request is made for them.
  const settled = functionsReaching(partly, question, asker, denied);
  for (const fn of partly) {
    const answer = settled.get(fn.arn);
    if (answer) answers.set(fn.arn, answer);
    else answers.delete(fn.arn);
  }
  return { answers, denied };
}

// The table asks again for each page, sort and search of one question: the answers are kept per report (reports are
// cached per snapshot) for the last few questions, so only a new question walks every function's reach list.
const MAX_QUESTIONS = 4;
const answered = new WeakMap<AnalysisReport, Map<string, ReachAnswers>>();

export async function reachAnswersOf(report: AnalysisReport, question: ReachQuestion, exact?: () => Promise<ExactAsk | undefined>): Promise<Map<string, ReachAnswer>> {
  return (await reachAnswersWithDenied(report, question, exact)).answers;
}

/** `reachAnswersOf`, with the functions a Deny refuses it to: one walk, kept for both. */
export async function reachAnswersWithDenied(report: AnalysisReport, question: ReachQuestion, exact?: () => Promise<ExactAsk | undefined>): Promise<ReachAnswers> {
  let byQuestion = answered.get(report);
  if (!byQuestion) answered.set(report, (byQuestion = new Map()));
  const key = JSON.stringify([question.action.trim(), question.resource?.trim() ?? "", exact !== undefined]);
  let answers = byQuestion.get(key);
  if (answers) {
    byQuestion.delete(key);
  } else {
    if (exact) {
      answers = await answersWithExact(report.functions, question, exact);
    } else {
      const denied = new Map<string, DeniedAnswer>();
      answers = { answers: functionsReaching(report.functions, question, undefined, denied), denied };
    }
    while (byQuestion.size >= MAX_QUESTIONS) byQuestion.delete(byQuestion.keys().next().value as string);
  }
  byQuestion.set(key, answers);
  return answers;
}

/**
 * The answers to the question a page's URL asks (`reach`, `on`), or undefined when it asks none, or none that can be
 * read (the page names that value instead: unread-link-values.ts). `exact`: the evaluator for the report's snapshot.
 */
export async function reachAsked(report: AnalysisReport, state: { reach: string; on: string }, exact?: () => Promise<ExactAsk | undefined>): Promise<Map<string, ReachAnswer> | undefined> {
  return (await reachAskedWithDenied(report, state, exact))?.answers;
}

/** `reachAsked`, with the functions a Deny refuses it to (the overview's table says them under its counts). */
export async function reachAskedWithDenied(report: AnalysisReport, state: { reach: string; on: string }, exact?: () => Promise<ExactAsk | undefined>): Promise<ReachAnswers | undefined> {
  if (!state.reach.trim() || reachActionProblem(state.reach)) return undefined;
  return reachAnswersWithDenied(report, { action: state.reach, resource: state.on }, exact);
}

/**
 * Said beside the answers to a question whose action the catalog lacks, as `can` says it beside its answer: a typo
 * (`s3:PutObjects`) leaves the table empty but for roles granted every action, which reads as "no function can".
 */
export function reachActionNote(reach: string): string | undefined {
  const action = reach.trim();
  return action && !reachActionProblem(action) ? actionNotInCatalog(action) : undefined;
}
