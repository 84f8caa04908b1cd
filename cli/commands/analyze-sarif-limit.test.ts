/**
 * `analyze --format sarif` on an account with more findings than GitHub accepts in a run: the log keeps the most
 * severe and the command says on stderr what it left out. The analysis is stubbed to return that many findings
 * (analysing an account that big would take the shared test machine minutes).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import path from "node:path";
import type { Log } from "sarif";
import type { AnalysisReport } from "@/lib/analysis/types";
import { SARIF_RESULT_LIMIT } from "@/lib/report-format/sarif";
import { analyzeCommand } from "./analyze";

vi.mock("@/lib/analysis/analyze", async (original) => {
  const real = await original<typeof import("@/lib/analysis/analyze")>();
  return {
    ...real,
    analyzeSnapshot: (...args: Parameters<typeof real.analyzeSnapshot>): AnalysisReport => {
      const report = real.analyzeSnapshot(...args);
      const f = report.findings[0]!;
      const copies = Array.from({ length: SARIF_RESULT_LIMIT + 2 }, (_, i) => ({ ...f, id: `${f.id}#copy${i}`, severity: i < 2 ? ("info" as const) : f.severity }));
      return { ...report, findings: copies };
    },
  };
});

afterEach(() => vi.restoreAllMocks());

describe("analyze --format sarif past GitHub's result limit", () => {
  it("writes a log within the limit and a warning on stderr naming what was left out", async () => {
    let out = "";
    let err = "";
    vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
    const code = await analyzeCommand(path.join(__dirname, "../../data/demo-snapshot.json"), { format: "sarif" });
    expect(code).toBe(0);
    const log = JSON.parse(out) as Log;
    expect(log.runs[0]!.results).toHaveLength(SARIF_RESULT_LIMIT);
    expect(err).toContain("warning: 2 of 25002 results left out (2 info): GitHub code scanning accepts 25000 per run");
  });
});
