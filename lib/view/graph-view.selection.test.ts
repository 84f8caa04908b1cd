/**
 * Selecting node after node of one view (each click a new view state, so a new entry of the view cache) draws the
 * view's graph once: the same drawn graph, counts and layout input come back, and only the details differ.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot } from "@/lib/snapshot/read";
import { layoutInputOf } from "./elk-graph";
import { graphIndexOf, graphView } from "./graph-view";
import { loadGraphViewState } from "./url-state";
import { selectVisibleGraph } from "./visible-graph";

describe("the graph of a view as its nodes are selected", () => {
  const idx = graphIndexOf(analyzeSnapshot(parseSnapshot(JSON.parse(JSON.stringify(buildAcmeRetailDemo().snapshot)))));
  const defaults = loadGraphViewState("");

  it("is drawn once per view: each selection gets that graph, its counts and its layout input, with its own details", () => {
    const first = graphView(idx, defaults);
    const [a, b] = first.visible.nodes.filter((n) => n.kind === "role");
    expect(b).toBeDefined();
    const withA = graphView(idx, { ...defaults, node: a!.id });
    const withB = graphView(idx, { ...defaults, node: b!.id });
    expect(withA.visible).toBe(first.visible);
    expect(withB.visible).toBe(first.visible);
    expect(withB.counts).toBe(first.counts);
    expect(layoutInputOf(withB.visible)).toBe(layoutInputOf(withA.visible));
    expect([withA.selected?.node.id, withB.selected?.node.id]).toEqual([a!.id, b!.id]);
    // The graph kept is the one the filters draw.
    const { sev, svc, region, findings, focus, limit } = defaults;
    expect(first.visible).toEqual(selectVisibleGraph(idx, { severities: sev, services: svc, regions: region, onlyFindings: findings, focus, limit }));
  });

  it("is drawn anew for other filters or another focus", () => {
    const fn = idx.functions[0]!.id;
    const all = graphView(idx, defaults).visible;
    const focused = graphView(idx, { ...defaults, focus: fn, node: fn }).visible;
    expect(focused).not.toBe(all);
    expect(focused.focus?.id).toBe(fn);
    const high = graphView(idx, { ...defaults, sev: ["critical"] }).visible;
    expect(high).not.toBe(all);
    expect(high.matching).toBeLessThan(all.matching);
    expect(graphView(idx, { ...defaults, sev: ["critical"], node: fn }).visible).toBe(high);
  });
});
