/**
 * What one answer of GET /api/graph means for the graph view: the view, or an error saying what the server said
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

export async function graphViewOf(res: Response): Promise<GraphView> {
  if (!res.ok) throw new ViewRequestError(answerErrorText(res.status, await res.json().catch(() => null)), res.status);
  return (await res.json()) as GraphView;
}
