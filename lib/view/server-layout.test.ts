import { describe, expect, it } from "vitest";
import { fixtureReport } from "@/e2e/fixtures/report";
import { buildGraphModel } from "./graph-model";
import { layoutInputOf, layoutKey } from "./elk-graph";
import { knownServerLayout, serverLayoutsSettled } from "./server-layout";
import { indexGraph, selectVisibleGraph } from "./visible-graph";

describe("knownServerLayout", () => {
  it("never waits: a new view is laid out in the background, then served ready-made", async () => {
    const visible = selectVisibleGraph(indexGraph(buildGraphModel(fixtureReport)), {
      severities: [],
      services: [],
      regions: [],
      onlyFindings: false,
      focus: null,
      limit: 25,
    });
    const input = layoutInputOf(visible);
    expect(knownServerLayout(input)).toBeNull();
    await serverLayoutsSettled();
    const known = knownServerLayout(input);
    expect(known?.key).toBe(layoutKey(input));
    expect(Object.keys(known?.positions ?? {}).sort()).toEqual(visible.nodes.map((n) => n.id).sort());
    // Columns: every function left of every role.
    const xs = (kind: string) => visible.nodes.filter((n) => n.kind === kind).map((n) => known?.positions[n.id]?.x ?? Number.NaN);
    expect(Math.max(...xs("function"))).toBeLessThan(Math.min(...xs("role")));
    expect(knownServerLayout({ nodes: [], edges: [] })).toBeNull();
  }, 60_000);

  it("queues at most two layouts at a time: a burst of distinct views is left to the browser", async () => {
    await serverLayoutsSettled();
    const index = indexGraph(buildGraphModel(fixtureReport));
    const inputs = [1, 2, 3].map((limit) =>
      layoutInputOf(selectVisibleGraph(index, { severities: [], services: [], regions: [], onlyFindings: false, focus: null, limit })),
    );
    for (const input of inputs) expect(knownServerLayout(input)).toBeNull();
    await serverLayoutsSettled();
    const laidOut = inputs.map((input) => knownServerLayout(input) !== null);
    expect(new Set(inputs.map(layoutKey)).size).toBe(3);
    expect(laidOut).toEqual([true, true, false]);
    await serverLayoutsSettled(); // the later visit just made queued the third one
    expect(knownServerLayout(inputs[2]!)).not.toBeNull();
  }, 60_000);
});
