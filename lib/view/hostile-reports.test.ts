/**
 * Everything that reads a report after the analysis (overview, data gaps, the graph view of every node, the layout
 * input, text and SARIF output, snapshot comparison, what-if questions) takes reports of hostile snapshots the
 * reader accepted without throwing: a report is never half-shown because one odd value reached a view.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mutated, paths } from "@/lib/snapshot/fixtures/mutations";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot, SnapshotReadError } from "@/lib/snapshot/read";
import type { Snapshot } from "@/lib/snapshot/schema";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { ask, QuestionError } from "@/lib/analysis/what-if";
import { diffReports } from "@/lib/diff/diff-reports";
import { formatSarif } from "@/lib/report-format/sarif";
import { formatText } from "@/lib/report-format/text";
import { dataGaps } from "./data-gaps";
import { layoutInputOf, toElkGraph } from "./elk-graph";
import { graphFacets, graphIndexOf, graphView } from "./graph-view";
import { buildOverview } from "./overview";
import { loadGraphViewState } from "./url-state";

describe("views of reports of hostile snapshots", () => {
  it("100 generated mutations of the demo account: every view and output is built", () => {
    const base = JSON.parse(JSON.stringify(buildAcmeRetailDemo().snapshot)) as unknown;
    const baseReport = analyzeSnapshot(parseSnapshot(JSON.stringify(base)));
    let viewed = 0;
    fc.assert(
      fc.property(mutated(base, paths(base)), (snap) => {
        let parsed: Snapshot;
        try {
          parsed = parseSnapshot(JSON.stringify(snap));
        } catch (e) {
          if (e instanceof SnapshotReadError) return;
          throw e;
        }
        const report = analyzeSnapshot(parsed);
        buildOverview(report);
        dataGaps(report);
        formatText(report);
        JSON.stringify(formatSarif(report, "snapshot.json"));
        diffReports(baseReport, report);
        diffReports(report, baseReport);
        const idx = graphIndexOf(report);
        graphFacets(idx, "latest");
        const state = loadGraphViewState("");
        toElkGraph(layoutInputOf(graphView(idx, state).visible));
        for (const n of idx.model.nodes) graphView(idx, { ...state, node: n.id, focus: n.kind === "function" ? n.id : null });
        const model = buildAccountModel(parsed);
        for (const fn of model.functions.slice(0, 10)) {
          try {
            ask(model, { principal: fn.arn, action: "sqs:ReceiveMessage", resource: "*" });
          } catch (e) {
            if (!(e instanceof QuestionError)) throw e;
          }
        }
        viewed++;
      }),
      { numRuns: 100, seed: 20261201 },
    );
    expect(viewed).toBeGreaterThan(20);
  });
});
