/**
 * A mapping whose FunctionArn cannot be read may be any function's of its region: the mappings that were read are
 * still judged (one more could add a verdict, never change one), while every function of the region keeps the gap.
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION, type SnapshotPatch } from "../test-support";
import { eventSourceMissingPermissions } from "./event-source-missing-permissions";
import { eventSourceMappingFailing } from "./event-source-mapping-failing";
import { RULES } from "./registry";

const dataUnavailable = RULES.find((r) => r.id === "data-unavailable")!;
const UNOWNED = "99999999-2222-3333-4444-555555555555";

/** A worker whose role may not receive from the queue its disabled mapping reads, a function with none, and a mapping of either. */
function region() {
  const b = builder();
  const logsOnly = (name: string) => b.role({ name, inline: { p: policy(allow(["logs:CreateLogGroup"], "*")) } });
  const worker = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: logsOnly("worker-role") });
  const idle = b.fn({ region: REGION, name: "idle", runtime: "python3.13", role: logsOnly("idle-role") });
  b.esm({ functionArn: worker, sourceArn: b.arn("sqs", REGION, "orders"), uuid: "11111111-2222-3333-4444-555555555555", state: "Disabled" });
  b.esm({ functionArn: idle, sourceArn: b.arn("sqs", REGION, "returns"), uuid: UNOWNED });
  return { b, worker, idle };
}

/** The mapping UNOWNED loses its FunctionArn: the reader sets it aside against no function. */
const unowned: SnapshotPatch = (s) => {
  const m = s.regions![REGION]!.ListEventSourceMappings!.EventSourceMappings!.find((e) => e.UUID === UNOWNED)!;
  (m as { FunctionArn: unknown }).FunctionArn = 42;
};

describe("a mapping whose function cannot be read", () => {
  it("leaves the verdicts on the mappings that were read", () => {
    const { b, worker } = region();
    expect(findingsOf(eventSourceMissingPermissions, b, unowned).map((f) => f.functions)).toEqual([[worker]]);
    expect(findingsOf(eventSourceMappingFailing, b, unowned).map((f) => f.functions)).toEqual([[worker]]);
  });

  it("stays a gap of every function of its region: a function with no mapping read is not called fine", () => {
    const { b, worker, idle } = region();
    const gaps = findingsOf(dataUnavailable, b, unowned);
    for (const fn of [worker, idle]) {
      const gap = gaps.find((f) => f.functions.includes(fn));
      expect(gap?.title).toBe("Missing data: ListEventSourceMappings (MalformedResponse)");
      expect(gap?.detail).toContain("judged it on the readable documents only, and an unread one could change their verdict: event-source-missing-permissions, event-source-mapping-failing");
    }
  });
});
