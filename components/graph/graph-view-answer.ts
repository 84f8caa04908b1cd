/**
 * What one answer of GET /api/graph (or /api/graph/details) means for the graph view: the view, or an error saying what the server said
 * (its `error` and the problems list of a refused query, as every dashboard request reads them) and its status,
 * since a 401 asks for signing in again rather than retrying. Apart from the hook so it is tested without a browser.
 */
import type { GraphView } from "@/lib/view/graph-view";
import { answerErrorText } from "@/lib/http/answer-error";

export class ViewRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** `T`: the part of a view the route answers (GET /api/graph/details: the selection). */
export async function graphViewOf<T = GraphView>(res: Response): Promise<T> {
  if (!res.ok) throw new ViewRequestError(answerErrorText(res.status, await res.json().catch(() => null)), res.status);
  return (await res.json()) as T;
}
