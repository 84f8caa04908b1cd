/**
 * The graph view for a page's or an API route's URL state, its "Can do" question (`reach`, `on`) answered as the
 * overview's table answers it (reach-filter.ts `reachAskedWithDenied`, with the evaluator where a Deny covers a reach in part), so
 * the functions the graph draws for "s3:PutObject on b" are the table's rows for it. Server only: the evaluator is the
 * stored snapshot's account model.
 */
import type { AnalysisReport } from "@/lib/analysis/types";
import { cachedGraphView, graphIndexOf, type GraphView } from "./graph-view";
import { exactAskerOf } from "./reach-exact";
import { reachActionNote, reachAskedWithDenied } from "./reach-filter";
import type { GraphViewState } from "./url-state";

export async function askedGraphView(report: AnalysisReport, snapshotId: string, state: GraphViewState): Promise<GraphView> {
  const asked = await reachAskedWithDenied(report, state, () => exactAskerOf(snapshotId));
  const view = cachedGraphView(graphIndexOf(report), state, asked?.answers, asked?.denied);
  const reachNote = asked ? reachActionNote(state.reach) : undefined;
  return asked?.askedAs || reachNote ? { ...view, ...(asked?.askedAs ? { reachAskedAs: asked.askedAs } : {}), ...(reachNote ? { reachNote } : {}) } : view;
}
