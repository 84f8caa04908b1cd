/**
 * Every parsed statement has one shape (the same own properties, in the same order), whatever elements it holds:
 * absent ones are undefined. Adding the optional properties one by one made parsing a 10,000-function account's
 * ~24,000 statements cost ~2.5× as much (docs/analysis-performance.md, forty-fifth session), and gave the evaluator
 * one shape per combination of elements to read.
 */
import { describe, expect, it } from "vitest";
import { parsePolicyDocument } from "./parse";
import type { Statement } from "./types";

const VARIED = [
  { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
  { Sid: "Named", Effect: "Deny", NotAction: ["iam:*", "sts:*"], NotResource: "arn:aws:s3:::b" },
  { Sid: 7, Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "lambda:InvokeFunction" },
  { Effect: "Deny", NotPrincipal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
  { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::home/${aws:username}/*", Condition: { Bool: { "aws:SecureTransport": "true" } } },
  { Effect: "Allow", Principal: "*", Action: ["sqs:SendMessage"], Condition: { ArnLike: { "aws:SourceArn": ["arn:aws:sns:*:*:t"] } } },
];

type Six = [Statement, Statement, Statement, Statement, Statement, Statement];

function parsed(): Statement[] {
  const r = parsePolicyDocument({ Version: "2012-10-17", Statement: VARIED }, { kind: "inline", name: "p" } as never);
  if (!r.ok) throw new Error(r.error);
  return r.policy.statements;
}

describe("parsed statements", () => {
  it("share one shape whatever elements they hold", () => {
    const shapes = new Set(parsed().map((st) => Object.keys(st).join(",")));
    expect([...shapes]).toEqual(["index,effect,conditions,raw,sid,action,notAction,actionMemo,resource,notResource,resourceVariables,resourceOtherCase,principal,notPrincipal"]);
  });

  it("hold what each statement says, and undefined for what it leaves out", () => {
    const [plain, negated, numbered, notPrincipal, variables, conditional] = parsed() as Six;
    expect(plain).toMatchObject({ index: 0, effect: "Allow", sid: undefined, action: ["s3:GetObject"], notAction: undefined });
    expect(plain).toMatchObject({ resource: ["arn:aws:s3:::b/*"], notResource: undefined, resourceVariables: false, conditions: [] });
    expect(plain.principal).toBeUndefined();
    expect(plain.actionMemo).toBeInstanceOf(Map);
    expect(negated).toMatchObject({ sid: "Named", effect: "Deny", action: undefined, notAction: ["iam:*", "sts:*"] });
    expect(negated).toMatchObject({ resource: undefined, notResource: ["arn:aws:s3:::b"], principal: undefined });
    expect(numbered.sid).toBe("7");
    expect(numbered.principal?.aws).toEqual(["arn:aws:iam::123456789012:root"]);
    expect(numbered).toMatchObject({ notPrincipal: undefined, resource: undefined, notResource: undefined, resourceVariables: false });
    expect(notPrincipal.principal).toBeUndefined();
    expect(notPrincipal.notPrincipal?.service).toEqual(["lambda.amazonaws.com"]);
    expect(variables.resourceVariables).toBe(true);
    expect(variables.conditions).toEqual([{ operator: "Bool", key: "aws:SecureTransport", values: ["true"] }]);
    expect(conditional.principal?.wildcard).toBe(true);
    expect(conditional.conditions.map((c) => c.key)).toEqual(["aws:SourceArn"]);
    // The JSON of a statement is what it was when absent properties were left off.
    expect(JSON.stringify(plain)).toBe(
      JSON.stringify({ index: 0, effect: "Allow", conditions: [], raw: VARIED[0], action: ["s3:GetObject"], actionMemo: {}, resource: ["arn:aws:s3:::b/*"], resourceVariables: false, resourceOtherCase: false }),
    );
  });
});
