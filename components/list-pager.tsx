"use client";
/**
 * The way through a list the server draws in pages (lib/view/paging.ts): the overview's function table, the
 * snapshots' history. The buttons stay focusable at either end (`aria-disabled`, not `disabled`): a disabled button
 * drops the keyboard's focus to the page's start. The pager sits above the rows, where the AWS console puts its own:
 * below 200 rows, the button that keeps the focus after a click was off screen once the view went back to the new
 * page's first row. While the next page loads (`busy`), the pager says so and its buttons are unavailable, as the
 * overview's table is busy meanwhile: a second press would ask for a page counted from the one still drawn.
 */
import { countOf } from "@/lib/view/count-text";

export interface ListPagerState {
  /** The page drawn, from 1, and how many there are. */
  page: number;
  pages: number;
  /** Place of the first drawn row, from 0; rows drawn; rows there are to page through. */
  offset: number;
  shown: number;
  of: number;
}

/**
 * `label`: the navigation's name, saying which list it pages ("Pages of the function table"); `noun`: what a row is
 * ("function"), `nouns` its plural where it takes no bare "s" ("aliases"); `busy`: a page asked for is still loading.
 * `inset`: its inline padding, that of the rows it pages: a table's cells' (px-4), none over a list in a column.
 */
export function ListPager({
  label,
  noun,
  nouns,
  state,
  busy,
  onPage,
  inset = "px-4",
}: {
  label: string;
  noun: string;
  nouns?: string;
  state: ListPagerState;
  busy: boolean;
  onPage: (page: number) => void;
  inset?: "px-4" | "px-0";
}) {
  const n = (x: number) => x.toLocaleString("en-US");
  const go = (to: number) => () => {
    if (busy || to < 1 || to > state.pages) return;
    onPage(to);
  };
  const button = "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600 aria-disabled:cursor-not-allowed aria-disabled:opacity-50";
  return (
    <nav aria-label={label} aria-busy={busy} className={`flex flex-wrap items-center gap-3 border-b border-slate-200 ${inset} py-2 text-xs text-slate-600`}>
      <p aria-live="polite" data-testid="table-more">
        Showing {n(state.offset + 1)}–{countOf(state.offset + state.shown, state.of, noun, nouns)} (page {n(state.page)} of {n(state.pages)})
      </p>
      <span className="ml-auto flex gap-2">
        <button type="button" className={button} aria-disabled={busy || state.page <= 1} onClick={go(state.page - 1)} data-testid="table-previous">
          Previous page
        </button>
        <button type="button" className={button} aria-disabled={busy || state.page >= state.pages} onClick={go(state.page + 1)} data-testid="table-next">
          Next page
        </button>
      </span>
    </nav>
  );
}
