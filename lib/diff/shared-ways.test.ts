import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { AnalysisReport, Invoker } from "@/lib/analysis/types";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { changedCopy, type Json } from "@/bench/changed-copy";
import { diffReports } from "./diff-reports";

/**
 * diffReports compares the account-wide roles' ways in once per region for the functions none of them has an
 * exception on (SharedWays), and function by function for the others. Both must say the same: here every function is
 * sent down the per-function path by an exception that changes no answer (on a qualifier the function does not have,
 * with the role's own decision), and the diffs of generated pairs of scans must be equal.
 */
function perFunction(report: AnalysisReport): AnalysisReport {
  return {
    ...report,
    accountInvokers: (report.accountInvokers ?? []).map((e) => ({
      ...e,
      exceptions: [...e.exceptions, ...report.functions.map((f) => ({ function: `${f.arn}:no-such-alias`, decision: e.decision }))],
    })),
  };
}

function analyze(snapshot: Json): AnalysisReport {
  return analyzeSnapshot(parseSnapshotValue(snapshot));
}

function expectAlike(before: AnalysisReport, after: AnalysisReport) {
  expect(diffReports(before, after)).toEqual(diffReports(perFunction(before), perFunction(after)));
}

const synthetic = generateSyntheticSnapshot({ functions: 400, roles: 200, seed: 42 }) as unknown as Json;
const syntheticThen = analyze(synthetic);
const syntheticNow = analyze(changedCopy(synthetic));
const demo = JSON.parse(readFileSync("data/demo-snapshot.json", "utf8")) as Json;

describe("the account-wide roles' ways in compared once per region", () => {
  it("says what comparing them function by function says, in both directions", () => {
    expectAlike(syntheticThen, syntheticNow);
    expectAlike(syntheticNow, syntheticThen);
  });

  it("so with roles that stop invoking every function, or invoke a region's only", () => {
    const [entry] = syntheticNow.accountInvokers ?? [];
    expect(entry).toBeDefined();
    const region = syntheticNow.regions[0] as string;
    for (const accountInvokers of [[], [{ ...entry!, regions: [region] }]]) {
      const fewer: AnalysisReport = { ...syntheticNow, accountInvokers };
      expect(diffReports(syntheticThen, fewer).accountInvokersLost).toEqual([entry!.principal]);
      expectAlike(syntheticThen, fewer);
      expectAlike(fewer, syntheticThen);
    }
  });

  it("so with roles that have exceptions and roles for some regions only (the demo)", () => {
    const then = analyze(demo);
    expect(then.accountInvokers?.some((e) => e.exceptions.length)).toBe(true);
    expect(then.accountInvokers?.some((e) => e.regions)).toBe(true);
    const now = analyze(changedCopy(demo));
    expectAlike(then, now);
    expectAlike(now, then);
  });

  it("so when every role's answer changes at once (a condition added to AdministratorAccess)", () => {
    const conditional: AnalysisReport = {
      ...syntheticNow,
      accountInvokers: (syntheticNow.accountInvokers ?? []).map((e) => ({ ...e, decision: "conditional" as const, unknownKeys: ["aws:SourceIp"] })),
    };
    expect(diffReports(syntheticThen, conditional).accountInvokersChanged.length).toBeGreaterThan(0);
    expectAlike(syntheticThen, conditional);
    expectAlike(conditional, syntheticThen);
  });

  it("so when a function lists, in one scan, a role that may invoke every function in both or in the other only", () => {
    const [entry] = syntheticThen.accountInvokers ?? [];
    expect(entry).toBeDefined();
    const own: Invoker = { via: "identity-policy", principal: entry!.principal, principalType: "role", statements: ["own#0"], decision: entry!.decision };
    const functions = syntheticNow.functions.map((f, i) => (i % 3 ? f : { ...f, invokers: [...f.invokers, own] }));
    for (const accountInvokers of [syntheticNow.accountInvokers, []]) {
      const listed: AnalysisReport = { ...syntheticNow, functions, accountInvokers };
      expectAlike(syntheticThen, listed);
      expectAlike(listed, syntheticThen);
    }
  });
});
