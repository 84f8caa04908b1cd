/** Properties of the suppressions file over generated input: a clear error or entries, and no finding ever lost. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot } from "@/lib/snapshot/read";
import { RULES } from "@/lib/findings/rules/registry";
import { applySuppressions } from "./apply";
import { parseSuppressions, SuppressionFileError, type Suppression } from "./parse";

const report = analyzeSnapshot(parseSnapshot(JSON.stringify(buildAcmeRetailDemo().snapshot)));
const names = [...new Set(report.functions.map((f) => f.name))];

const entry: fc.Arbitrary<Suppression> = fc
  .record(
    {
      rule: fc.constantFrom(...RULES.map((r) => r.id)),
      function: fc.oneof(fc.constantFrom(...names), fc.constantFrom("*", "catalog-*", "?ebug-echo", "nothing")),
      role: fc.constantFrom("*", "ops-admin-toolkit-role", "*-role"),
      id: fc.constantFrom(...report.findings.map((f) => f.id)),
      reason: fc.string({ minLength: 1 }).filter((s) => s.trim().length > 0),
      expires: fc.constantFrom("2020-01-01", "2026-12-01", "2099-12-31"),
    },
    { requiredKeys: ["reason"] },
  )
  .filter((s) => s.rule !== undefined || s.function !== undefined || s.role !== undefined || s.id !== undefined);

describe("suppressions, over generated input", () => {
  it("any JSON text is a list of entries or a SuppressionFileError, never another exception", () => {
    const value = fc.oneof(fc.jsonValue(), fc.record({ suppressions: fc.array(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom("rule", "function", "role", "id", "reason", "expires", "x"), fc.jsonValue()))) }));
    fc.assert(
      fc.property(fc.oneof(value.map((v) => JSON.stringify(v)), fc.string()), (text) => {
        try {
          expect(Array.isArray(parseSuppressions(text))).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(SuppressionFileError);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("every finding ends up in exactly one list, in its order, and only live entries accept", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const out = applySuppressions(report, entries, "2026-12-01");
        const suppressedIds = new Set(out.report.suppressed.map((f) => f.id));
        expect(out.report.findings.filter((f) => suppressedIds.has(f.id))).toEqual([]);
        const merged = report.findings.filter((f) => suppressedIds.has(f.id) || out.report.findings.includes(f));
        expect(merged).toEqual(report.findings);
        expect(out.report.findings.length + out.report.suppressed.length).toBe(report.findings.length);
        for (const f of out.report.suppressed) expect(entries[f.suppression.entry]!.expires ?? "9999").not.toBe("2020-01-01");
        // An entry is idle, lapsed or used: never two of these.
        const used = new Set(out.report.suppressed.map((f) => f.suppression.entry));
        for (const i of out.expired) expect(used.has(i) || out.unused.includes(i)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
