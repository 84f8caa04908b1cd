/**
 * As in the demo (clickstream-aggregator): the mapping is State "Enabled" with LastProcessingResult
 * "PROBLEM: Function call failed". The remediation ends "then re-enable the mapping: aws lambda
 * update-event-source-mapping --uuid … --enabled": the mapping is already enabled, so that command changes nothing.
 * "Function call failed" is the function's invocation failing (Lambda DG, kinesis-on-failure-destination: "If the
 * function is invoked but returns an error, Lambda retries until the records expire…"), not the poller's access to the
 * source, so the remediation must not send the reader to re-enable an enabled mapping.
 */
import { describe, expect, it } from "vitest";
import { builder, findingsOf, REGION } from "../test-support";
import { eventSourceMappingFailing } from "./event-source-mapping-failing";

describe("event-source-mapping-failing: remediation of an enabled mapping", () => {
  it("does not tell the reader to re-enable a mapping that is already Enabled", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r" }) });
    b.esm({
      functionArn: fn,
      sourceArn: b.arn("kinesis", REGION, "stream/clicks"),
      uuid: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
      state: "Enabled",
      lastProcessingResult: "PROBLEM: Function call failed",
      stateTransitionReason: "User action",
    });
    const [finding] = findingsOf(eventSourceMappingFailing, b);
    expect(finding?.title).toBe("Kinesis trigger failing: PROBLEM: Function call failed");
    expect(finding?.remediation).not.toMatch(/re-enable/);
    expect(finding?.remediation).not.toMatch(/--enabled/);
  });
});
