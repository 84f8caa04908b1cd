/**
 * "Which functions can do ACTION (on RESOURCE)?", the overview's `reach` filter, answered from the reach lists the
 * analysis already evaluated (lib/analysis/reaches.ts: each role's policies, boundary, Denies, SCPs and resource
 * policies taken together), not from the policy text: a Deny the analysis applied has already taken an action out,
 * and a NotAction or a boundary has already narrowed it. A function whose reach data could not be read is "unknown",
 * never left out as a "no".
 */
import type { AnalysisReport, FunctionReport, Reach } from "@/lib/analysis/types";
import { expandActionPattern, lookupAction } from "@/lib/catalog/actions";
import { actionMatches, globMatches, globsOverlap } from "@/lib/policy/wildcard";
import { reachGaps, unnamedRoleWhy } from "./function-gaps";
import { ACTIONS_SHOWN, reachActionProblem, type ReachAnswer, type ReachQuestion, type ReachState } from "./reach-question";

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
   * Answers already worked out for this question, by resource pattern: at 10,000 functions, the same few patterns
   * (`*`, a shared bucket's) recur in most reach lists, and each overlap test builds two automata.
   */
  resourceHits: Map<string, boolean>;
}

function compile(q: ReachQuestion): CompiledQuestion {
  const pattern = q.action.trim();
  const wildcard = /[*?]/.test(pattern);
  const known = (wildcard || lookupAction(pattern) ? expandActionPattern(pattern) : []).map((a) => a.name);
  // A pattern the catalog knows nothing of still asks its text; a single action keeps the catalog's spelling when it has it.
  const actionList = known.length ? known : [pattern];
  const resource = q.resource?.trim();
  const byName = resource && !resource.startsWith("arn:") && resource !== "*";
  return {
    actions: new Set(actionList),
    actionList,
    pattern,
    expanded: known.length > 0,
    ...(byName ? { name: resource } : resource ? { resources: resourceForms(resource) } : {}),
    resourceHits: new Map(),
  };
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
function actionsAsked(reach: Reach, q: CompiledQuestion): string[] {
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

function resourceAsked(reach: Reach, q: CompiledQuestion): boolean {
  let hit = q.resourceHits.get(reach.resource);
  if (hit === undefined) {
    const { name, resources } = q;
    hit = name !== undefined ? namesResource(reach.resource, name) : resources === undefined || resources.some((form) => globsOverlap(reach.resource, form));
    q.resourceHits.set(reach.resource, hit);
  }
  return hit;
}

const stateOf = (r: Reach): ReachState => (r.conditional || r.partiallyDenied ? "conditional" : "allowed");

/** One function's answer, or undefined when what it reaches was read and holds nothing the question names. */
function answerFor(fn: FunctionReport, q: CompiledQuestion): ReachAnswer | undefined {
  let conditional: ReachAnswer | undefined;
  for (const reach of fn.reaches) {
    // Actions first: a set lookup each, where most reaches fail.
    const actions = actionsAsked(reach, q);
    if (actions.length === 0 || !resourceAsked(reach, q)) continue;
    const asked: ReachAnswer = { state: stateOf(reach), reach: { ...reach, actions: actions.slice(0, ACTIONS_SHOWN) }, actionCount: actions.length };
    if (asked.state === "allowed") return asked;
    conditional ??= asked;
  }
  if (conditional) return conditional;
  const gaps = reachGaps(fn.unknown);
  if (gaps.length) return { state: "unknown", why: `could not be read: ${gaps.join("; ")}` };
  if (!fn.role) {
    const why = unnamedRoleWhy(fn.unknown);
    return { state: "unknown", why: `its role is unknown${why ? `: ${why}` : ""}` };
  }
  return undefined;
}

/** Every function the question is answered for, by ARN; a function missing from the map cannot do it. */
export function functionsReaching(functions: readonly FunctionReport[], question: ReachQuestion): Map<string, ReachAnswer> {
  const q = compile(question);
  const out = new Map<string, ReachAnswer>();
  for (const fn of functions) {
    const answer = answerFor(fn, q);
    if (answer) out.set(fn.arn, answer);
  }
  return out;
}

// The table asks again for each page, sort and search of one question: the answers are kept per report (reports are
// cached per snapshot) for the last few questions, so only a new question walks every function's reach list.
const MAX_QUESTIONS = 4;
const answered = new WeakMap<AnalysisReport, Map<string, Map<string, ReachAnswer>>>();

export function reachAnswersOf(report: AnalysisReport, question: ReachQuestion): Map<string, ReachAnswer> {
  let byQuestion = answered.get(report);
  if (!byQuestion) answered.set(report, (byQuestion = new Map()));
  const key = JSON.stringify([question.action.trim(), question.resource?.trim() ?? ""]);
  let answers = byQuestion.get(key);
  if (answers) {
    byQuestion.delete(key);
  } else {
    answers = functionsReaching(report.functions, question);
    while (byQuestion.size >= MAX_QUESTIONS) byQuestion.delete(byQuestion.keys().next().value as string);
  }
  byQuestion.set(key, answers);
  return answers;
}

/**
 * The answers to the question a page's URL asks (`reach`, `on`), or undefined when it asks none, or none that can be
 * read (the page names that value instead: unread-link-values.ts).
 */
export function reachAsked(report: AnalysisReport, state: { reach: string; on: string }): Map<string, ReachAnswer> | undefined {
  if (!state.reach.trim() || reachActionProblem(state.reach)) return undefined;
  return reachAnswersOf(report, { action: state.reach, resource: state.on });
}
