/** The overview's cards, its table's severity filter and the graph's severity filter agree (demo snapshot). */
import { describe, expect, it } from "vitest";
import path from "node:path";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { SEVERITIES } from "@/lib/analysis/types";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { buildOverview, filterAndSortRows } from "./overview";
import { graphIndexOf, graphView } from "./graph-view";
import { DEFAULT_FUNCTION_LIMIT } from "./url-state";

const report = analyzeSnapshot(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json")));
const overview = buildOverview(report);
const idx = graphIndexOf(report);
const view = { node: null, focus: null, svc: [], region: [], findings: false, limit: DEFAULT_FUNCTION_LIMIT };

describe("severity counts", () => {
  it.each(SEVERITIES.map((s) => [s]))("%s: the card's number is the rows its link shows and the functions the graph filter matches", (sev) => {
    const rows = filterAndSortRows(overview.rows, { q: "", sort: "name", dir: "asc", sev: [sev] });
    const graph = graphView(idx, { ...view, sev: [sev] }).visible;
    expect(rows.length).toBe(overview.counts[sev]);
    expect(graph.matching).toBe(overview.counts[sev]);
    expect(rows.map((r) => r.nodeId).sort()).toEqual(
      idx.functions.filter((fn) => fn.findingIds.some((id) => idx.model.findings[id]?.severity === sev)).map((fn) => fn.id).sort(),
    );
  });

  it("a function with findings of several severities is under each of them", () => {
    const both = overview.rows.find((r) => r.severities.length > 1);
    expect(both).toBeTruthy();
    for (const s of both!.severities) {
      expect(filterAndSortRows(overview.rows, { q: "", sort: "name", dir: "asc", sev: [s] }).map((r) => r.arn)).toContain(both!.arn);
    }
  });
});
