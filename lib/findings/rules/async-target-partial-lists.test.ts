/**
 * async-target-permission-missing when the lists its targets come from are partial: a destination on a mapping (or in
 * an invoke config) that was read is known and judged, as the dead-letter queue is; one the snapshot lacks could add
 * a verdict, never change one, so the function keeps the gap and data-unavailable names the rule as judged in part.
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION } from "../test-support";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { asyncTargetPermissionMissing } from "./async-target-permission-missing";
import { RULES } from "./registry";

const dataUnavailable = RULES.find((r) => r.id === "data-unavailable")!;
const PARTLY = "These rules judged it on the readable documents only, and an unread one could change their verdict:";

/** A stream worker whose mapping sends failed records to a queue its role may not send to, and a function with no mapping read. */
function region() {
  const b = builder();
  const streams = policy(allow(["kinesis:*"], "*"));
  const worker = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "worker-role", inline: { p: streams } }) });
  const idle = b.fn({ region: REGION, name: "idle", runtime: "python3.13", role: b.role({ name: "idle-role", inline: { p: streams } }) });
  b.esm({ functionArn: worker, sourceArn: b.arn("kinesis", REGION, "stream/s"), destinationOnFailure: b.arn("sqs", REGION, "failed-batches") });
  return { b, worker, idle };
}

describe("a mapping list that is only partly read", () => {
  it("leaves the verdict on the destination of a mapping that was read", () => {
    const { b, worker } = region();
    b.error({ region: REGION, operation: "ListEventSourceMappings", code: "ThrottlingException", message: "Rate exceeded" });
    expect(findingsOf(asyncTargetPermissionMissing, b).map((f) => [f.title, f.functions])).toEqual([
      ["Mapping on-failure destination lacks sqs:SendMessage", [worker]],
    ]);
  });

  it("keeps every function's mapping destinations unknown: named in its unknown and data-unavailable, never fine", () => {
    const { b, worker, idle } = region();
    b.error({ region: REGION, operation: "ListEventSourceMappings", code: "AccessDeniedException", message: "denied" });
    const report = analyzeSnapshot(parseSnapshot(b.build()));
    for (const fn of [worker, idle]) {
      expect(report.functions.find((f) => f.arn === fn)?.unknown).toContain("ListEventSourceMappings: AccessDeniedException");
      const gap = findingsOf(dataUnavailable, b).find((f) => f.functions.includes(fn));
      expect(gap?.title).toBe("Missing data: ListEventSourceMappings (AccessDeniedException)");
      expect(gap?.detail).toContain(PARTLY);
      expect(gap?.detail).toMatch(/could change their verdict: [^.]*async-target-permission-missing/);
    }
  });
});

describe("invoke configs that could not be read", () => {
  it("leave the dead-letter queue judged, so the rule is said to have judged the function in part, not skipped", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "r" }), dlq: b.arn("sqs", REGION, "api-dlq") });
    b.error({ operation: "GetFunctionEventInvokeConfig", target: fn, code: "AccessDeniedException", message: "denied" });
    expect(findingsOf(asyncTargetPermissionMissing, b).map((f) => f.title)).toEqual(["Dead-letter queue lacks sqs:SendMessage"]);
    const gap = findingsOf(dataUnavailable, b).find((f) => f.functions.includes(fn));
    expect(gap?.detail).toMatch(/could change their verdict: [^.]*async-target-permission-missing/);
    expect(gap?.detail).not.toMatch(/gave no verdict for it: [^.]*async-target-permission-missing/);
  });

  it("still leave the rule silent, and named as skipped, when IAM is not read either", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "r" }), dlq: b.arn("sqs", REGION, "api-dlq") });
    b.error({ operation: "GetFunctionEventInvokeConfig", target: fn, code: "AccessDeniedException", message: "denied" });
    b.error({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "denied" });
    expect(findingsOf(asyncTargetPermissionMissing, b)).toEqual([]);
    const gap = findingsOf(dataUnavailable, b).find((f) => f.functions.includes(fn));
    expect(gap?.detail).toMatch(/gave no verdict for it: [^.]*async-target-permission-missing/);
  });
});
