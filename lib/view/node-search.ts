/** Node search (the `/` dialog): any node of the model, not only the drawn ones, by name or ARN. */
import { compareNodesByRisk, type GraphNodeView } from "./graph-model";
import { printable } from "./long-words";

const KIND_ORDER = { function: 0, role: 1, principal: 2, "event-source": 3, resource: 4 } as const;
export const MAX_SEARCH_RESULTS = 30;

/** Exact name, then prefix, then substring, then ARN substring; an empty query lists the riskiest functions. */
export function searchNodes(nodes: readonly GraphNodeView[], query: string, max = MAX_SEARCH_RESULTS): GraphNodeView[] {
  const q = query.trim().toLowerCase();
  if (!q) return nodes.filter((n) => n.kind === "function").sort(compareNodesByRisk).slice(0, max);
  const scored: { n: GraphNodeView; score: number }[] = [];
  for (const n of nodes) {
    const label = n.label.toLowerCase();
    const score = label === q ? 0 : label.startsWith(q) ? 1 : label.includes(q) ? 2 : n.ref?.toLowerCase().includes(q) ? 3 : -1;
    if (score >= 0) scored.push({ n, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || KIND_ORDER[a.n.kind] - KIND_ORDER[b.n.kind] || compareNodesByRisk(a.n, b.n))
    .slice(0, max)
    .map((s) => s.n);
}

/**
 * A result as the dialog is sent it: its name and ARN cut (printable), since searchNodes matched them whole and the
 * dialog shows them cut. Thirty crafted megabyte names were thirty megabytes per keystroke.
 */
export function searchResultOf(n: GraphNodeView): GraphNodeView {
  const shown: GraphNodeView = { ...n, label: printable(n.label) };
  if (n.ref !== undefined) shown.ref = printable(n.ref);
  if (n.badge) shown.badge = { ...n.badge, title: printable(n.badge.title) };
  return shown;
}
