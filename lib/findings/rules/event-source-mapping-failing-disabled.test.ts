/**
 * A Disabled mapping's fix is to enable it again, but Lambda checks the execution role's permissions on the source when
 * a mapping is updated (lambda-permissions.md §1.4, "The provided execution role does not have permissions to call
 * ReceiveMessage on SQS"): pasted alone while event-source-missing-permissions reports a gap, the command fails. The
 * remediation says to close that gap first, and keeps the command on a line of its own to paste.
 */
import { describe, expect, it } from "vitest";
import type { MappingOptions, SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { builder, findingsOf, REGION } from "../test-support";
import { eventSourceMappingFailing } from "./event-source-mapping-failing";

const UUID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

/** The finding on function `worker`'s one mapping, this one (`b` names the source in the builder's account). */
function findingOfMapping(mapping: (b: SnapshotBuilder) => Omit<MappingOptions, "functionArn">) {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r" }) });
  b.esm({ functionArn: fn, ...mapping(b) });
  const [finding] = findingsOf(eventSourceMappingFailing, b);
  return finding;
}

describe("event-source-mapping-failing: remediation of a disabled mapping", () => {
  it("grants what the source needs first, then re-enables", () => {
    const finding = findingOfMapping((b) => ({ sourceArn: b.arn("sqs", REGION, "jobs"), uuid: UUID, state: "Disabled", stateTransitionReason: "User action" }));
    expect(finding?.remediation).toBe(
      "Once the execution role can do what the SQS trigger needs (Lambda checks the role for sqs:ReceiveMessage, sqs:DeleteMessage when it enables the mapping, and refuses without them; anything else the role lacks is not checked then, and the mapping is enabled and fails later: grant any action event-source-missing-permissions names first), re-enable the mapping:\n" +
        "aws lambda update-event-source-mapping --uuid aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee --enabled --region us-east-1",
    );
    // The order as data, for whoever carries the fixes out (the round trip): the words above are made from it.
    expect(finding?.fixesFirst).toEqual(["event-source-missing-permissions"]);
  });

  it("a Kinesis mapping: names the reads Lambda checks, says which of the reads AWS's refusal names it tests is presumed, and what only degrades it", () => {
    const finding = findingOfMapping((b) => ({ sourceArn: `${b.arn("kinesis", REGION, "stream/clicks")}/consumer/lambda:1718000000`, uuid: UUID, state: "Disabled", stateTransitionReason: "User action" }));
    expect(finding?.remediation).toBe(
      "Once the execution role can do what the Kinesis trigger needs (Lambda checks the role for kinesis:GetRecords, kinesis:GetShardIterator, kinesis:DescribeStream when it enables the mapping, and refuses without them " +
        "(AWS's refusal names kinesis:ListShards and kinesis:ListStreams too; that it tests only these three is presumed, unverified); anything else the role lacks is not checked then, and the mapping is enabled and fails later, " +
        "or runs degraded if the role lacks only kinesis:DescribeStreamSummary, kinesis:ListShards: grant any action event-source-missing-permissions names first), re-enable the mapping:\n" +
        "aws lambda update-event-source-mapping --uuid aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee --enabled --region us-east-1",
    );
  });

  it("a Kafka mapping is enabled all the same and fails again (§1.4): the fix does not say Lambda refuses it", () => {
    const finding = findingOfMapping(() => ({ selfManagedKafka: { bootstrapServers: ["b-1.example.com:9092"] }, topics: ["orders"], uuid: UUID, state: "Disabled", stateTransitionReason: "User action" }));
    expect(finding?.remediation).toBe(
      "Once the execution role can do what the Kafka trigger needs (it fails again otherwise; Lambda refuses at once only a credentials secret the role cannot read: grant any action event-source-missing-permissions names first), re-enable the mapping:\n" +
        "aws lambda update-event-source-mapping --uuid aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee --enabled --region us-east-1",
    );
    expect(finding?.fixesFirst).toEqual(["event-source-missing-permissions"]);
  });

  it("names nothing to come first where the mapping is not disabled: it retries by itself", () => {
    const finding = findingOfMapping((b) => ({ sourceArn: b.arn("sqs", REGION, "jobs"), state: "Enabled", lastProcessingResult: "PROBLEM: Function call failed" }));
    expect(finding?.remediation).not.toContain("names first");
    expect(finding).not.toHaveProperty("fixesFirst");
  });
});
