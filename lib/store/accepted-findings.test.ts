import { mkdtempSync, writeFileSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot } from "@/lib/snapshot/read";
import { withAcceptedFindings } from "./accepted-findings";
import type { LoadedReport } from "./report-cache";

const report = analyzeSnapshot(parseSnapshot(JSON.stringify(buildAcmeRetailDemo().snapshot)));
const loaded: LoadedReport = {
  meta: { id: "s1", account: report.account, capturedAt: report.capturedAt, regions: report.regions, functionCount: report.functions.length, savedAt: "2026-11-20T09:31:00Z" },
  report,
};
const dir = mkdtempSync(path.join(tmpdir(), "lpg-accepted-"));
const TODAY = "2026-12-01";
let n = 0;
/** A new file each time, so no test sees another's cached read. */
function file(content: unknown): string {
  const f = path.join(dir, `s${n++}.json`);
  writeFileSync(f, typeof content === "string" ? content : JSON.stringify(content));
  return f;
}
const echo = { rule: "public-invoke", function: "debug-echo", reason: "load test" };

describe("the dashboard's suppressions file", () => {
  it("without one, the loaded report is returned as it is", async () => {
    expect(await withAcceptedFindings(loaded, undefined, TODAY)).toBe(loaded);
  });

  it("moves the accepted findings out of the report every page reads, and says which and why", async () => {
    const out = await withAcceptedFindings(loaded, file({ suppressions: [echo, { function: "gone-*", reason: "idle" }] }), TODAY);
    expect(out.report.findings.length).toBe(report.findings.length - 1);
    expect(out.report.findings.some((f) => f.rule === "public-invoke" && f.function?.endsWith(":debug-echo"))).toBe(false);
    expect(out.report.suppressed).toMatchObject([{ rule: "public-invoke", suppression: { reason: "load test" } }]);
    expect(out.accepted).toMatchObject({ kind: "applied" });
    expect(out.accepted?.kind === "applied" && out.accepted.warnings).toEqual(["suppression 2 (function gone-*) matches no finding"]);
    // The cached analysis is not touched.
    expect(loaded.report.findings).toBe(report.findings);
    expect(loaded.accepted).toBeUndefined();
  });

  it("gives the same object back for the same file and day, so views cached by report are not rebuilt", async () => {
    const f = file({ suppressions: [echo] });
    const first = await withAcceptedFindings(loaded, f, TODAY);
    expect(await withAcceptedFindings(loaded, f, TODAY)).toBe(first);
    // The next day is another answer (an entry may lapse).
    expect(await withAcceptedFindings(loaded, f, "2026-12-02")).not.toBe(first);
  });

  it("reads the file again once it changes, without a restart", async () => {
    const f = file({ suppressions: [echo] });
    expect((await withAcceptedFindings(loaded, f, TODAY)).report.findings.length).toBe(report.findings.length - 1);
    writeFileSync(f, JSON.stringify({ suppressions: [] }));
    utimesSync(f, new Date(), new Date(Date.now() + 5_000)); // a later mtime, whatever the filesystem's resolution
    const after = await withAcceptedFindings(loaded, f, TODAY);
    expect(after.report.findings).toEqual(report.findings);
    expect(after.report.suppressed).toEqual([]);
    expect(after.accepted).toEqual({ kind: "applied", file: f, warnings: [] });
  });

  it.each([
    ["not valid", () => file({ suppressions: [{ rule: "public-invoke" }] }), /^suppression 1, reason: reason is required/],
    ["not JSON", () => file("{"), /^not JSON/],
    ["missing", () => path.join(dir, "absent.json"), /^no such file$/],
    ["a directory", () => dir, /^cannot be read$/],
  ])("a file that is %s leaves every finding shown and says why", async (_name, make, message) => {
    const f = make();
    const out = await withAcceptedFindings(loaded, f, TODAY);
    expect(out.report).toBe(report);
    expect(out.accepted).toMatchObject({ kind: "invalid", file: f, error: expect.stringMatching(message) });
  });
});
