/**
 * The function filters the overview's table and the graph share: severity, finding rule, who may invoke and the "Can
 * do" question's answers. One
 * matcher for both pages, so a filter carried from one to the other (lib/view/carried-filters.ts) keeps the same
 * functions: the overview counted "invoked by the public" from the functions' ways in, and a graph that read its
 * drawn edges instead would have disagreed wherever an edge is grouped or a way in lets no one in.
 */
import type { AnalysisReport, Finding, FunctionReport, Severity } from "@/lib/analysis/types";
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

/** `fn`'s facts, from the findings that badge it. */
function functionFactsOf(fn: Pick<FunctionReport, "arn" | "invokers">, findings: readonly Pick<Finding, "severity" | "rule">[], account: string): FunctionFacts {
  return {
    arn: fn.arn,
    severities: [...new Set(findings.map((f) => f.severity))],
    rules: [...new Set(findings.map((f) => f.rule))],
    invokedBy: invokerKindsOf(fn, account),
  };
}

const NO_FINDINGS: readonly Finding[] = [];

// Reports are cached per snapshot (lib/store/report-cache), so what is read of a report here lives as long as it.
const findingsByReport = new WeakMap<AnalysisReport, ReadonlyMap<string, readonly Finding[]>>();
const factsByReport = new WeakMap<AnalysisReport, ReadonlyMap<FunctionReport, FunctionFacts>>();

/**
 * The report's findings by the ARN of each function they badge (a finding's `function` or `functions`), in the
 * report's order; once per report, for the overview's rows and the graph's nodes alike.
 */
function findingsByFunction(report: AnalysisReport): ReadonlyMap<string, readonly Finding[]> {
  let byArn = findingsByReport.get(report);
  if (!byArn) {
    const built = new Map<string, Finding[]>();
    for (const f of report.findings) {
      for (const arn of new Set([...(f.functions ?? []), ...(f.function ? [f.function] : [])])) {
        const list = built.get(arn);
        if (list) list.push(f);
        else built.set(arn, [f]);
      }
    }
    findingsByReport.set(report, (byArn = built));
  }
  return byArn;
}

/** The findings badging `fn` (findingsByFunction), none when there are none. */
export function findingsOfFunction(report: AnalysisReport, fn: Pick<FunctionReport, "arn">): readonly Finding[] {
  return findingsByFunction(report).get(fn.arn) ?? NO_FINDINGS;
}

/**
 * Every function's facts, keyed by its report, once per report: the overview's table and the graph filter the same
 * objects, so a filter carried from one page to the other cannot match other functions, and the second page to open
 * reads them instead of working them out again.
 */
export function reportFunctionFacts(report: AnalysisReport): ReadonlyMap<FunctionReport, FunctionFacts> {
  let facts = factsByReport.get(report);
  if (!facts) {
    const built = new Map<FunctionReport, FunctionFacts>();
    for (const fn of report.functions) built.set(fn, functionFactsOf(fn, findingsOfFunction(report, fn), report.account));
    factsByReport.set(report, (facts = built));
  }
  return facts;
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
