import { describe, expect, it } from "vitest";
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { scanAccount } from "./collect";
import { queueUrl, regionQueues } from "./queues";

const A = "123456789012";
const q = (name: string, region = "us-east-1") => `arn:aws:sqs:${region}:${A}:${name}`;
const fn = (name: string, dlq?: string): FunctionConfiguration => ({
  FunctionArn: `arn:aws:lambda:us-east-1:${A}:function:${name}`,
  ...(dlq ? { DeadLetterConfig: { TargetArn: dlq } } : {}),
});

describe("regionQueues", () => {
  it("names every queue a function, version, mapping or async setting uses, once each, and nothing that is not a queue", () => {
    const used = regionQueues({
      ListFunctions: { Functions: [fn("a", q("a-dlq")), fn("b", `arn:aws:sns:us-east-1:${A}:topic`), fn("c")] },
      ListVersionsByFunction: { [fn("a").FunctionArn!]: { Versions: [{ ...fn("a", q("old-dlq")), Version: "1" }] } },
      ListEventSourceMappings: {
        EventSourceMappings: [
          { UUID: "1", EventSourceArn: q("jobs.fifo") },
          { UUID: "2", EventSourceArn: `arn:aws:kinesis:us-east-1:${A}:stream/s`, DestinationConfig: { OnFailure: { Destination: q("stream-failures") } } },
          { UUID: "3", EventSourceArn: q("jobs.fifo") },
        ],
      },
      GetFunctionEventInvokeConfig: {
        [fn("b").FunctionArn!]: { DestinationConfig: { OnSuccess: { Destination: q("done", "eu-west-1") }, OnFailure: { Destination: `arn:aws:events:us-east-1:${A}:event-bus/x` } } },
      },
    });
    expect(used).toEqual([q("done", "eu-west-1"), q("a-dlq"), q("jobs.fifo"), q("old-dlq"), q("stream-failures")]);
  });
});

describe("queueUrl", () => {
  it("is the documented URL of the queue's region and account, in each partition", () => {
    expect(queueUrl(q("jobs.fifo"))).toBe(`https://sqs.us-east-1.amazonaws.com/${A}/jobs.fifo`);
    expect(queueUrl(`arn:aws-cn:sqs:cn-north-1:${A}:orders`)).toBe(`https://sqs.cn-north-1.amazonaws.com.cn/${A}/orders`);
    expect(queueUrl(`arn:aws-us-gov:sqs:us-gov-west-1:${A}:orders`)).toBe(`https://sqs.us-gov-west-1.amazonaws.com/${A}/orders`);
    // The ISO partitions serve SQS from their own domains (the SDK's partitions table), not amazonaws.com.
    expect(queueUrl(`arn:aws-iso:sqs:us-iso-east-1:${A}:orders`)).toBe(`https://sqs.us-iso-east-1.c2s.ic.gov/${A}/orders`);
    expect(queueUrl(`arn:aws-iso-b:sqs:us-isob-east-1:${A}:orders`)).toBe(`https://sqs.us-isob-east-1.sc2s.sgov.gov/${A}/orders`);
  });
  it("has none for what is not a queue ARN", () => {
    expect(queueUrl(`arn:aws:sns:us-east-1:${A}:topic`)).toBeUndefined();
    expect(queueUrl(`arn:aws:sqs:us-east-1:${A}:bad/name`)).toBeUndefined();
  });
});

const serve = useLocalEndpoint();

describe("the scan's queue reads, at the local endpoint", () => {
  it("asks for the queue policy with the encryption and stores it as SQS returns it; nothing else the queue has", async () => {
    const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-20T09:30:00Z" });
    const queue = q("orders");
    const role = b.role({ name: "worker-role", inline: { sqs: policy(allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], queue)) } });
    const worker = b.fn({ region: "us-east-1", name: "worker", runtime: "nodejs22.x", role, dlq: q("no-policy") });
    b.esm({ functionArn: worker, sourceArn: queue, uuid: "11111111-2222-3333-4444-555555555555" });
    const doc = { Version: "2012-10-17", Statement: [{ Sid: "Worker", Effect: "Allow", Principal: { AWS: role }, Action: "sqs:ReceiveMessage", Resource: queue }] };
    b.queueEncryption(queue, { sseSqs: true });
    b.queuePolicy(queue, doc);
    b.queueEncryption(q("no-policy"), {});
    const input = b.build();
    // What the queue also has, which the scan does not ask for: the endpoint must leave it out, as SQS does.
    const stored = input.regions!["us-east-1"]!.GetQueueAttributes as Record<string, { Attributes: Record<string, string> }>;
    stored[queue]!.Attributes.VisibilityTimeout = "30";
    stored[q("no-policy")]!.Attributes.VisibilityTimeout = "30";
    await serve(input);
    const { snapshot } = await scanAccount({ regions: ["us-east-1"] });
    const read = snapshot.regions["us-east-1"]!.GetQueueAttributes as Record<string, { Attributes?: Record<string, string> }>;
    expect(read[queue]?.Attributes).toEqual({ SqsManagedSseEnabled: "true", Policy: JSON.stringify(doc) });
    expect(JSON.parse(read[queue]!.Attributes!.Policy!)).toEqual(doc);
    // No policy: SQS leaves the attribute out, and the analysis reads that as "none".
    expect(read[q("no-policy")]?.Attributes).toEqual({ SqsManagedSseEnabled: "false" });
  });
});
