/**
 * `npm run bench -- layout`: what the graph layout draws and how long ELK takes, on the demo (default view and
 * the whole account) and a synthetic account of 1,000 functions (default view and the most a view draws, 150).
 * Per view: edge crossings of the drawing (lib/view/layout-quality.ts) next to ELK alone (its own crossing
 * minimisation, no order kept: the figure to stay near), where the 5 riskiest functions and the 3 riskiest roles (by
 * their own findings) sit in their columns (0 is the top), which of the riskiest functions the opening view shows at 1440 × 900 (by risk rank, 0 the riskiest), the
 * drawing's height, and the median time of layoutOrder and of the whole ELK layout.
 */
import { readFileSync } from "node:fs";
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { SnapshotSchema } from "@/lib/snapshot/schema";
import { graphIndexOf, graphView } from "@/lib/view/graph-view";
import { compareNodesByRisk } from "@/lib/view/graph-model";
import { NODE_WIDTH, layoutInputOf, layoutOrder, nodeHeight, positionsFromElk, toElkGraph, type LayoutInput, type Positions } from "@/lib/view/elk-graph";
import { countCrossings, ranksInColumn } from "@/lib/view/layout-quality";
import { loadGraphViewState } from "@/lib/view/url-state";
import { boundsOf, readableTopViewport, SERVER_CANVAS } from "@/components/graph/flow-elements";
import { generateSyntheticSnapshot } from "./synthetic";
import { fmtMs, median } from "./stats";

const RUNS = Number(process.env.LAYOUT_RUNS ?? 3);
const elk = new ELK();

/** The layout before the order was kept: ELK's crossing minimisation over the view's order. */
function elkAlone(input: LayoutInput): ElkNode {
  const graph = toElkGraph(input);
  delete graph.layoutOptions?.["elk.layered.crossingMinimization.forceNodeModelOrder"];
  const byId = new Map(graph.children?.map((c) => [c.id, c]));
  graph.children = input.nodes.map((n) => byId.get(n.id)!);
  return graph;
}

/** Risk ranks of the functions the opening view shows (the canvas opens at the top at a readable zoom). */
function onOpeningView(input: LayoutInput, positions: Positions, fns: readonly string[]): number[] {
  const bounds = boundsOf(input.nodes.map((n) => ({ position: positions[n.id]!, width: NODE_WIDTH, height: nodeHeight(n.kind, n.badge) })));
  const view = readableTopViewport(bounds, SERVER_CANVAS.width, SERVER_CANVAS.height, true);
  const bottom = view ? (SERVER_CANVAS.height - view.y) / view.zoom : Infinity;
  return fns.flatMap((id, rank) => ((positions[id]?.y ?? Infinity) + nodeHeight("function", true) <= bottom ? [rank] : []));
}

async function measure(name: string, input: LayoutInput, fns: readonly string[], roles: readonly string[]) {
  const orderMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    layoutOrder(input);
    orderMs.push(performance.now() - start);
  }
  const row = async (variant: string, graph: (i: LayoutInput) => ElkNode) => {
    const ms: number[] = [];
    let positions: Positions = {};
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      positions = positionsFromElk(await elk.layout(graph(input)));
      ms.push(performance.now() - start);
    }
    const shown = onOpeningView(input, positions, fns);
    const height = Math.max(...input.nodes.map((n) => (positions[n.id]?.y ?? 0) + nodeHeight(n.kind, n.badge)));
    console.log(
      `${name.padEnd(22)} ${variant.padEnd(10)} ${String(countCrossings(input, positions)).padStart(9)}  ${ranksInColumn(input, positions, fns.slice(0, 5)).join(",").padEnd(14)} ` +
        `${ranksInColumn(input, positions, roles.slice(0, 3)).join(",").padEnd(10)} ` +
        `${`${shown.length}: ${shown.slice(0, 12).join(",")}${shown.length > 12 ? ",…" : ""}`.padEnd(36)} ${String(Math.round(height)).padStart(6)}  ${fmtMs(median(ms)).padStart(8)}`,
    );
  };
  await row("ELK alone", elkAlone);
  await row("layout", toElkGraph);
  console.log(`${"".padEnd(22)} layoutOrder ${fmtMs(median(orderMs))}`);
}

function views(snapshot: unknown, label: string, limits: number[]) {
  const idx = graphIndexOf(analyzeSnapshot(SnapshotSchema.parse(snapshot)));
  return limits.map((limit) => {
    const { visible } = graphView(idx, loadGraphViewState({ limit: String(limit) }));
    const fns = visible.nodes.filter((n) => n.kind === "function" && !n.aliasOf).map((n) => n.id);
    const roles = visible.nodes.filter((n) => n.kind === "role" && n.badge).sort(compareNodesByRisk).map((n) => n.id);
    return { name: `${label} ${fns.length} fn`, input: layoutInputOf(visible), fns, roles };
  });
}

const all = [
  ...views(JSON.parse(readFileSync("data/demo-snapshot.json", "utf8")), "demo", [25, 150]),
  ...views(generateSyntheticSnapshot({ functions: 1_000, roles: 500, seed: 42 }), "synthetic 1,000", [25, 150]),
];
// ELK's first layout in a process is several times slower than the next ones: not a figure of any view.
await elk.layout(toElkGraph(all[0]!.input));
console.log(`layout (ELK: median of ${RUNS} runs)`);
console.log(`${"view".padEnd(22)} ${"".padEnd(10)} crossings  top 5 at        roles at   opening view shows (risk ranks)      height       ELK`);
for (const v of all) await measure(v.name, v.input, v.fns, v.roles);
