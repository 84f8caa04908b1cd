/**
 * The Acme retail demo (lib/snapshot/fixtures/demo) records, per function, the rules it is meant to fire. Running
 * every rule over it must give exactly those: no missed finding, no noise on the clean functions.
 */
import { describe, expect, it } from "vitest";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { RULES } from "./rules/registry";
import { allFindingsOf } from "./test-support";

describe("rules over the demo account", () => {
  const demo = buildAcmeRetailDemo();
  const { findings } = allFindingsOf(demo.snapshot);

  it.each(demo.entries.map((e) => [e.name, e] as const))("%s fires exactly its expected rules", (_name, entry) => {
    const fired = [...new Set(findings.filter((f) => f.functions.includes(entry.arn)).map((f) => f.rule))].sort();
    expect(fired).toEqual([...entry.expect].sort());
  });

  it("fires every registered rule at least once", () => {
    const fired = new Set(findings.map((f) => f.rule));
    expect(RULES.map((r) => r.id).filter((id) => !fired.has(id))).toEqual([]);
  });
});
