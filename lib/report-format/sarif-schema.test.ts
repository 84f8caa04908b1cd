/**
 * `analyze --format sarif` output checked against the SARIF 2.1.0 JSON schema as published (not our idea of it), for
 * the demo account, an account with no findings, hostile snapshots and a 1,000-function account. The negative
 * controls show the check refuses what the schema does.
 */
import { describe, expect, it } from "vitest";
import path from "node:path";
import fc from "fast-check";
import type { Log } from "sarif";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot, readSnapshotFile, SnapshotReadError } from "@/lib/snapshot/read";
import { mutated, paths } from "@/lib/snapshot/fixtures/mutations";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { formatSarif } from "./sarif";
import { loadSarifSchema, sarifSchemaErrors } from "./fixtures/sarif-schema";

const demo = analyzeSnapshot(await readSnapshotFile(path.join(__dirname, "../../data/demo-snapshot.json")));
const demoLog = formatSarif(demo, "demo-snapshot.json");

function expectUploadable(log: Log): void {
  expect(sarifSchemaErrors(log)).toEqual([]);
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

describe("analyze --format sarif is valid SARIF 2.1.0", () => {
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
      fc.property(mutated(base, paths(base)), (snap) => {
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
