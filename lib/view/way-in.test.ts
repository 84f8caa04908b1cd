import { describe, expect, it } from "vitest";
import { asyncOnlyNote, qualifierNote, wayInSource, wayInText } from "./way-in";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:pricing-engine";

describe("wayInText", () => {
  it("names a grant's source ARN once, in its SourceArn condition, and the way in in words", () => {
    const arn = "arn:aws:execute-api:eu-west-1:123456789012:m2c8r5t1wd/*/POST/checkout";
    expect(wayInText({ via: "resource-policy", sourceArn: arn, conditionSummary: `SourceArn = ${arn}; SourceAccount = 123456789012` }, FN)).toBe(
      `via resource policy · SourceArn = ${arn}; SourceAccount = 123456789012`,
    );
  });

  it("keeps the source ARN when no condition names it: a mapping's queue, a grant narrowed otherwise", () => {
    const queue = "arn:aws:sqs:eu-west-1:123456789012:eu-orders-queue";
    expect(wayInText({ via: "event-source-mapping", sourceArn: queue, state: "Enabled" }, FN)).toBe(`via event source mapping from ${queue} (Enabled)`);
    expect(wayInText({ via: "resource-policy", sourceArn: "arn:aws:s3:::b", conditionSummary: "SourceAccount = 123456789012" }, FN)).toBe(
      "via resource policy from arn:aws:s3:::b · SourceAccount = 123456789012",
    );
  });

  it("says a function URL and its auth type", () => {
    expect(wayInText({ via: "function-url", authType: "AWS_IAM" }, FN)).toBe("via function URL (auth AWS_IAM)");
    expect(wayInText({ via: "resource-policy" }, FN)).toBe("via resource policy");
  });

  it("says when a grant is the deprecated InvokeAsync API and not Invoke, and only then", () => {
    expect(wayInText({ via: "resource-policy", actions: ["lambda:InvokeAsync"] }, FN)).toBe("via resource policy · InvokeAsync only");
    expect(wayInText({ via: "resource-policy", actions: ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:InvokeAsync"] }, FN)).toBe("via resource policy");
    expect(asyncOnlyNote(["lambda:InvokeFunction"])).toBe("");
    expect(asyncOnlyNote(undefined)).toBe("");
  });

  it("says which alias or version a way in is on, so that two grants alike but for their alias read apart", () => {
    const api = "arn:aws:execute-api:us-east-1:123456789012:k7prc1/*/GET/prices";
    const grant = { via: "resource-policy" as const, sourceArn: api, conditionSummary: `SourceArn = ${api}` };
    const live = wayInText({ ...grant, qualifier: `${FN}:live` }, FN);
    const canary = wayInText({ ...grant, qualifier: `${FN}:canary` }, FN);
    expect(live).toBe(`via resource policy · on alias live · SourceArn = ${api}`);
    expect(canary).toBe(`via resource policy · on alias canary · SourceArn = ${api}`);
    expect(wayInText({ via: "function-url", authType: "NONE", qualifier: `${FN}:prod` }, FN)).toBe("via function URL (auth NONE) · on alias prod");
    expect(wayInText({ via: "resource-policy", qualifier: `${FN}:28` }, FN)).toBe("via resource policy · on version 28");
  });

  it("says nothing of the qualifier on the function itself, or on the alias whose details list the way in", () => {
    expect(wayInText({ via: "resource-policy" }, FN)).toBe("via resource policy");
    expect(wayInText({ via: "resource-policy", qualifier: FN }, FN)).toBe("via resource policy");
    expect(wayInText({ via: "resource-policy", qualifier: `${FN}:live` }, FN, `${FN}:live`)).toBe("via resource policy");
    expect(qualifierNote(FN, `${FN}:live`, `${FN}:canary`)).toBe(" · on alias live");
  });
});

describe("wayInSource", () => {
  it("names a grant's statement and a mapping's UUID, and nothing for a URL or an identity policy", () => {
    expect(wayInSource({ via: "resource-policy", sid: "AllowS3" })).toBe("statement AllowS3");
    expect(wayInSource({ via: "resource-policy", sid: "#0" })).toBe("statement #0");
    expect(wayInSource({ via: "event-source-mapping", uuid: "6f1c2d3e" })).toBe("mapping 6f1c2d3e");
    expect(wayInSource({ via: "function-url" })).toBe("");
    expect(wayInSource({ via: "identity-policy", sid: "x" })).toBe("");
  });
});
