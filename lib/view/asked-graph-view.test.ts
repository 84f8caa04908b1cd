import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot } from "@/lib/snapshot/read";
import { askedGraphView } from "./asked-graph-view";
import { reachActionNote } from "./reach-filter";
import { loadGraphViewState } from "./url-state";

describe("the graph view's Can do question", () => {
  const report = analyzeSnapshot(parseSnapshot(JSON.parse(JSON.stringify(buildAcmeRetailDemo().snapshot))));
  const defaults = loadGraphViewState("");

  it("carries the overview's note on an action the IAM catalog lacks, with the one meant", async () => {
    const view = await askedGraphView(report, "demo", { ...defaults, reach: "s3:PutObjects" });
    expect(view.reachNote).toBe(reachActionNote("s3:PutObjects"));
    expect(view.reachNote).toContain("did you mean s3:PutObject?");
  });

  it("carries none for an action the catalog has, or no question", async () => {
    expect((await askedGraphView(report, "demo", { ...defaults, reach: "s3:PutObject" })).reachNote).toBeUndefined();
    expect((await askedGraphView(report, "demo", defaults)).reachNote).toBeUndefined();
  });
});
