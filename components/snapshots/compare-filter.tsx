"use client";
/**
 * The compare page's function filter (lib/diff/filter-diff.ts): a name or ARN in the URL (`q`), as the overview's
 * search, so a shared link or Back keeps it. The server draws the lists for it; the box follows every key and writes
 * the URL once typing pauses, one history entry per search.
 */
import { useQueryStates } from "nuqs";
import { useRef, useTransition } from "react";
import { SEARCH_DEBOUNCE_MS, searchHistory, useDebouncedUrlText } from "@/components/use-debounced-url-text";
import { useFocusFallback } from "@/components/use-focus-fallback";
import { WIDEN_BUTTON } from "@/components/widen-button";
import { SearchBox } from "@/components/search-box";
import { compareUrlState } from "@/lib/view/url-state";
import { countOf } from "@/lib/view/count-text";
import { noMatchText } from "@/lib/view/no-match";

/** `matched` of `total`: the functions the diff names, and those the URL's search matches (all when there is none). */
export function CompareFilter({ matched, total }: { matched: number; total: number }) {
  const [pending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(compareUrlState, { history: "push", shallow: false, startTransition });
  const [text, onSearch] = useDebouncedUrlText(state.q, (q) => void setState({ q: q || null }, { history: searchHistory("q") }), SEARCH_DEBOUNCE_MS);
  // "Clear search" goes with the empty lists: focus then moves to the box, not to the page's top.
  const box = useRef<HTMLInputElement>(null);
  const toBox = useFocusFallback<HTMLButtonElement>(() => box.current);
  const searched = state.q.trim() !== "";
  return (
    <div className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="compare-filter" aria-busy={pending}>
      <div className="flex flex-wrap items-center gap-3">
        <SearchBox ref={box} label="Filter functions by name or ARN" placeholder="Filter by function name or ARN…" testId="compare-search" value={text} onChange={onSearch} />
        <p className="text-xs text-slate-600" aria-live="polite" data-testid="compare-count">
          {countOf(matched, total, "function in this comparison", "functions in this comparison")}
        </p>
      </div>
      {searched ? (
        <p className="text-xs text-slate-600" data-testid="compare-filter-note">
          Lines about the whole account (roles that may invoke every function, who may assume them, findings of no one
          function, what both scans could not read) are shown whatever the filter: they bear on every function.
        </p>
      ) : null}
      {searched && matched === 0 ? (
        <div className="text-sm text-slate-700" data-testid="compare-empty">
          <p>{noMatchText({ q: state.q, sev: [], rule: [], who: [] })}</p>
          <p className="mt-2">
            <button type="button" ref={toBox} data-testid="compare-clear-search" onClick={() => onSearch("")} className={WIDEN_BUTTON}>
              Clear search
            </button>
          </p>
        </div>
      ) : null}
    </div>
  );
}
