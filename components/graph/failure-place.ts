/**
 * Where a failed /api/graph request is said. One request fetches both the drawn view and the selected node's
 * details, so one failure could be said twice: by the details panel and by the banner over the graph, two live
 * regions, the banner also claiming "the graph below is the previous view" when only the details were missing.
 * It is said once: by the panel while the node the user picked has no details yet (the panel would otherwise say
 * "Loading" for ever), else by the banner, whose previous graph is then what is on screen.
 */
export function failurePlace<E>(
  error: E | null,
  /** The node the URL selects. */
  selectedNode: string | null,
  /** The node whose details the last view that loaded holds. */
  detailsOf: string | undefined,
): { view: E | null; details: E | null } {
  if (!error) return { view: null, details: null };
  return selectedNode && detailsOf !== selectedNode ? { view: null, details: error } : { view: error, details: null };
}
