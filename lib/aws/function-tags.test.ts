/**
 * ListTags through the real SDK against the local endpoint: each function's tags are stored by its ARN, once per
 * function; a denied or malformed read is an error naming the function, whose tags the analysis then calls unknown.
 */
import { describe, expect, it } from "vitest";
import { scanAccount } from "./collect";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { builder, REGION } from "@/lib/findings/test-support";
import { analyzeSnapshot } from "@/lib/analysis/analyze";

const serve = useLocalEndpoint();

function account() {
  const b = builder();
  const role = b.role({ name: "r" });
  const tagged = b.fn({ region: REGION, name: "billing", runtime: "python3.13", role });
  const plain = b.fn({ region: REGION, name: "plain", runtime: "python3.13", role });
  b.functionTags(tagged, { team: "payments", "owner:email": "pay@example.com", Marker: "not a page token" });
  b.functionTags(plain, {});
  return { b, tagged, plain };
}

describe("ListTags in the scan", () => {
  it("stores each function's tags under its unqualified ARN, one call per function", async () => {
    const { b, tagged, plain } = account();
    const ep = await serve(b.build());
    const { snapshot, stats } = await scanAccount({ regions: [REGION] });
    expect(snapshot.regions[REGION]!.ListTags).toEqual({
      [tagged]: { Tags: { team: "payments", "owner:email": "pay@example.com", Marker: "not a page token" } },
      [plain]: { Tags: {} },
    });
    expect(stats.callsByOperation.ListTags).toBe(2);
    expect(ep.calls.filter((c) => c.operation === "ListTags").map((c) => c.target).sort()).toEqual([tagged, plain].sort());
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.find((f) => f.arn === tagged)?.tags).toEqual({ Marker: "not a page token", "owner:email": "pay@example.com", team: "payments" });
  });

  it("a denied read is an error naming the function, whose tags are then unknown; the rest of the scan goes on", async () => {
    const { b, tagged, plain } = account();
    await serve(b.build(), { faults: { accessDenied: [{ operation: "ListTags", target: tagged }] } });
    const { snapshot } = await scanAccount({ regions: [REGION] });
    expect(snapshot.errors.map((e) => [e.operation, e.target, e.code])).toEqual([["ListTags", tagged, "AccessDeniedException"]]);
    expect(Object.keys(snapshot.regions[REGION]!.ListTags!)).toEqual([plain]);
    const report = analyzeSnapshot(snapshot);
    const fn = report.functions.find((f) => f.arn === tagged);
    expect(fn?.unknown).toContain("ListTags: AccessDeniedException");
    expect(fn?.tags).toBeUndefined();
  });

  it("an answer whose tags are not text is a MalformedResponse for that function only", async () => {
    const { b, tagged, plain } = account();
    b.functionTagsAnswer(tagged, { Tags: { team: 7 } });
    await serve(b.build());
    const { snapshot } = await scanAccount({ regions: [REGION] });
    expect(snapshot.errors.map((e) => [e.operation, e.target, e.code])).toEqual([["ListTags", tagged, "MalformedResponse"]]);
    expect(Object.keys(snapshot.regions[REGION]!.ListTags!)).toEqual([plain]);
  });

  it("throttling is retried like every other call: the answers arrive whole", async () => {
    const { b, tagged } = account();
    await serve(b.build(), { faults: { throttleRate: 0.3, seed: 5 } });
    const { snapshot, stats } = await scanAccount({ regions: [REGION] });
    expect(snapshot.errors).toEqual([]);
    expect(stats.retried).toBeGreaterThan(0);
    expect(snapshot.regions[REGION]!.ListTags![tagged]).toEqual({ Tags: { team: "payments", "owner:email": "pay@example.com", Marker: "not a page token" } });
  });
});
