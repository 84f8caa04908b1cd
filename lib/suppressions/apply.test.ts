import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { Finding } from "@/lib/analysis/types";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot } from "@/lib/snapshot/read";
import { applySuppressions, suppressionWarnings, todayUtc } from "./apply";
import { parseSuppressions, type Suppression } from "./parse";

const report = analyzeSnapshot(parseSnapshot(JSON.stringify(buildAcmeRetailDemo().snapshot)));
const TODAY = "2026-12-01";
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const idsOf = (findings: readonly Finding[]) => findings.map((f) => f.id);
const accepted = (...entries: Suppression[]) => applySuppressions(report, entries, TODAY);
const find = (rule: string, arn: string) => {
  const f = report.findings.find((x) => x.rule === rule && (x.function === arn || x.functions.includes(arn)));
  if (!f) throw new Error(`demo has no ${rule} on ${arn}`);
  return f;
};

describe("applying suppressions", () => {
  it("moves exactly the matching finding, with its reason, and loses nothing", () => {
    const target = find("public-invoke", fn("debug-echo"));
    const out = accepted({ rule: "public-invoke", function: "debug-echo", reason: "load test", expires: "2027-01-31" });
    expect(out.report.suppressed).toEqual([{ ...target, suppression: { reason: "load test", expires: "2027-01-31", entry: 0 } }]);
    expect(idsOf(out.report.findings)).toEqual(idsOf(report.findings).filter((id) => id !== target.id));
    // Everything else in the report is the report's own.
    expect({ ...out.report, findings: report.findings, suppressed: undefined }).toEqual({ ...report, suppressed: undefined });
    expect(out.unused).toEqual([]);
    expect(out.expired).toEqual([]);
  });

  it("selects by id, by function ARN, by name wildcard, by role name or ARN", () => {
    const echo = find("public-invoke", fn("debug-echo"));
    const admin = find("role-admin-access", fn("ops-admin-toolkit"));
    const cases: [Suppression, string[]][] = [
      [{ id: echo.id, reason: "x" }, [echo.id]],
      [{ rule: "public-invoke", function: fn("debug-echo"), reason: "x" }, [echo.id]],
      [{ rule: "public-invoke", function: "debug-*", reason: "x" }, [echo.id]],
      [{ role: "ops-admin-toolkit-role", rule: "role-admin-access", reason: "x" }, [admin.id]],
      [{ role: admin.role!, reason: "x" }, idsOf(report.findings.filter((f) => f.role === admin.role))],
      [{ role: "*", rule: "role-admin-access", reason: "x" }, idsOf(report.findings.filter((f) => f.rule === "role-admin-access"))],
    ];
    for (const [entry, ids] of cases) {
      expect(ids.length).toBeGreaterThan(0);
      expect(idsOf(accepted(entry).report.suppressed)).toEqual(ids);
    }
  });

  it("a selector that differs by one field accepts nothing: rule, function and role must all hold", () => {
    for (const entry of [
      { rule: "function-url-public", function: "debug-echo", reason: "x" },
      { rule: "public-invoke", function: "debug-ech", reason: "x" },
      { rule: "public-invoke", function: "arn:aws:lambda:eu-west-1:123456789012:function:debug-echo", reason: "x" },
      // Function-level findings have no role: a role selector never matches them.
      { rule: "public-invoke", role: "*", reason: "x" },
      // Names are case-sensitive, like ARNs.
      { rule: "public-invoke", function: "Debug-Echo", reason: "x" },
    ]) {
      const out = accepted(entry);
      expect(out.report.suppressed).toEqual([]);
      expect(out.unused).toEqual([0]);
    }
  });

  it("a role-level finding is accepted by function only when the entry names every function of the role", () => {
    const shared = report.findings.find((f) => f.rule === "role-shared" && f.functions.length > 1)!;
    expect(shared).toBeDefined();
    const [first, second] = shared.functions.map((arn) => arn.split(":")[6]!);
    expect(accepted({ rule: "role-shared", function: first!, reason: "x" }).report.suppressed).toEqual([]);
    const prefix = first!.slice(0, first!.indexOf("-") + 1);
    expect(second!.startsWith(prefix)).toBe(true);
    expect(idsOf(accepted({ rule: "role-shared", function: `${prefix}*`, reason: "x" }).report.suppressed)).toEqual([shared.id]);
  });

  it("an entry applies through its expiry day, not after", () => {
    const entry = { rule: "public-invoke", function: "debug-echo", reason: "x", expires: TODAY };
    expect(applySuppressions(report, [entry], TODAY).report.suppressed).toHaveLength(1);
    const after = applySuppressions(report, [entry], "2026-12-02");
    expect(after.report.suppressed).toEqual([]);
    expect(after.expired).toEqual([0]);
    expect(after.unused).toEqual([]); // expired is said once, not also as unused
    expect(after.report.findings).toEqual(report.findings);
  });

  it("an entry with a severity accepts its findings up to it; a worse one counts again, with a warning", () => {
    const admin = find("role-admin-access", fn("ops-admin-toolkit"));
    expect(admin.severity).toBe("critical");
    for (const severity of ["critical", "high", "medium"] as const) {
      const out = accepted({ id: admin.id, severity, reason: "break-glass" });
      const accepts = severity === "critical";
      expect(idsOf(out.report.suppressed)).toEqual(accepts ? [admin.id] : []);
      expect(idsOf(out.report.findings).includes(admin.id)).toBe(!accepts);
      // The entry is not idle (it found its finding, grown worse): it is named for what happened.
      expect(out.unused).toEqual([]);
      expect(out.outgrown).toEqual(accepts ? [] : [{ entry: 0, id: admin.id, severity: "critical" }]);
      expect(suppressionWarnings([{ id: admin.id, severity, reason: "break-glass" }], out)).toEqual(
        accepts ? [] : [`suppression 1 (id ${admin.id}) accepts findings up to ${severity}; ${admin.id} is critical now and counts again`],
      );
    }
    // Less severe findings of a rule-wide entry stay accepted.
    const wide = accepted({ rule: "data-unavailable", severity: "info", reason: "SCP" });
    expect(wide.report.suppressed.length).toBeGreaterThan(0);
    expect(wide.outgrown).toEqual([]);
  });

  it("a finding two entries match is credited to the first; neither is reported unused", () => {
    const out = accepted({ rule: "public-invoke", function: "debug-echo", reason: "first" }, { function: "debug-echo", reason: "second" }, { function: "nothing-*", reason: "idle" });
    const echo = out.report.suppressed.find((f) => f.rule === "public-invoke")!;
    expect(echo.suppression).toEqual({ reason: "first", entry: 0 });
    expect(out.unused).toEqual([2]);
  });

  it("the example in docs/suppressions.md is a valid file, and each of its entries accepts a finding of the demo", () => {
    const doc = readFileSync(path.join(__dirname, "../../docs/suppressions.md"), "utf8");
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const entries = parseSuppressions(example!);
    expect(entries.length).toBeGreaterThanOrEqual(4);
    const out = applySuppressions(report, entries, TODAY);
    expect(out.unused).toEqual([]);
    expect(out.expired).toEqual([]);
    expect(new Set(out.report.suppressed.map((f) => f.suppression.entry)).size).toBe(entries.length);
  });

  it("today is the UTC date, the form expires dates take", () => {
    expect(todayUtc(new Date("2026-12-01T23:59:59-05:00"))).toBe("2026-12-02");
    expect(todayUtc(new Date("2026-12-01T00:00:00Z"))).toBe("2026-12-01");
  });
});
