/**
 * The function filters the overview's table and the graph share: severity, finding rule, who may invoke and the "Can
 * do" question's answers. One
 * matcher for both pages, so a filter carried from one to the other (lib/view/carried-filters.ts) keeps the same
 * functions: the overview counted "invoked by the public" from the functions' ways in, and a graph that read its
 * drawn edges instead would have disagreed wherever an edge is grouped or a way in lets no one in.
 */
import type { Finding, FunctionReport, Severity } from "@/lib/analysis/types";
import { matchesSeverities } from "./severity";
import { invokerKindsOf, type InvokerKind } from "./invoker-kinds";

/** What the filters read of one function. */
export interface FunctionFacts {
  /** Its ARN, which the "Can do" answers are keyed by. */
  arn: string;
  /** Severities of its findings, each once. */
  severities: Severity[];
  /** Rules of its findings, each once. */
  rules: string[];
  /** Kinds of caller that may invoke it (invoker-kinds.ts). */
  invokedBy: InvokerKind[];
}

/** The filters as the URL holds them (url-state.ts `functionFilterParsers`); each matches any of its values. */
export interface FunctionFilter {
  sev: readonly Severity[];
  rule?: readonly string[];
  who?: readonly InvokerKind[];
  /**
   * The "Can do" question's answers by function ARN (reach-filter.ts `reachAsked`), when one is asked: only the
   * functions answered match. Worked out once per question for the whole report, by the server, as they may ask the
   * evaluator.
   */
  reach?: ReadonlyMap<string, unknown>;
}

/** `fn`'s facts, from the findings that badge it (a finding's `function` or `functions`). */
export function functionFactsOf(fn: Pick<FunctionReport, "arn" | "invokers">, findings: readonly Pick<Finding, "severity" | "rule">[], account: string): FunctionFacts {
  return {
    arn: fn.arn,
    severities: [...new Set(findings.map((f) => f.severity))],
    rules: [...new Set(findings.map((f) => f.rule))],
    invokedBy: invokerKindsOf(fn, account),
  };
}

/**
 * Every filter set matches (an empty one matches all): a severity, a rule and a kind of caller, each any of its values,
 * and an answer to the question asked.
 */
export function matchesFunctionFilter(fn: FunctionFacts, filter: FunctionFilter): boolean {
  const rules = filter.rule ?? [];
  const who = filter.who ?? [];
  return (
    matchesSeverities(fn.severities, filter.sev) &&
    (rules.length === 0 || rules.some((rule) => fn.rules.includes(rule))) &&
    (who.length === 0 || who.some((k) => fn.invokedBy.includes(k))) &&
    (filter.reach === undefined || filter.reach.has(fn.arn))
  );
}

/** A finding filter's option: a rule found, with how many functions it badges. */
export interface RuleOption {
  rule: string;
  functions: number;
}

/** Each rule found, with the functions it badges, most first (then by id): the Finding filter's options on both pages. */
export function ruleOptions(functions: Iterable<Pick<FunctionFacts, "rules">>): RuleOption[] {
  const counts = new Map<string, number>();
  for (const fn of functions) for (const rule of fn.rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return [...counts].map(([rule, functions]) => ({ rule, functions })).sort((a, b) => b.functions - a.functions || a.rule.localeCompare(b.rule));
}
