import { describe, expect, it } from "vitest";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { countingTurns } from "@/lib/analysis/test-support";
import type { Reach } from "@/lib/analysis/types";
import { parseSnapshot } from "@/lib/snapshot/read";
import { runInTurns } from "@/lib/steps";
import { buildGraph, graphSteps, type GraphInput } from "./build";

// 2,000 functions: the graph takes a turn after each thousand.
const report = analyzeSnapshot(parseSnapshot(JSON.stringify(generateSyntheticSnapshot({ functions: 2_000, roles: 1_000, seed: 7 }))));

function input(): GraphInput {
  const reachesByRole = new Map<string, Reach[]>();
  for (const fn of report.functions) if (fn.role) reachesByRole.set(fn.role, fn.reaches);
  return { account: report.account, functions: report.functions, reachesByRole, missingRoles: new Set() };
}

describe("the graph in turns", () => {
  it("is the graph built at once, with the event loop handed back every thousand functions", async () => {
    const { result, turns } = await countingTurns(() => runInTurns(graphSteps(input())));
    // A turn before the first function and after the 1,000th and the 2,000th: built at once, it would be one.
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(result).toEqual(buildGraph(input()));
    expect(result.nodes.length).toBeGreaterThan(report.functions.length);
  });
});
