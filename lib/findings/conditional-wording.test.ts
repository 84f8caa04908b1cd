/**
 * The bridge from wording to data: over the demo account and a synthetic one, every finding whose title words a
 * conditional answer ("may", outside rules whose fixed title says it) carries `conditional`, and no other does. Rule
 * tests hold the same through findingsOf; these accounts reach the rules' paths together, as a scan does.
 */
import { describe, expect, it } from "vitest";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { allFindingsOf, conditionalWordingMismatches } from "./test-support";

describe("conditional findings are flagged as such", () => {
  it.each([
    ["the demo account", () => buildAcmeRetailDemo().snapshot],
    ["a synthetic account", () => generateSyntheticSnapshot({ functions: 2000, roles: 800, seed: 7 })],
  ])("in %s, exactly those whose title says so", (_name, snapshot) => {
    const { findings } = allFindingsOf(snapshot());
    expect(conditionalWordingMismatches(findings)).toEqual([]);
    // Not vacuous: each account has conditional findings and certain ones.
    expect(findings.some((f) => f.conditional)).toBe(true);
    expect(findings.some((f) => !f.conditional)).toBe(true);
  });
});
