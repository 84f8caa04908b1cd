/**
 * What the graph page asks the server for a view state it has not seen. A state whose graph is already drawn (a click
 * on an invoker, role or resource, a neighbour picked in the details panel, Back to another selection of that view)
 * asks GET /api/graph/details for the selection alone and keeps the drawing it has: at 10,000 functions the whole
 * view was 0.5–1 MB to fetch, parse and hand to the canvas again on every click. Any other state asks GET /api/graph.
 */
import type { GraphView, ViewSelection } from "@/lib/view/graph-view";
import { serializeGraphViewState, type GraphViewState } from "@/lib/view/url-state";
import { graphViewOf } from "./graph-view-answer";

/** The drawn part of a view, which every selection of its drawing shares. */
export type Drawing = Pick<GraphView, "visible" | "counts" | "reachAskedAs" | "reachNote">;

export interface ViewRequest {
  url: string;
  /** The view the server's answer makes; throws ViewRequestError for a failed one. */
  read: (res: Response) => Promise<GraphView>;
}

/** `drawn`: the drawing of `state`'s graph the page holds, when it holds one. */
export function viewRequest(snapshotId: string, state: GraphViewState, drawn: Drawing | undefined): ViewRequest {
  const query = `?snapshot=${encodeURIComponent(snapshotId)}`;
  if (!drawn) return { url: serializeGraphViewState(`/api/graph${query}`, state), read: graphViewOf };
  return {
    url: serializeGraphViewState(`/api/graph/details${query}`, state),
    // The same `visible` object: the canvas sees its graph unchanged and lays out and draws nothing anew.
    read: async (res) => ({
      visible: drawn.visible,
      counts: drawn.counts,
      ...(drawn.reachAskedAs ? { reachAskedAs: drawn.reachAskedAs } : {}),
      ...(drawn.reachNote ? { reachNote: drawn.reachNote } : {}),
      ...(await graphViewOf<ViewSelection>(res)),
    }),
  };
}
