import { readFileSync } from "node:fs";
import ELK from "elkjs/lib/elk.bundled.js";
import { afterEach, describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { parseSnapshot } from "@/lib/snapshot/read";
import { layoutInputOf, positionsFromElk, toElkGraph } from "./elk-graph";
import { layoutOffThread, stopLayoutThread } from "./elk-thread";
import { buildGraphModel } from "./graph-model";
import { indexGraph, selectVisibleGraph } from "./visible-graph";

/** The demo's graph page as it opens: its 25 riskiest functions, a layout of some hundreds of ms. */
function demoView() {
  const report = analyzeSnapshot(parseSnapshot(readFileSync(demoSnapshotPath(), "utf8")));
  const visible = selectVisibleGraph(indexGraph(buildGraphModel(report)), { severities: [], services: [], regions: [], onlyFindings: false, focus: null, limit: 25 });
  return toElkGraph(layoutInputOf(visible));
}

afterEach(() => {
  delete process.env.LPG_APP_ROOT;
});

describe("layoutOffThread", () => {
  it("is none where elkjs is not in the app's node_modules: the caller lays out itself", () => {
    const graph = demoView();
    process.env.LPG_APP_ROOT = "/nonexistent-app-root";
    expect(layoutOffThread(graph)).toBeNull();
  });

  it("lays out as ELK on the request thread does, and leaves that thread free meanwhile", async () => {
    const graph = demoView();
    const expected = positionsFromElk(await new ELK().layout(structuredClone(graph)));
    // The longest the event loop went without a turn while the layout ran, against how long it ran.
    let last = performance.now();
    let longestGap = 0;
    const ticks = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 2);
    const started = performance.now();
    const result = await layoutOffThread(graph);
    const took = performance.now() - started;
    clearInterval(ticks);
    expect(positionsFromElk(result!)).toEqual(expected);
    expect(took).toBeGreaterThan(100); // a layout long enough for the gap to tell
    expect(longestGap).toBeLessThan(took / 3);
  }, 60_000);

  it("a thread that ends mid-layout fails that layout; the next one starts a new thread", async () => {
    const graph = demoView();
    const first = layoutOffThread(graph)!;
    await stopLayoutThread();
    await expect(first).rejects.toThrow(/layout thread exited/);
    const again = await layoutOffThread(graph);
    expect(Object.keys(positionsFromElk(again!)).length).toBeGreaterThan(25);
  }, 60_000);

  it("a layout that takes too long fails and ends its thread, which would hold every later layout; the next one runs", async () => {
    const graph = demoView();
    await expect(layoutOffThread(graph, 1)!).rejects.toThrow(/no layout after 1 ms/);
    const again = await layoutOffThread(graph);
    expect(Object.keys(positionsFromElk(again!)).length).toBeGreaterThan(25);
  }, 60_000);
});
