import { describe, expect, it } from "vitest";
import { asyncOnlyNote, wayInText } from "./way-in";

describe("wayInText", () => {
  it("names a grant's source ARN once, in its SourceArn condition, and the way in in words", () => {
    const arn = "arn:aws:execute-api:eu-west-1:123456789012:m2c8r5t1wd/*/POST/checkout";
    expect(wayInText({ via: "resource-policy", sourceArn: arn, conditionSummary: `SourceArn = ${arn}; SourceAccount = 123456789012` })).toBe(
      `via resource policy · SourceArn = ${arn}; SourceAccount = 123456789012`,
    );
  });

  it("keeps the source ARN when no condition names it: a mapping's queue, a grant narrowed otherwise", () => {
    const queue = "arn:aws:sqs:eu-west-1:123456789012:eu-orders-queue";
    expect(wayInText({ via: "event-source-mapping", sourceArn: queue, state: "Enabled" })).toBe(`via event source mapping from ${queue} (Enabled)`);
    expect(wayInText({ via: "resource-policy", sourceArn: "arn:aws:s3:::b", conditionSummary: "SourceAccount = 123456789012" })).toBe(
      "via resource policy from arn:aws:s3:::b · SourceAccount = 123456789012",
    );
  });

  it("says a function URL and its auth type", () => {
    expect(wayInText({ via: "function-url", authType: "AWS_IAM" })).toBe("via function URL (auth AWS_IAM)");
    expect(wayInText({ via: "resource-policy" })).toBe("via resource policy");
  });

  it("says when a grant is the deprecated InvokeAsync API and not Invoke, and only then", () => {
    expect(wayInText({ via: "resource-policy", actions: ["lambda:InvokeAsync"] })).toBe("via resource policy · InvokeAsync only");
    expect(wayInText({ via: "resource-policy", actions: ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:InvokeAsync"] })).toBe("via resource policy");
    expect(asyncOnlyNote(["lambda:InvokeFunction"])).toBe("");
    expect(asyncOnlyNote(undefined)).toBe("");
  });
});
