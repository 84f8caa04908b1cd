import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSnapshot } from "@/lib/snapshot/read";
import { RULES } from "@/lib/findings/rules/registry";
import { analyzeSnapshot, analyzeSnapshotInTurns, type AnalysisProgress } from "./analyze";
import { countingTurns } from "./test-support";

describe("analysis progress", () => {
  it("names every step once, in order, and leaves the report as it is without a listener", () => {
    const snapshot = () => parseSnapshot(readFileSync("data/demo-snapshot.json", "utf8"));
    const seen: AnalysisProgress[] = [];
    const report = analyzeSnapshot(snapshot(), (p) => seen.push(p));
    const total = 4 + RULES.length;
    expect(seen.map((p) => p.done)).toEqual([...Array(total).keys()]);
    expect(new Set(seen.map((p) => p.total))).toEqual(new Set([total]));
    expect(seen.map((p) => p.step)).toEqual(["account model", "callers", "reach lists", ...RULES.map((r) => `rule ${r.id}`), "graph"]);
    expect(JSON.stringify(report)).toBe(JSON.stringify(analyzeSnapshot(snapshot())));
  });

  it("in turns: the same report, with the event loop handed back between every two steps", async () => {
    const snapshot = () => parseSnapshot(readFileSync("data/demo-snapshot.json", "utf8"));
    const heard: AnalysisProgress[] = [];
    const { result: report, turns } = await countingTurns(() => analyzeSnapshotInTurns(snapshot(), (p) => heard.push(p)));
    const atOnce: AnalysisProgress[] = [];
    analyzeSnapshot(snapshot(), (p) => atOnce.push(p));
    expect(heard).toEqual(atOnce);
    // A turn before each stretch: the first, which starts the account model (its step told before it, so the waiting
    // page names it at once), and one per later step at least: analysed at once, other work would get none. Within the steps, on this small account: the model's before the resources,
    // the callers' between their two parts and within and after each target list (three for the first, one for the
    // second, which shares the first's targets), the escalation rule's after its first reads, one before each derived
    // rule and one before the functions list.
    const derived = RULES.filter((r) => r.derive).length;
    expect(turns).toBeGreaterThanOrEqual(1 + 3 + RULES.length + 1 + (1 + 3 + 1) + 1 + derived + 1);
    expect(JSON.stringify(report)).toBe(JSON.stringify(analyzeSnapshot(snapshot())));
  });
});
