import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSnapshot } from "@/lib/snapshot/read";
import { RULES } from "@/lib/findings/rules/registry";
import { analyzeSnapshot, type AnalysisProgress } from "./analyze";

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
});
