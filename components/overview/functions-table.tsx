"use client";
/**
 * The sortable, filterable, searchable function table; its state lives in the URL. The server filters, sorts and
 * pages it (lib/view/overview.ts `tablePage`): the browser receives only the rows drawn, and a change of search,
 * sort, filter or page asks the server for the page's new rows (`shallow: false`).
 */
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useRef, useTransition } from "react";
import { useFocusFallback } from "@/components/use-focus-fallback";
import type { RuleOption, TablePage, TableRow } from "@/lib/view/overview";
import { invokerCountNote } from "@/lib/view/invoker-count-note";
import { noMatchText } from "@/lib/view/no-match";
import { FunctionFilterSelects } from "@/components/function-filter-selects";
import { invokerGapText } from "@/lib/view/function-gaps";
import { noFunctionsText } from "@/lib/view/no-functions";
import { overviewUrlState, type SortKey } from "@/lib/view/url-state";
import { SEVERITY_CHIP, SEVERITY_LABEL } from "@/components/severity-style";
import { SeverityToggles } from "@/components/severity-toggles";
import { ListPager } from "@/components/list-pager";
import { SEARCH_DEBOUNCE_MS, searchHistory, useDebouncedUrlText } from "@/components/use-debounced-url-text";
import { WIDEN_BUTTON } from "@/components/widen-button";
import { SearchBox } from "@/components/search-box";
import { printable } from "@/lib/view/long-words";
import { visibleText } from "@/lib/view/visible-text";
import { countOf } from "@/lib/view/count-text";
import { focusedNodeHref, unlinkedNameText } from "@/lib/view/graph-link";
import { ReachForm } from "./reach-form";
import { DeniedFunctions, ReachAnswerLine } from "./reach-answer";
import { checkActionText, reachCountsLine } from "@/lib/view/reach-question";

/**
 * Fixed column widths (the table is `table-fixed`): with automatic widths, one long description or finding title
 * widened the table past the window and cut off the rest. Long text wraps or is clamped inside its column instead.
 * Below 1,024 px (`lg`) the region and runtime columns give way (`wide`) and are said under the function's name, so an
 * 800 px window shows name, invokers and worst finding without scrolling. The table keeps a minimum width and scrolls
 * sideways in its own box below that: squeezed into a 640 px window (200 % zoom), the finding column was a few
 * characters wide.
 */
/**
 * `firstDir`: the order a column's first click sorts in. Invokers, most first: who is most exposed is the question
 * the count answers (unknown counts lead, as they may be any number).
 */
const COLUMNS: { key: SortKey; label: string; width: string; className?: string; wide?: boolean; firstDir?: "desc" }[] = [
  { key: "name", label: "Function", width: "w-[30%]" },
  { key: "region", label: "Region", width: "w-32", wide: true },
  { key: "runtime", label: "Runtime", width: "w-32", wide: true },
  { key: "invokers", label: "Invokers", width: "w-28", className: "text-right", firstDir: "desc" },
  { key: "severity", label: "Worst finding", width: "" },
];

/**
 * The direction a column says it is sorted in. The URL's `dir` orders severities by rank, critical first, the table's
 * first view; said as it is, "ascending" (▲) told screen readers and eyes the opposite of critical-first.
 */
function shownDir(key: SortKey, dir: "asc" | "desc"): "asc" | "desc" {
  return key !== "severity" ? dir : dir === "asc" ? "desc" : "asc";
}

/** On cells of a `wide` column: not displayed (so not in the accessibility tree either) below `lg`. */
const WIDE_ONLY = "max-lg:hidden";

/** The invoker count, or what is known of it when some of its data could not be read (the reason for hover and screen readers). */
export function InvokersCell({ row }: { row: TableRow }) {
  const gap = row.invokerGap;
  if (!gap) return <>{row.invokers}</>;
  return (
    <span data-testid="invokers-gap" data-state={gap.state} title={`${invokerGapText(gap)}: ${printable(gap.why)}`} className="font-medium text-amber-900">
      {gap.state === "unknown" ? "unknown" : `${row.invokers}+`}
      <span className="sr-only">
        {" "}
        ({invokerGapText(gap)}: {printable(gap.why)})
      </span>
    </span>
  );
}

/**
 * The function's name, a link to it in the graph when it has a node and the link is short enough to follow. Whole: a
 * snapshot's function names are Lambda's (64 characters; others are set aside when it is read), unlike its free text.
 */
function FunctionName({ row, snapshotQuery }: { row: TableRow; snapshotQuery: string }) {
  const href = row.nodeId ? focusedNodeHref(snapshotQuery, row.nodeId) : undefined;
  if (href) {
    return (
      <Link href={href} className="font-medium text-sky-800 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
        {visibleText(row.name)}
      </Link>
    );
  }
  return (
    <>
      <span className="font-medium">{visibleText(row.name)}</span>
      {row.nodeId ? (
        <span className="block text-xs text-slate-600" data-testid="name-unlinked">
          {unlinkedNameText(row.name)}
        </span>
      ) : null}
    </>
  );
}

/**
 * `page`: the rows drawn for the URL's state, and the counts (lib/view/overview.ts `tablePage`). `regions`: the
 * snapshot's, named when it has no functions at all. `rules`: the finding filter's options. `accountInvokers`: roles and IAM users left out of the invoker
 * counts, `regionalAccountInvokers` of them for every function of a region only, `accountInvokerUsers` of them IAM
 * users; `usersNotRead`: the snapshot predates reading IAM users.
 */
export function FunctionsTable({
  page,
  snapshotQuery,
  regions = [],
  rules = [],
  accountInvokers = 0,
  regionalAccountInvokers = 0,
  accountInvokerUsers = 0,
  usersNotRead = false,
  reachNote,
}: {
  page: TablePage;
  snapshotQuery: string;
  regions?: string[];
  rules?: RuleOption[];
  accountInvokers?: number;
  regionalAccountInvokers?: number;
  accountInvokerUsers?: number;
  usersNotRead?: boolean;
  /** The Can do question's action is none the IAM action catalog has (a typo?): lib/view/reach-filter.ts `reachActionNote`. */
  reachNote?: string;
}) {
  const countNote = invokerCountNote(accountInvokers, regionalAccountInvokers, { users: accountInvokerUsers, usersNotRead });
  // The controls follow the URL state at once; the rows come with the server's answer, in a transition, so the
  // search box never waits for them (the table says it is busy meanwhile).
  const [pending, startTransition] = useTransition();
  // Each sort, filter and page is a history entry, as the graph's filters are, so Back undoes it; a search is one
  // entry (searchHistory).
  const [state, setState] = useQueryStates(overviewUrlState, { history: "push", shallow: false, startTransition });
  const [searchText, onSearch] = useDebouncedUrlText(state.q, (q) => void setState({ q: q || null, page: null }, { history: searchHistory("q") }), SEARCH_DEBOUNCE_MS);
  const { rows, matched, total } = page;
  // The widening buttons go with the empty table: focus then moves to the search box, not to the page's top.
  const searchBox = useRef<HTMLInputElement>(null);
  const toSearchBox = useFocusFallback<HTMLButtonElement>(() => searchBox.current);
  const filtered = state.sev.length + state.rule.length + state.who.length > 0 || state.reach !== "";

  // Another search, filter or order starts again from the first page (`page: null`): page 3 of the old rows is
  // not a place in the new ones.
  function sortBy(column: (typeof COLUMNS)[number]) {
    const dir = state.sort === column.key ? (state.dir === "asc" ? "desc" : "asc") : (column.firstDir ?? "asc");
    void setState({ sort: column.key, dir, page: null });
  }

  return (
    <section aria-labelledby="functions-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="functions-heading" className="text-base font-semibold text-slate-900">
          Functions
        </h2>
        <SearchBox ref={searchBox} label="Search functions" placeholder="Search name, ARN, role, finding, tag…" testId="table-search" value={searchText} onChange={onSearch} />
        <div role="group" aria-label="Show functions with a finding of severity" className="flex items-center gap-1">
          <SeverityToggles selected={state.sev} onToggle={(s, on) => void setState({ sev: on ? [...state.sev, s] : state.sev.filter((x) => x !== s), page: null })} />
        </div>
        <FunctionFilterSelects rule={state.rule} who={state.who} rules={rules} total={total} testIdPrefix="table-" onChange={(patch) => void setState({ ...patch, page: null })} />
        <ReachForm
          action={state.reach}
          resource={state.on}
          onAsk={(q) => void setState({ reach: q?.reach || null, on: q?.on || null, page: null })}
        />
        <p className="ml-auto text-xs text-slate-600" aria-live="polite" data-testid="table-count">
          {countOf(matched, total, "function")}
        </p>
      </div>
      {/* Always there, so its answer is read out when a question is asked, once, not row by row. Not the question's
          words: the URL's question changes before the server's counts come, and the form says it. */}
      <p className={page.reachCounts ? "border-b border-slate-200 px-4 py-2 text-xs text-slate-700" : ""} aria-live="polite" data-testid="reach-counts">
        {page.reachCounts ? printable(reachCountsLine(page.reachCounts, page.reachAskedAs)) : null}
      </p>
      {/* Always there too, for the same reason: heard after the counts, so "0 allowed" is not taken for an answer. */}
      <p className={reachNote ? "border-b border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900" : ""} aria-live="polite" data-testid="reach-note">
        {reachNote ? printable(checkActionText(reachNote)) : null}
      </p>
      {page.denied?.length ? <DeniedFunctions denied={page.denied} count={page.reachCounts?.denied ?? page.denied.length} /> : null}
      {total > 0 && countNote ? (
        <p className="border-b border-slate-200 px-4 py-2 text-xs text-slate-600" data-testid="invoker-count-note">
          {countNote}
        </p>
      ) : null}
      {page.pages > 1 ? (
        <ListPager
          label="Pages of the function table"
          noun="function"
          busy={pending}
          state={{ page: page.page, pages: page.pages, offset: page.offset, shown: rows.length, of: matched }}
          onPage={(p) => void setState({ page: p === 1 ? null : p })}
        />
      ) : null}
      {/* relative: the cells' sr-only text (absolutely positioned) scrolls with the table instead of widening the page. */}
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[44rem] table-fixed text-sm" data-testid="functions-table" aria-labelledby="functions-heading" aria-busy={pending}>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              {COLUMNS.map((c) => {
                const active = state.sort === c.key;
                const dir = active ? shownDir(c.key, state.dir) : undefined;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
                    className={`px-4 py-2 font-semibold ${c.width} ${c.className ?? ""} ${c.wide ? WIDE_ONLY : ""}`}
                  >
                    <button
                      type="button"
                      onClick={() => sortBy(c)}
                      data-testid={`sort-${c.key}`}
                      className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600"
                    >
                      {c.label}
                      <span aria-hidden="true" className="text-slate-400">
                        {dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.arn} data-testid="function-row" data-name={r.name} className="group hover:bg-slate-50">
                <td className="px-4 py-2 break-words">
                  <FunctionName row={r} snapshotQuery={snapshotQuery} />
                  {/* Clamped to two lines; the whole text is in the markup (screen readers), the tooltip, and shown while the row is hovered or its link focused. */}
                  {r.description ? (
                    <p title={printable(r.description)} className="line-clamp-2 text-xs text-slate-600 group-focus-within:line-clamp-none group-hover:line-clamp-none">
                      {printable(r.description)}
                    </p>
                  ) : null}
                  {r.reach ? <ReachAnswerLine answer={r.reach} /> : null}
                  {/* The wide-only columns' facts, where those columns give way. */}
                  <div className="text-xs text-slate-700 lg:hidden" data-testid="row-place">
                    {r.region} · <span className="font-mono">{r.runtime}</span>
                  </div>
                </td>
                <td className={`break-words px-4 py-2 text-slate-700 ${WIDE_ONLY}`}>{r.region}</td>
                <td className={`break-words px-4 py-2 font-mono text-xs text-slate-700 ${WIDE_ONLY}`}>{r.runtime}</td>
                <td className="px-4 py-2 text-right tabular-nums text-slate-700" data-testid="invokers-cell">
                  <InvokersCell row={r} />
                </td>
                <td className="px-4 py-2">
                  {r.worst ? (
                    <span className="flex items-start gap-2">
                      <span className={`mt-0.5 shrink-0 rounded px-1.5 py-px text-[10px] font-bold uppercase ${SEVERITY_CHIP[r.worst.severity]}`}>
                        {SEVERITY_LABEL[r.worst.severity]}
                      </span>
                      <span className="min-w-0 break-words text-slate-800" data-testid="worst-title">
                        {printable(r.worst.title)}
                      </span>
                      {r.findings > 1 ? (
                        <span className="mt-0.5 shrink-0 whitespace-nowrap text-xs text-slate-600" data-testid="more-findings">
                          +{r.findings - 1} more
                        </span>
                      ) : null}
                    </span>
                  ) : (
                    <span className="text-slate-500">None</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {matched === 0 ? (
          <div className="px-4 py-6 text-center text-sm text-slate-600" data-testid="table-empty">
            <p>{total === 0 ? noFunctionsText(regions) : noMatchText(state)}</p>
            {total > 0 && (state.q || filtered) ? (
              <p className="mt-2 flex justify-center gap-2">
                {state.q ? (
                  <button type="button" ref={toSearchBox} data-testid="clear-search" onClick={() => onSearch("")} className={WIDEN_BUTTON}>
                    Clear search
                  </button>
                ) : null}
                {filtered ? (
                  <button type="button" ref={toSearchBox} data-testid="clear-filters" onClick={() => void setState({ sev: null, rule: null, who: null, reach: null, on: null, page: null })} className={WIDEN_BUTTON}>
                    Clear filters
                  </button>
                ) : null}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
