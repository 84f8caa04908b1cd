/** The details panel's "role of …": which functions run as an invoking role, each counted once. */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { graphIndexOf, graphView } from "./graph-view";
import { loadGraphViewState } from "./url-state";

describe("graphView: functions that run as an invoking role", () => {
  it("counts a name used in two regions as two functions, each named with its region", () => {
    const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-28T10:00:00Z", regions: ["us-east-1", "eu-west-1"] });
    const target = b.fn({ region: "us-east-1", name: "target", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
    const caller = b.role({ name: "caller", inline: { i: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: target }] } } });
    for (const region of ["us-east-1", "eu-west-1"]) b.fn({ region, name: "worker", runtime: "nodejs20.x", role: caller });
    b.fn({ region: "us-east-1", name: "solo", runtime: "nodejs20.x", role: caller });
    const view = graphView(graphIndexOf(analyzeSnapshot(parseSnapshot(b.build()))), loadGraphViewState(`?node=${encodeURIComponent(`fn:${target}`)}`));
    expect(view.selected?.identity?.runBy[caller]).toEqual({ names: ["solo", "worker (eu-west-1)", "worker (us-east-1)"], total: 3 });
  });
});
