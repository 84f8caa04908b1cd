/** Rows of the overview's function table, and its sort/filter, computed from the report. */
import type { AnalysisReport, Severity } from "@/lib/analysis/types";
import { countFunctionsBySeverity, severityRank, worstFinding } from "./severity";
import type { SortKey } from "./url-state";
import { invokerGapOf, type InvokerGap } from "./function-gaps";
import { letsIn } from "@/lib/analysis/invoker-effect";
import { usersNotRead } from "@/lib/analysis/users-not-read";
import { tagEntries } from "@/lib/analysis/function-tags";
import { pageOf } from "./paging";
import { DENIED_SHOWN, reachCountsOf, type DeniedAnswer, type ReachAnswer, type ReachCounts } from "./reach-question";
import { findingsOfFunction, matchesFunctionFilter, reportFunctionFacts, type FunctionFacts, type FunctionFilter } from "./function-filter";
import { ruleOptions, type RuleOption } from "./rule-options";
import { nameOrArnMatches, searchKey } from "./function-match";

export type { RuleOption };
export { invokerCountNote } from "./invoker-count-note";

export interface FunctionRow extends FunctionFacts {
  arn: string;
  name: string;
  region: string;
  runtime: string;
  description: string;
  /** The function's tags as `key=value` joined by "; ", keys sorted, when they were read: the search matches them. */
  tags?: string;
  /** Invokers found; with `invokerGap`, a lower bound (or, when 0, nothing known). */
  invokers: number;
  invokerGap?: InvokerGap;
  findings: number;
  /**
   * Its findings' rules and titles and its execution role's ARN, lower case: what the search matches besides the
   * columns. The worst title alone hid a public URL behind an admin role, and a role's functions were found only
   * where their names shared its prefix.
   */
  searchText: string;
  /** Function node id in the graph, for the link to the graph view. */
  nodeId?: string;
  worst?: { severity: Severity; title: string };
}

export interface OverviewModel {
  account: string;
  capturedAt: string;
  regions: string[];
  /** Functions with at least one finding of each severity: the cards, and what each card's link filters to. */
  counts: Record<Severity, number>;
  functionCount: number;
  rows: FunctionRow[];
  /** Roles granted invoke on every function: left out of every row's count (they would add the same number to each). */
  accountInvokers: number;
  /** How many of those are granted it on every function of some regions only (`AccountInvoker.regions`). */
  regionalAccountInvokers: number;
  /** How many of `accountInvokers` are IAM users. */
  accountInvokerUsers: number;
  /** The snapshot predates reading IAM users. */
  usersNotRead: boolean;
  /** The rules with findings, by id, with how many functions each badges: the finding filter's options. */
  rules: RuleOption[];
}

// Reports are cached per snapshot (lib/store/report-cache), so the overview built for a report lives as long as it.
const overviews = new WeakMap<AnalysisReport, OverviewModel>();

/** `buildOverview`, once per report: every search, sort and filter of the table asks the server again. */
export function overviewOf(report: AnalysisReport): OverviewModel {
  let overview = overviews.get(report);
  if (!overview) overviews.set(report, (overview = buildOverview(report)));
  return overview;
}

export function buildOverview(report: AnalysisReport): OverviewModel {
  const facts = reportFunctionFacts(report);
  const nodeIdByArn = new Map<string, string>();
  for (const n of report.graph.nodes) if (n.kind === "function") nodeIdByArn.set(n.ref ?? n.id, n.id);
  const rows = report.functions.map((fn): FunctionRow => {
    const findings = findingsOfFunction(report, fn);
    const worst = worstFinding(findings);
    const row: FunctionRow = {
      name: fn.name,
      region: fn.region,
      runtime: fn.runtime ?? "",
      description: fn.description ?? "",
      invokers: fn.invokers.filter(letsIn).length,
      findings: findings.length,
      ...facts.get(fn)!,
      searchText: [...findings.flatMap((f) => [f.rule, f.title]), fn.role ?? ""].join("\n").toLowerCase(),
    };
    const nodeId = nodeIdByArn.get(fn.arn);
    if (nodeId) row.nodeId = nodeId;
    if (fn.tags && Object.keys(fn.tags).length > 0) row.tags = tagEntries(fn.tags).map(([k, v]) => `${k}=${v}`).join("; ");
    if (worst) row.worst = { severity: worst.severity, title: worst.title };
    const gap = invokerGapOf(fn);
    if (gap) row.invokerGap = gap;
    return row;
  });
  return {
    account: report.account,
    capturedAt: report.capturedAt,
    regions: [...report.regions].sort(),
    counts: countFunctionsBySeverity(rows.map((r) => r.severities)),
    functionCount: report.functions.length,
    rows,
    accountInvokers: report.accountInvokers?.length ?? 0,
    regionalAccountInvokers: report.accountInvokers?.filter((a) => a.regions).length ?? 0,
    accountInvokerUsers: report.accountInvokers?.filter((a) => a.principalType === "user").length ?? 0,
    usersNotRead: usersNotRead(report),
    rules: ruleOptions(rows),
  };
}

const worstRank = (r: FunctionRow) => (r.worst ? severityRank(r.worst.severity) : 99);

/**
 * The invoker count to sort by. Unknown may be any number, so it sorts above every known count (last going up, first
 * going down, where the most exposed functions are looked for); "2, maybe more" sorts just above 2.
 */
function invokerRank(r: FunctionRow): number {
  if (r.invokerGap?.state === "unknown") return Infinity;
  return r.invokers + (r.invokerGap ? 0.5 : 0);
}

/** a - b, but equal for two infinities (where a - b is NaN). */
function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a - b;
}

/** The table's search and filters, as the URL holds them (url-state.ts `overviewUrlState`); `rule` and `who` match any of theirs. */
export interface TableQuery extends FunctionFilter {
  q: string;
  sort: SortKey;
  dir: "asc" | "desc";
  /** FunctionFilter's `reach`, whose answers the rows show. */
  reach?: ReadonlyMap<string, ReachAnswer>;
  /** The functions granted the `reach` question's action that a Deny refuses (reach-filter.ts): said apart, never rows. */
  denied?: ReadonlyMap<string, DeniedAnswer>;
  /** The `reach` question's name asked as its ARN, in words (ReachAnswers.askedAs). */
  reachAskedAs?: string;
}

/** The row matches the search (`q`, searchKey's) and every filter of `opts`. */
function rowMatches(r: FunctionRow, q: string, opts: TableQuery): boolean {
  return (
    (!q || nameOrArnMatches(q, r) || [r.region, r.runtime, r.description, r.tags ?? ""].some((s) => s.toLowerCase().includes(q)) || r.searchText.includes(q)) &&
    matchesFunctionFilter(r, opts)
  );
}

export function filterAndSortRows(rows: readonly FunctionRow[], opts: TableQuery): FunctionRow[] {
  const q = searchKey(opts.q);
  const filtered = rows.filter((r) => rowMatches(r, q, opts));
  const cmp: Record<SortKey, (a: FunctionRow, b: FunctionRow) => number> = {
    name: (a, b) => a.name.localeCompare(b.name),
    region: (a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name),
    runtime: (a, b) => a.runtime.localeCompare(b.runtime) || a.name.localeCompare(b.name),
    invokers: (a, b) => compareNumbers(invokerRank(a), invokerRank(b)) || a.name.localeCompare(b.name),
    severity: (a, b) => worstRank(a) - worstRank(b) || b.findings - a.findings || a.name.localeCompare(b.name),
  };
  const sign = opts.dir === "desc" ? -1 : 1;
  return filtered.sort((a, b) => sign * cmp[opts.sort](a, b));
}

/** The most rows the table draws at once; the others are on its further pages, or found by searching and filtering. */
export const TABLE_PAGE = 200;

/**
 * A row as the browser receives it: what the table shows, without what only the server's filter reads; `reach`, the
 * function's answer to the "Can reach" question asked.
 */
export type TableRow = Omit<FunctionRow, "severities" | "tags" | "rules" | "searchText" | "invokedBy"> & { reach?: ReachAnswer };

/**
 * What the function table receives for one URL state: one page of the rows that match, in order, and the counts it
 * says ("40 of 10,000"). The browser never receives the other rows: at 10,000 functions they made the overview's
 * HTML 4.8 MB (docs/large-accounts.md).
 */
export interface TablePage {
  rows: TableRow[];
  /** Rows that match the search and filters, drawn or not. */
  matched: number;
  /** Rows of the snapshot. */
  total: number;
  /** The page drawn, from 1, and how many there are (at least 1, also when nothing matches). */
  page: number;
  pages: number;
  /** Place of the first drawn row among the matching ones, from 0. */
  offset: number;
  /**
   * When a "Can do" question is asked: the matching rows by answer, every page of them, not only the one drawn; with
   * `denied`, how many functions the search and other filters match that are granted it and refused by a Deny.
   */
  reachCounts?: ReachCounts;
  /** With reachCounts, the ARN the name typed was asked as ("asked as arn:…:orders (the only queue named orders)"). */
  reachAskedAs?: string;
  /** Those denied functions by name, the first DENIED_SHOWN of them (the count says how many more); absent when none. */
  denied?: DeniedRow[];
}

/** A function the Can do question's action is refused to by a Deny, as the table lists it under its counts. */
export interface DeniedRow extends DeniedAnswer {
  arn: string;
}

// The rows by ARN, built once per overview (whose rows live as long as its report): a question's denied functions
// are looked up among 10,000 rows.
const rowsByArn = new WeakMap<readonly FunctionRow[], Map<string, FunctionRow>>();

/**
 * The functions a Deny refuses the question to that the search and the other filters match (so the counts speak of
 * one set of functions): the first few by name, and how many.
 */
function deniedRows(rows: readonly FunctionRow[], opts: TableQuery): { shown: DeniedRow[]; arns: string[] } {
  let byArn = rowsByArn.get(rows);
  if (!byArn) rowsByArn.set(rows, (byArn = new Map(rows.map((r) => [r.arn, r]))));
  const q = searchKey(opts.q);
  const others = { ...opts, reach: undefined };
  const matched: DeniedRow[] = [];
  for (const [arn, d] of opts.denied ?? []) {
    const row = byArn.get(arn);
    if (row && rowMatches(row, q, others)) matched.push({ arn, ...d });
  }
  matched.sort((a, b) => a.name.localeCompare(b.name) || a.arn.localeCompare(b.arn));
  return { shown: matched.slice(0, DENIED_SHOWN), arns: matched.map((d) => d.arn) };
}

/**
 * `opts.page`, from the URL, is kept within the pages there are (pageOf): a link kept from before a search narrowed
 * the rows draws the nearest page rather than an empty table that says rows match.
 */
export function tablePage(
  rows: readonly FunctionRow[],
  opts: TableQuery & { page?: number },
  size = TABLE_PAGE,
): TablePage {
  const shown = filterAndSortRows(rows, opts);
  const { items, page, pages, offset } = pageOf(shown, opts.page, size);
  const denied = opts.reach && opts.denied?.size ? deniedRows(rows, opts) : undefined;
  return {
    rows: items.map(({ severities: _severities, tags: _tags, rules: _rules, searchText: _searchText, invokedBy: _invokedBy, ...row }) => {
      const reach = opts.reach?.get(row.arn);
      return reach ? { ...row, reach } : row;
    }),
    matched: shown.length,
    total: rows.length,
    page,
    pages,
    offset,
    ...(opts.reach ? { reachCounts: reachCountsOf([...shown.map((row) => row.arn), ...(denied?.arns ?? [])], opts.reach, opts.denied) } : {}),
    ...(opts.reach && opts.reachAskedAs ? { reachAskedAs: opts.reachAskedAs } : {}),
    ...(denied?.shown.length ? { denied: denied.shown } : {}),
  };
}
