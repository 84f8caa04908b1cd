import { describe, expect, it } from "vitest";
import { regionStreams } from "./streams";
import { parseStreamArn } from "@/lib/analysis/streams-used";

const A = "123456789012";
const s = (name: string, region = "us-east-1") => `arn:aws:kinesis:${region}:${A}:stream/${name}`;

describe("regionStreams", () => {
  it("names every stream a mapping reads, a consumer's stream for enhanced fan-out, once each, and nothing that is not a stream", () => {
    const used = regionStreams({
      ListEventSourceMappings: {
        EventSourceMappings: [
          { UUID: "1", EventSourceArn: s("orders") },
          { UUID: "2", EventSourceArn: `${s("orders")}/consumer/fast-reader:1765000000` },
          { UUID: "3", EventSourceArn: `${s("clicks.v2", "eu-west-1")}/consumer/c:1` },
          { UUID: "4", EventSourceArn: `arn:aws:sqs:us-east-1:${A}:jobs` },
          { UUID: "5", EventSourceArn: `arn:aws:dynamodb:us-east-1:${A}:table/t/stream/2026-01-01T00:00:00.000` },
          { UUID: "6" },
        ],
      },
    });
    expect(used).toEqual([s("clicks.v2", "eu-west-1"), s("orders")]);
    expect(regionStreams({})).toEqual([]);
  });
});

describe("parseStreamArn", () => {
  it("splits a stream or consumer ARN into the stream's ARN, region and account, in each partition", () => {
    expect(parseStreamArn(`arn:aws-cn:kinesis:cn-north-1:${A}:stream/s/consumer/c:1`)).toEqual({
      stream: `arn:aws-cn:kinesis:cn-north-1:${A}:stream/s`,
      consumer: `arn:aws-cn:kinesis:cn-north-1:${A}:stream/s/consumer/c:1`,
      partition: "aws-cn",
      region: "cn-north-1",
      account: A,
      name: "s",
    });
    expect(parseStreamArn(s("orders"))).toEqual({ stream: s("orders"), partition: "aws", region: "us-east-1", account: A, name: "orders" });
  });
  it("has none for what is not a stream or consumer ARN", () => {
    expect(parseStreamArn(`arn:aws:kinesis:us-east-1:${A}:stream/`)).toBeUndefined();
    expect(parseStreamArn(`arn:aws:kinesis:us-east-1:${A}:stream/s/consumer/c`)).toBeUndefined();
    expect(parseStreamArn(`arn:aws:firehose:us-east-1:${A}:deliverystream/s`)).toBeUndefined();
    expect(parseStreamArn(`arn:aws:kinesis:us-east-1:12345:stream/s`)).toBeUndefined();
  });
});
