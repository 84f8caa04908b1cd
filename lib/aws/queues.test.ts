import { describe, expect, it } from "vitest";
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
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
  });
  it("has none for what is not a queue ARN", () => {
    expect(queueUrl(`arn:aws:sns:us-east-1:${A}:topic`)).toBeUndefined();
    expect(queueUrl(`arn:aws:sqs:us-east-1:${A}:bad/name`)).toBeUndefined();
  });
});
