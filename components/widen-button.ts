/** The buttons beside an empty list that clear the search or filters which emptied it (overview table, compare page). */
export const WIDEN_BUTTON =
  "rounded-md border border-slate-300 bg-white px-2 py-0.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600";
