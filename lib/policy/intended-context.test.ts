import { describe, expect, it } from "vitest";
import { callFromAccount, intendedContext } from "./intended-context";
import { parsePolicyDocument } from "./parse";
import type { Statement } from "./types";

function statementWith(condition: Record<string, Record<string, unknown>>): Statement {
  const parsed = parsePolicyDocument(
    { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: "*", Condition: condition }] },
    { kind: "resource", policyName: "p", resourceArn: "arn:aws:lambda:us-east-1:123456789012:function:f" },
  );
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.policy.statements[0] as Statement;
}

const ctx = (condition: Record<string, Record<string, unknown>>) => intendedContext(statementWith(condition), "2012-10-17");

describe("intendedContext (the caller a grant was written for)", () => {
  it("takes the policy value for equality, glob and ARN operators, keys lower-cased", () => {
    expect(
      ctx({
        StringEquals: { "aws:SourceAccount": "123456789012" },
        ArnLike: { "AWS:SourceArn": "arn:aws:execute-api:us-east-1:123456789012:api/*/GET/x" },
        StringLike: { "aws:PrincipalOrgPaths": "o-a/r-b/*" },
        Bool: { "aws:SecureTransport": "true" },
      }),
    ).toEqual({
      "aws:sourceaccount": "123456789012",
      "aws:sourcearn": "arn:aws:execute-api:us-east-1:123456789012:api/*/GET/x",
      "aws:principalorgpaths": "o-a/r-b/*",
      "aws:securetransport": "true",
    });
  });

  it("leaves a key unknown when its own value does not satisfy the operator (ranges, CIDR blocks, short ARN patterns)", () => {
    expect(
      ctx({
        IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
        NumericLessThan: { "s3:max-keys": "10" },
        DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" },
        ArnLike: { "aws:SourceArn": "arn:aws:sns:*" },
      }),
    ).toEqual({});
  });

  it("picks a value every clause on the key accepts, negated ones included", () => {
    expect(ctx({ StringLike: { "aws:SourceAccount": ["111111111111", "222222222222"] }, StringNotEquals: { "aws:SourceAccount": "111111111111" } })).toEqual({
      "aws:sourceaccount": "222222222222",
    });
    expect(ctx({ StringEquals: { "aws:SourceAccount": "111111111111" }, StringNotEquals: { "aws:SourceAccount": "111111111111" } })).toEqual({});
  });

  it("suggests nothing from negated operators, Null or ForAllValues", () => {
    expect(ctx({ StringNotEquals: { "aws:SourceAccount": "1" }, Null: { "aws:SourceArn": "false" }, "ForAllValues:StringEquals": { "aws:TagKeys": "a" } })).toEqual({});
  });
});

describe("callFromAccount (the same call made from one account)", () => {
  const A = "111122223333";
  const B = "444455556666";
  const from = (condition: Record<string, Record<string, unknown>>, account: string) => {
    const st = statementWith(condition);
    return callFromAccount({ values: intendedContext(st, "2012-10-17") }, st, account).values;
  };

  it("gives the account keys that account, and an ARN key the statement's ARN of it, else the intended ARN moved to it", () => {
    const topics = { ArnLike: { "aws:SourceArn": [`arn:aws:sns:us-east-1:${A}:t`, `arn:aws:sns:us-east-1:${B}:u`] }, StringEquals: { "aws:SourceAccount": A } };
    expect(from(topics, B)).toEqual({ "aws:sourcearn": `arn:aws:sns:us-east-1:${B}:u`, "aws:sourceaccount": B });
    expect(from({ ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/ci` } }, B)).toEqual({ "aws:principalarn": `arn:aws:iam::${B}:role/ci` });
    // An S3 bucket's ARN names no account: any account's request may carry it.
    expect(from({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::bkt" }, StringEquals: { "aws:SourceOwner": A } }, B)).toEqual({ "aws:sourcearn": "arn:aws:s3:::bkt", "aws:sourceowner": B });
  });

  it("is the same call when it already is that account's", () => {
    const st = statementWith({ StringEquals: { "aws:PrincipalAccount": A } });
    const call = { values: intendedContext(st, "2012-10-17") };
    expect(callFromAccount(call, st, A)).toBe(call);
  });
});
