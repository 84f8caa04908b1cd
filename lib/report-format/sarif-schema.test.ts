/**
 * `analyze --format sarif` output checked against the SARIF 2.1.0 JSON schema as published (not our idea of it) and
 * against what GitHub code scanning requires on top, for the demo account, an account with no findings, hostile
 * snapshots and a 1,000-function account. The negative controls show both checks refuse what GitHub would.
 */
import { describe, expect, it } from "vitest";
import path from "node:path";
import fc from "fast-check";
import type { Log } from "sarif";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot, readSnapshotFile, SnapshotReadError } from "@/lib/snapshot/read";
import { EVERY_EDIT, mutated, paths } from "@/lib/snapshot/fixtures/mutations";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { formatSarif } from "./sarif";
import { loadSarifSchema, sarifSchemaErrors } from "./fixtures/sarif-schema";
import { codeScanningProblems, GITHUB_LIMITS } from "./fixtures/github-code-scanning";

const demo = analyzeSnapshot(await readSnapshotFile(path.join(__dirname, "../../data/demo-snapshot.json")));
const demoLog = formatSarif(demo, "demo-snapshot.json");

function expectUploadable(log: Log): void {
  expect(sarifSchemaErrors(log)).toEqual([]);
  expect(codeScanningProblems(log)).toEqual([]);
}

/** The demo log with one change made to its first result (a deep copy: the shared log stays valid). */
function broken(change: (log: Log) => void): Log {
  const copy = structuredClone(demoLog);
  change(copy);
  return copy;
}

describe("the SARIF 2.1.0 schema the tests validate against", () => {
  it("is the 2.1.0 schema in draft-04, using no keyword whose meaning later drafts changed (Ajv 8 reads it as written)", () => {
    const schema = loadSarifSchema();
    expect(schema.$schema).toBe("http://json-schema.org/draft-04/schema#");
    expect(schema.title).toMatch(/SARIF\) Version 2\.1\.0/);
    expect(JSON.stringify(schema)).not.toMatch(/"exclusive(Minimum|Maximum)"/);
  });

  it("refuses a result without message.text, an unknown level, a region on line 0 (negative controls)", () => {
    expect(sarifSchemaErrors(broken((l) => delete l.runs[0]!.results![0]!.message.text)).join("\n")).toMatch(/\/runs\/0\/results\/0\/message/);
    expect(sarifSchemaErrors(broken((l) => (l.runs[0]!.results![0]!.level = "severe" as "error"))).join("\n")).toMatch(/\/results\/0\/level/);
    expect(sarifSchemaErrors(broken((l) => (l.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0))).join("\n")).toMatch(/startLine/);
    expect(sarifSchemaErrors(broken((l) => ((l as { version: string }).version = "2.0.0")))).not.toEqual([]);
  });
});

describe("GitHub code scanning's own requirements", () => {
  it("refuse what its pages say it rejects or cannot track (negative controls)", () => {
    const problems = (change: (log: Log) => void) => codeScanningProblems(broken(change)).join("\n");
    expect(problems((l) => (l.runs[0]!.results![0]!.message.text = ""))).toMatch(/result 0: no message.text/);
    expect(problems((l) => (l.runs[0]!.results![0]!.ruleId = "no-such-rule"))).toMatch(/result 0: ruleId no-such-rule not among/);
    expect(problems((l) => delete l.runs[0]!.results![0]!.partialFingerprints)).toMatch(/result 0: no partialFingerprints/);
    expect(problems((l) => (l.runs[0]!.results![1] = structuredClone(l.runs[0]!.results![0]!)))).toMatch(/result 1: fingerprint .* shared with another result/);
    expect(problems((l) => delete l.runs[0]!.results![0]!.partialFingerprints!.primaryLocationLineHash)).toMatch(/result 0: no partialFingerprints.primaryLocationLineHash/);
    // Other fingerprint keys do not keep two results apart: GitHub reads the line hash only.
    const twin = (l: Log) => (l.runs[0]!.results![1] = { ...structuredClone(l.runs[0]!.results![0]!), partialFingerprints: { ...l.runs[0]!.results![0]!.partialFingerprints, findingId: "other" } });
    expect(problems(twin)).toMatch(/result 1: fingerprint .* shared with another result/);
    expect(problems((l) => (l.runs[0]!.results![0]!.locations = []))).toMatch(/result 0: 0 locations/);
    expect(problems((l) => delete l.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region)).toMatch(/region.startLine undefined/);
    expect(problems((l) => (l.runs[0]!.tool.driver.rules![0]!.properties!["security-severity"] = 9.5))).toMatch(/security-severity 9.5/);
    expect(problems((l) => (l.runs[0]!.tool.driver.rules![0]!.properties!.tags = Array.from({ length: 21 }, (_, i) => `t${i}`)))).toMatch(/21 tags/);
    expect(problems((l) => (l.runs = Array.from({ length: GITHUB_LIMITS.runs + 1 }, () => l.runs[0]!)))).toMatch(/21 runs/);
    const many = Array.from({ length: GITHUB_LIMITS.resultsPerRun + 1 }, (_, i) => ({ ...demoLog.runs[0]!.results![0]!, partialFingerprints: { findingId: `x${i}` } }));
    expect(problems((l) => (l.runs[0]!.results = many))).toMatch(/25001 results/);
    expect(problems((l) => (delete l.runs[0]!.tool.driver.semanticVersion, delete l.runs[0]!.tool.driver.version))).toMatch(/run 0: no tool version/);
  });
});

describe("analyze --format sarif is valid SARIF 2.1.0 and uploadable", () => {
  it("for the demo account", () => {
    expect(demoLog.runs[0]!.results!.length).toBe(demo.findings.length);
    expectUploadable(demoLog);
  });

  it("for an account with no findings (an empty results array, every rule still declared)", () => {
    const log = formatSarif({ ...demo, findings: [], suppressed: [] }, "empty.json", { keepSuppressed: true });
    expect(log.runs[0]!.results).toEqual([]);
    expectUploadable(log);
  });

  it("for reports of hostile snapshots (generated mutations of the demo account)", () => {
    const base = JSON.parse(JSON.stringify(buildAcmeRetailDemo().snapshot)) as unknown;
    let checked = 0;
    fc.assert(
      fc.property(mutated(base, paths(base), EVERY_EDIT), (snap) => {
        let report;
        try {
          report = analyzeSnapshot(parseSnapshot(JSON.stringify(snap)));
        } catch (e) {
          if (e instanceof SnapshotReadError) return;
          throw e;
        }
        expectUploadable(formatSarif(report, "snapshot #1.json"));
        checked++;
      }),
      { numRuns: 60, seed: 20261203 },
    );
    expect(checked).toBeGreaterThan(10);
  });

  it("for a 1,000-function account", () => {
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(generateSyntheticSnapshot({ functions: 1000, roles: 500, seed: 42 }))));
    const log = formatSarif(report, "account.json");
    expect(log.runs[0]!.results!.length).toBe(report.findings.length);
    expect(report.findings.length).toBeGreaterThan(100);
    expectUploadable(log);
  });
});
