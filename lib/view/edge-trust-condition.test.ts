/**
 * A trust that lets Lambda@Edge in under a condition the snapshot cannot settle (which distribution asks)
 * still lets CloudFront run the function: "may" is what the invoker list must say, not a clean "none found".
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { newBuilder } from "@/lib/analysis/test-support";
import { invokerGapOf } from "./function-gaps";

const LOGS = policy(allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "*"));

describe("Lambda@Edge trust under a condition", () => {
  it("a SourceArn condition naming a distribution keeps the invokers unknown", () => {
    const b = newBuilder();
    const trust = policy(
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" } as never,
      {
        Effect: "Allow",
        Principal: { Service: "edgelambda.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudfront::123456789012:distribution/*" } },
      } as never,
    );
    b.fn({ region: "us-east-1", name: "edge", runtime: "nodejs22.x", role: b.role({ name: "edge-role", inline: { logs: LOGS }, trust }) });
    const report = analyzeSnapshot(parseSnapshot(b.build()));
    expect(invokerGapOf(report.functions.find((f) => f.name === "edge")!)?.state).toBe("unknown");
  });
});
