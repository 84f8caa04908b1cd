/** One page of a list the server draws in pages (the overview's function table, the snapshots' history). */
export interface Page<T> {
  items: T[];
  /** The page drawn, from 1, and how many there are (at least 1, also when the list is empty). */
  page: number;
  pages: number;
  /** Place of the first drawn item in the list, from 0. */
  offset: number;
}

/**
 * `requested`, from the URL, is kept within the pages there are: a link kept from before the list shrank, or a
 * hand-edited `page=0`, draws the nearest page rather than an empty one.
 */
export function pageOf<T>(items: readonly T[], requested: number | undefined, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(pages, Math.max(1, Math.trunc(requested ?? 1) || 1));
  const offset = (page - 1) * size;
  return { items: items.slice(offset, offset + size), page, pages, offset };
}

/** Snapshots the snapshots page's history draws at once. */
export const HISTORY_PAGE = 50;

/**
 * Items of each of a node's long lists its details carry at once (lib/view/graph-view.ts): its findings, a function's
 * invokers and what it can reach. A function with 2,000 grants had 1,503 findings: 5.6 MB of details, every card drawn,
 * the tab held for 18 s; its 2,000 invokers and 1,000 reaches were 1.2 MB more. The details panel pages through the rest
 * (GET /api/graph/list).
 */
export const DETAILS_PAGE = 50;
