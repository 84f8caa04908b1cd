import { describe, expect, it } from "vitest";
import { makeContext } from "@/lib/policy/context";
import { evaluate } from "@/lib/policy/evaluate";
import { parsePolicyDocument } from "@/lib/policy/parse";
import { apiErrorEvidence, dependsOnWhat, whereIs } from "./evidence";

const target = "arn:aws:sqs:us-east-1:123456789012:q";

describe("apiErrorEvidence", () => {
  it("quotes AWS's error for a call that failed", () => {
    expect(apiErrorEvidence({ operation: "GetQueueAttributes", target, code: "AccessDenied", message: "not authorized" }).description).toBe(
      `GetQueueAttributes failed for ${target}: AccessDenied (not authorized)`,
    );
  });

  it.each([
    ["MalformedPolicy", `GetPolicy returned a policy document for ${target} that cannot be analysed: bad`],
    ["MalformedResponse", `GetPolicy returned an answer for ${target} that cannot be read: bad`],
    ["IncompleteSnapshot", `GetPolicy for ${target} is only partly in the snapshot: bad`],
    ["NotRead", `GetPolicy for ${target} is not in the snapshot: bad`],
  ])("says what happened, not that the call failed, for the analyser's own code %s", (code, description) => {
    const e = apiErrorEvidence({ operation: "GetPolicy", target, code, message: "bad" });
    expect(e.description).toBe(description);
    expect(e.document).toMatchObject({ code });
  });

  it("an AWS code named like an object's inherited property is quoted as a failure", () => {
    expect(apiErrorEvidence({ operation: "GetPolicy", code: "constructor" }).description).toBe("GetPolicy failed: constructor");
  });
});

describe("whereIs", () => {
  const at = { sid: "S", index: 0 };
  it("names a role's trust policy, a function's policy and a key's policy once, by what they belong to", () => {
    expect(whereIs({ kind: "trust", policyName: "trust policy", roleName: "r" }, at)).toBe('trust policy of role r, statement S');
    const fn = "arn:aws:lambda:us-east-1:123456789012:function:f:prod";
    expect(whereIs({ kind: "resource", policyName: "policy of prod", resourceArn: fn }, at)).toBe(`function policy of ${fn}, statement S`);
    const key = "arn:aws:kms:us-east-1:123456789012:key/k";
    expect(whereIs({ kind: "resource", policyName: "default", resourceArn: key }, { index: 2 })).toBe(`key policy of ${key}, statement #2`);
    expect(whereIs({ kind: "resource", policyName: "grants", resourceArn: key }, at)).toBe(`grants of ${key}, statement S`);
  });

  it("keeps the names of inline and managed policies", () => {
    expect(whereIs({ kind: "inline", policyName: "logs", roleName: "r" }, at)).toBe("inline policy 'logs' of role r, statement S");
    expect(whereIs({ kind: "managed", policyName: "P", versionId: "v3", roleName: "r" }, at)).toBe(
      "managed policy 'P' (default version v3) of role r, statement S",
    );
  });
});

describe("dependsOnWhat: a condition value AWS documents no reading of", () => {
  const A = "111122223333";
  const fn = `arn:aws:lambda:us-east-1:${A}:function:f`;
  const caller = `arn:aws:iam::${A}:role/caller`;
  const answer = (condition: object, context: Record<string, string>) => {
    const r = parsePolicyDocument(
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: caller }, Action: "lambda:InvokeFunction", Resource: fn, Condition: condition }] },
      { kind: "resource", policyName: "function policy", resourceArn: fn },
    );
    if (!r.ok) throw new Error(r.error);
    return evaluate({ identity: [], resource: r.policy }, { principal: { type: "role", id: caller, account: A }, action: "lambda:InvokeFunction", resource: fn, context: makeContext(context, false) });
  };

  it("names the key and the value as written, not 'policies that could not be read'", () => {
    const r = answer({ DateLessThan: { "aws:TokenIssueTime": "2030-01-01 00:00:00Z" } }, { "aws:TokenIssueTime": "2029-01-01T00:00:00Z" });
    expect(r.decision).toBe("conditional");
    expect(r.unknownKeys).toEqual([]);
    expect(dependsOnWhat(r)).toBe('how AWS reads aws:TokenIssueTime "2030-01-01 00:00:00Z"');
  });

  it("names it after the keys not given when both decide", () => {
    const r = answer({ DateLessThan: { "aws:TokenIssueTime": "2030-01-01 00:00:00Z" }, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:TokenIssueTime": "2029-01-01T00:00:00Z" });
    expect(dependsOnWhat(r)).toBe('aws:SourceIp, how AWS reads aws:TokenIssueTime "2030-01-01 00:00:00Z"');
  });

  // A bare year is a documented form twice over (W3C "YYYY", epoch seconds): where the readings differ the answer
  // turned on it and named nothing, so it read as "policies that could not be read".
  it("names a value with two documented readings that leaves the answer conditional", () => {
    const r = answer({ DateLessThan: { "aws:TokenIssueTime": "2026" } }, { "aws:TokenIssueTime": "2000-01-01T00:00:00Z" });
    expect(r.decision).toBe("conditional");
    expect(dependsOnWhat(r)).toBe('how AWS reads aws:TokenIssueTime "2026"');
  });

  it("names it beside the key when the key is not given either", () => {
    const r = answer({ DateLessThan: { "aws:TokenIssueTime": "2026" } }, {});
    expect(dependsOnWhat(r)).toBe('aws:TokenIssueTime, how AWS reads aws:TokenIssueTime "2026"');
  });

  it("names an IPv4-mapped address, in the policy or in the request, whose two readings differ", () => {
    expect(dependsOnWhat(answer({ IpAddress: { "aws:SourceIp": "::ffff:10.0.0.0/104" } }, { "aws:SourceIp": "10.1.2.3" }))).toBe('how AWS reads aws:SourceIp "::ffff:10.0.0.0/104"');
    expect(dependsOnWhat(answer({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:SourceIp": "::ffff:10.1.2.3" }))).toBe('how AWS reads aws:SourceIp "::ffff:10.1.2.3"');
  });
});
