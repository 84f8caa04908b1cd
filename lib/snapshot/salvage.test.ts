/**
 * One resource's malformed answer is set aside as unknown (salvage.ts), and the rest of the snapshot analysed; what
 * cannot be tied to one resource still refuses the file with a clear error.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { mutated, paths, setAt } from "@/lib/snapshot/fixtures/mutations";
import { parseSnapshot, SnapshotReadError } from "./read";
import { MALFORMED_RESPONSE, RegionDataSchema } from "./schema";

const demo = JSON.parse(JSON.stringify(buildAcmeRetailDemo().snapshot)) as { regions: Record<string, Record<string, unknown>> };
const US = "us-east-1";
const ACCOUNT = "123456789012";
const DEBUG_ECHO = `arn:aws:lambda:${US}:${ACCOUNT}:function:debug-echo`;
const FUNCTIONS = analyzeSnapshot(parseSnapshot(demo)).functions.length;

function edited(path: (string | number)[], value: unknown) {
  return setAt(structuredClone(demo), path, value);
}

describe("a malformed answer about one resource", () => {
  it("is unknown for that resource (never 'no policy'), recorded as MalformedResponse, and the rest is analysed", () => {
    const before = analyzeSnapshot(parseSnapshot(demo));
    expect(before.findings.some((f) => f.rule === "public-invoke" && f.function === DEBUG_ECHO)).toBe(true);

    const snapshot = parseSnapshot(edited(["regions", US, "GetPolicy", DEBUG_ECHO, "RevisionId"], ["not", "a", "string"]));
    expect(snapshot.errors).toContainEqual({
      region: US,
      operation: "GetPolicy",
      target: DEBUG_ECHO,
      code: MALFORMED_RESPONSE,
      message: "RevisionId: Invalid input: expected string, received array (set aside when the snapshot was read)",
    });
    const report = analyzeSnapshot(snapshot);
    expect(report.functions).toHaveLength(FUNCTIONS);
    const fn = report.functions.find((f) => f.arn === DEBUG_ECHO)!;
    expect(fn.unknown.join(" ")).toMatch(/GetPolicy/);
    // Its policy was not read, so no verdict on it either way, and the gap is a finding of its own.
    expect(report.findings.some((f) => f.rule === "public-invoke" && f.function === DEBUG_ECHO)).toBe(false);
    expect(report.findings.some((f) => f.rule === "data-unavailable" && f.function === DEBUG_ECHO)).toBe(true);
    // Every other function's findings are as before.
    const others = (r: typeof report) => r.findings.filter((f) => f.function !== DEBUG_ECHO && f.rule !== "data-unavailable").map((f) => f.id).sort();
    expect(others(report)).toEqual(others(before));
  });

  it("every per-resource map of the region: one entry of the wrong type is set aside, the snapshot still reads", () => {
    const operations = Object.keys(RegionDataSchema.shape).filter((op) => {
      const map = demo.regions[US]![op];
      return map !== null && typeof map === "object" && !Array.isArray(map) && Object.keys(map).length > 0 && !("Functions" in map) && !("EventSourceMappings" in map);
    });
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const op of operations) {
      const target = Object.keys(demo.regions[US]![op] as object)[0]!;
      const snapshot = parseSnapshot(edited(["regions", US, op, target], 42));
      expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE), op).toEqual([expect.objectContaining({ operation: op, target, region: US })]);
      expect(analyzeSnapshot(snapshot).functions, op).toHaveLength(FUNCTIONS);
    }
  });

  it("200 hostile edits inside per-resource answers: a report of every function, or a clear error for a whole map", () => {
    const perResource = paths(demo).filter((p) => p[0] === "regions" && p.length >= 4 && !["ListFunctions", "ListEventSourceMappings", "ListVersionsByFunction"].includes(String(p[2])));
    let reports = 0;
    fc.assert(
      fc.property(mutated(demo, perResource), (snap) => {
        try {
          expect(analyzeSnapshot(parseSnapshot(snap)).functions).toHaveLength(FUNCTIONS);
          reports++;
        } catch (e: unknown) {
          if (!(e instanceof SnapshotReadError)) throw e;
        }
      }),
      { numRuns: 200, seed: 20261204 },
    );
    expect(reports).toBeGreaterThan(150);
  });
});

describe("a malformed answer of the organization's section", () => {
  const SCP = "p-5tq8v2mz";
  const organizationUnknown = (snapshot: ReturnType<typeof parseSnapshot>) => {
    const report = analyzeSnapshot(snapshot);
    expect(report.functions).toHaveLength(FUNCTIONS);
    expect(report.organization).toBeUndefined();
    expect(report.unknown?.join(" ")).toMatch(/The organization's SCPs and RCPs: .*MalformedResponse/);
    expect(report.findings.filter((f) => f.rule === "data-unavailable" && f.function === undefined && /SCP/.test(f.title))).toHaveLength(1);
  };

  it("one policy's answer: set aside as MalformedResponse, the guardrails unknown, every function analysed", () => {
    expect(analyzeSnapshot(parseSnapshot(demo)).organization?.state).toBe("applied");
    const snapshot = parseSnapshot(edited(["organizations", "DescribePolicy", SCP, "Policy"], "not an object"));
    expect(snapshot.errors).toContainEqual({
      operation: "DescribePolicy",
      target: SCP,
      code: MALFORMED_RESPONSE,
      message: "Policy: Invalid input: expected object, received string (set aside when the snapshot was read)",
    });
    expect(snapshot.organizations?.DescribePolicy?.[SCP]).toBeUndefined();
    expect(snapshot.organizations?.DescribeOrganization).toBeDefined();
    organizationUnknown(snapshot);
  });

  it("the organization's own answer, or a section that is not an object: set aside as DescribeOrganization", () => {
    const odd = parseSnapshot(edited(["organizations", "DescribeOrganization", "Organization", "Id"], 7));
    expect(odd.errors).toContainEqual(expect.objectContaining({ operation: "DescribeOrganization", code: MALFORMED_RESPONSE, message: expect.stringMatching(/^Organization\.Id: /) }));
    organizationUnknown(odd);
    const whole = parseSnapshot(edited(["organizations"], "nope"));
    expect(whole.organizations).toEqual({});
    expect(whole.errors).toContainEqual(expect.objectContaining({ operation: "DescribeOrganization", code: MALFORMED_RESPONSE }));
    organizationUnknown(whole);
  });

  it("a map of answers of the wrong type loses that operation's answers only, once", () => {
    const snapshot = parseSnapshot(edited(["organizations", "ListPoliciesForTarget"], ["not", "a", "map"]));
    expect(snapshot.errors.filter((e) => e.operation === "ListPoliciesForTarget" && e.code === MALFORMED_RESPONSE)).toHaveLength(1);
    expect(snapshot.organizations?.DescribePolicy?.[SCP]).toBeDefined();
    organizationUnknown(snapshot);
  });
});

describe("what is not one resource's answer still refuses the file", () => {
  it("a whole map of the wrong type", () => {
    expect(() => parseSnapshot(edited(["regions", US, "GetPolicy"], "nope"))).toThrow(/regions\.us-east-1\.GetPolicy: Invalid input: expected record/);
  });

  it("a function entry of the wrong type, even beside a malformed answer that alone would be set aside", () => {
    const snap = edited(["regions", US, "GetPolicy", DEBUG_ECHO, "RevisionId"], 7);
    setAt(snap, ["regions", US, "ListFunctions", "Functions", 0, "Description"], ["x"]);
    expect(() => parseSnapshot(snap)).toThrow(SnapshotReadError);
  });

  it("an errors list that is not a list (nowhere to record what was set aside)", () => {
    const snap = edited(["regions", US, "GetPolicy", DEBUG_ECHO, "RevisionId"], 7) as Record<string, unknown>;
    snap.errors = "none";
    expect(() => parseSnapshot(snap)).toThrow(SnapshotReadError);
  });
});
