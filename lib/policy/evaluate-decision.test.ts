/**
 * The decision-only evaluation (no evidence written) must give exactly the decision of the full evaluation, for
 * identity, boundary and resource policies together: differential over generated policy sets and requests that
 * mix Deny, NotAction/NotResource, wildcards, policy variables, conditions on known, absent and unknown keys,
 * unknown operators, principals of every form, same and cross account.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { makeContext } from "./context";
import { evaluate, evaluateDecision, evaluateResourcePolicy, resourcePolicyDecision } from "./evaluate";
import { parsePolicyDocument } from "./parse";
import type { EvaluationRequest, PolicyDocument, PolicySet, PolicySource, RequestPrincipal } from "./types";

const A = "111122223333";
const B = "444455556666";
const roleArn = `arn:aws:iam::${A}:role/app`;
const userArn = `arn:aws:iam::${A}:user/ann`;
const sessionArn = (name: string) => `arn:aws:sts::${A}:assumed-role/app/${name}`;
const resources = [`arn:aws:lambda:us-east-1:${A}:function:f`, `arn:aws:lambda:us-east-1:${B}:function:g`, `arn:aws:s3:::bucket/app/key`, `arn:aws:s3:::other/x`];
const actions = ["lambda:InvokeFunction", "lambda:GetFunction", "s3:GetObject", "s3:PutObject", "iam:PassRole"];

const actionPattern = fc.constantFrom("*", "lambda:*", "lambda:Invoke*", "lambda:InvokeFunction", "s3:Get*", "S3:getobject", "s3:*", "iam:Pass?ole", "sqs:*");
const resourcePattern = fc.constantFrom(
  "*",
  ...resources,
  `arn:aws:lambda:*:${A}:function:*`,
  "arn:aws:s3:::bucket/*",
  "arn:aws:s3:::bucket/${aws:username}/*",
  "arn:aws:s3:::${aws:PrincipalTag/team}/*",
  "arn:aws:s3:::b?cket/*",
);
const principal = fc.constantFrom<unknown>(
  "*",
  { AWS: "*" },
  { AWS: roleArn },
  { AWS: userArn },
  { AWS: A },
  { AWS: `arn:aws:iam::${B}:root` },
  { AWS: [roleArn, B] },
  { Service: "s3.amazonaws.com" },
  { Service: ["events.amazonaws.com", "sns.amazonaws.com"] },
  { AWS: sessionArn("fn") },
  { AWS: [sessionArn("other"), A] },
);
const clause = fc.constantFrom<Record<string, unknown>>(
  { StringEquals: { "aws:SourceAccount": A } },
  { StringEquals: { "aws:PrincipalAccount": B } },
  { ArnLike: { "aws:SourceArn": "arn:aws:s3:::bucket" } },
  { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
  { StringEqualsIfExists: { "aws:PrincipalTag/team": "red" } },
  { StringNotEquals: { "aws:PrincipalOrgID": "o-abc" } },
  { Bool: { "aws:SecureTransport": "false" } },
  { Null: { "aws:SourceArn": "true" } },
  { "ForAnyValue:StringLike": { "aws:TagKeys": ["env*"] } },
  { StringEqualz: { "aws:x": "1" } },
  { StringLike: { "aws:userid": "*:${aws:username}" } },
);
/** One to three operators in a block (AND across them). */
const condition = fc.array(clause, { minLength: 1, maxLength: 3 }).map((cs) => Object.assign({}, ...cs) as Record<string, unknown>);

const statement = (withPrincipal: boolean) =>
  fc
    .record({
      Effect: fc.constantFrom("Allow", "Allow", "Deny"),
      actionKey: fc.constantFrom("Action", "Action", "NotAction"),
      actions: fc.array(actionPattern, { minLength: 1, maxLength: 2 }),
      resourceKey: fc.constantFrom("Resource", "Resource", "NotResource"),
      resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }),
      principalKey: fc.constantFrom("Principal", "Principal", "Principal", "NotPrincipal"),
      principal,
      condition: fc.option(condition, { freq: 2 }),
    })
    .map((s) => ({
      Effect: s.Effect,
      [s.actionKey]: s.actions,
      [s.resourceKey]: s.resources,
      ...(withPrincipal ? { [s.principalKey]: s.principal } : {}),
      ...(s.condition ? { Condition: s.condition } : {}),
    }));

function doc(kind: PolicySource["kind"], statements: object[], version = "2012-10-17"): PolicyDocument {
  const r = parsePolicyDocument({ Version: version, Statement: statements }, { kind, policyName: kind });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

const principals: RequestPrincipal[] = [
  { type: "role", id: roleArn, account: A },
  { type: "role", id: roleArn, account: A, session: "fn" },
  { type: "role", id: roleArn, account: A, session: "other" },
  { type: "user", id: userArn, account: A },
  { type: "role", id: `arn:aws:iam::${B}:role/partner`, account: B },
  { type: "account", id: `arn:aws:iam::${B}:root`, account: B },
  { type: "service", id: "s3.amazonaws.com" },
  { type: "anonymous", id: "*" },
];

const contextValues = fc.record(
  {
    "aws:sourceaccount": fc.constantFrom(A, B),
    "aws:sourcearn": fc.constantFrom("arn:aws:s3:::bucket", "arn:aws:s3:::other"),
    "aws:username": fc.constant("ann"),
    "aws:principaltag/team": fc.constantFrom("red", "blue"),
    "aws:securetransport": fc.constantFrom("true", "false"),
    "aws:principalorgid": fc.constant("o-abc"),
    "aws:userid": fc.constant("AIDA:ann"),
  },
  { requiredKeys: [] },
);

const scenario = fc.record({
  identity: fc.array(fc.array(statement(false), { minLength: 1, maxLength: 4 }), { maxLength: 2 }),
  boundary: fc.option(fc.array(statement(false), { minLength: 1, maxLength: 3 }), { freq: 3 }),
  boundaryUnreadable: fc.boolean(),
  resource: fc.option(fc.array(statement(true), { minLength: 1, maxLength: 4 }), { freq: 2 }),
  version: fc.constantFrom("2012-10-17", "2012-10-17", "2008-10-17"),
  principal: fc.constantFrom(...principals),
  action: fc.constantFrom(...actions),
  target: fc.constantFrom(...resources),
  context: contextValues,
  complete: fc.boolean(),
  // SCP / RCP levels (root, OU, account), each one or two documents; RCP statements carry a Principal.
  scp: fc.option(fc.array(fc.array(statement(false), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { freq: 2 }),
  rcp: fc.option(fc.array(fc.array(statement(true), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { freq: 3 }),
});

const levels = (kind: "scp" | "rcp", perLevel: object[][], version: string) =>
  perLevel.map((sts, i) => ({ target: ["r-root", "ou-a", A][i] as string, policies: [doc(kind, sts, version)] }));

describe("evaluateDecision = evaluate(…).decision (fast-check, differential)", () => {
  it("for identity + boundary + resource policy sets, within SCP and RCP guardrails", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenario, (s) => {
        const set: PolicySet = {
          identity: s.identity.map((sts) => doc("inline", sts, s.version)),
          boundary: s.boundary ? doc("boundary", s.boundary, s.version) : undefined,
          boundaryUnreadable: s.boundary ? false : s.boundaryUnreadable,
          resource: s.resource ? doc("resource", s.resource, s.version) : undefined,
        };
        const guardrails = [
          ...(s.scp ? [{ kind: "scp" as const, levels: levels("scp", s.scp, s.version) }] : []),
          ...(s.rcp ? [{ kind: "rcp" as const, levels: levels("rcp", s.rcp, s.version) }] : []),
        ];
        if (guardrails.length > 0) set.guardrails = guardrails;
        const request: EvaluationRequest = { principal: s.principal, action: s.action, resource: s.target, context: makeContext(s.context, s.complete) };
        const full = evaluate(set, request).decision;
        seen.add(full);
        expect(evaluateDecision(set, request)).toBe(full);
        if (set.resource) expect(resourcePolicyDecision(set.resource, request)).toBe(evaluateResourcePolicy(set.resource, request).decision);
      }),
      { numRuns: 4000, seed: 20261129 },
    );
    // Every decision is reached, so the comparison is not between two trivial answers.
    expect([...seen].sort()).toEqual(["allowed", "conditional", "explicitly-denied", "implicitly-denied"]);
  });
});

describe("evaluateDecision = evaluate(…).decision for a resource policy large enough to be indexed by condition", () => {
  // From 32 statements the decision-only path reads only those whose literal-equality clause (ArnEquals aws:SourceArn
  // "…:t0") names the request's value. A value AWS may read otherwise (`ARN:…` in other case: conditions/arn.ts) may
  // match a request value other than itself, so it is no literal: its statement is read, as the full evaluation does.
  const fn = `arn:aws:lambda:us-east-1:${A}:function:f`;
  const topic = (i: number) => `arn:aws:sns:us-east-1:${A}:t${i}`;
  const sns = { Service: "sns.amazonaws.com" };
  const pinned = (effect: string, operator: string, arn: string) => ({ Effect: effect, Principal: sns, Action: "lambda:InvokeFunction", Resource: fn, Condition: { [operator]: { "aws:SourceArn": arn } } });
  const others = Array.from({ length: 39 }, (_, i) => pinned("Allow", "ArnEquals", topic(i + 1)));
  it.each([
    ["an Allow on ARN:… (ArnEquals)", [pinned("Allow", "ArnEquals", `ARN:aws:sns:us-east-1:${A}:t0`), ...others], "conditional"],
    ["an Allow on Arn:… (ArnLike)", [pinned("Allow", "ArnLike", `Arn:aws:sns:us-east-1:${A}:t0`), ...others], "conditional"],
    ["a Deny on ARN:… beside an Allow", [pinned("Allow", "ArnEquals", topic(0)), pinned("Deny", "ArnEquals", `ARN:aws:sns:us-east-1:${A}:t0`), ...others], "conditional"],
  ])("%s", (_name, statements, expected) => {
    // Given a resource policy of 40 statements for SNS, each pinned to one topic
    const set: PolicySet = { identity: [], resource: doc("resource", statements, "2012-10-17"), resourceAccount: A };
    const request: EvaluationRequest = {
      principal: { type: "service", id: "sns.amazonaws.com" },
      action: "lambda:InvokeFunction",
      resource: fn,
      context: makeContext({ "aws:SourceArn": topic(0), "aws:SourceAccount": A }, true),
    };
    // When the topic t0 invokes the function, the decision alone is the full evaluation's
    expect(evaluate(set, request).decision).toBe(expected);
    expect(evaluateDecision(set, request)).toBe(expected);
  });
});
