import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionMatchKey, allowedResourcePatterns, allowedServices, candidateStatements, evaluatePolicies, unknownKeysOf } from "./evaluate-policies";
import { evaluate, evaluateDecision } from "./evaluate";
import { parsePolicyDocument } from "./parse";
import { statementCoversAction } from "./statement";
import type { PolicyDocument, RequestPrincipal } from "./types";

function doc(statements: unknown[]): PolicyDocument {
  const r = parsePolicyDocument({ Version: "2012-10-17", Statement: statements }, { kind: "inline", policyName: "p" });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

const patterns = fc.constantFrom("s3:GetObject", "s3:Get*", "S3:getobject", "s*:Get*", "*", "iam:*", "iam:Pass?ole", "sqs:*", "logs:Put*", "nocolon", "?3:GetObject");
const actions = fc.constantFrom("s3:GetObject", "s3:PutObject", "iam:PassRole", "IAM:passrole", "sqs:ReceiveMessage", "logs:PutLogEvents", "sns:Publish", "bogus");
const statement = fc.record({
  Effect: fc.constantFrom("Allow", "Deny"),
  kind: fc.constantFrom("Action", "NotAction"),
  list: fc.array(patterns, { minLength: 1, maxLength: 3 }),
});

/**
 * Policies of 0–16 statements. `size: "max"`: under fast-check 4's default size an array never gets more than 10
 * items, so most of the indexed path (8 statements and up) would never be drawn.
 */
const statements = fc.array(statement, { maxLength: 16, size: "max" });

/** The policy lengths drawn must reach the indexed path (8+ statements) often, and past 10 too. */
function expectIndexedLengthsDrawn(lengths: number[]) {
  expect(lengths.filter((n) => n >= 8).length).toBeGreaterThan(lengths.length / 4);
  expect(Math.max(...lengths)).toBe(16);
  expect(lengths.filter((n) => n > 10).length).toBeGreaterThan(0);
}

describe("candidateStatements (per-service index of a policy's statements)", () => {
  it("keeps every statement whose Action/NotAction covers the action, in document order", () => {
    const lengths: number[] = [];
    fc.assert(
      fc.property(statements, actions, (sts, action) => {
        lengths.push(sts.length);
        const policy = doc(sts.map((s) => ({ Effect: s.Effect, [s.kind]: s.list, Resource: "*" })));
        const covering = policy.statements.filter((st) => statementCoversAction(st, action));
        const candidates = candidateStatements(policy, action);
        expect(covering.every((st) => candidates.includes(st))).toBe(true);
        const order = candidates.map((st) => st.index);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }),
      { numRuns: 500 },
    );
    expectIndexedLengthsDrawn(lengths);
  });

  it("gives actions the same key only when they match the same statements", () => {
    const lengths: number[] = [];
    fc.assert(
      fc.property(statements, actions, actions, (sts, a, b) => {
        lengths.push(sts.length);
        const policy = doc(sts.map((s) => ({ Effect: s.Effect, [s.kind]: s.list, Resource: "*" })));
        const matched = (action: string) => policy.statements.filter((st) => statementCoversAction(st, action)).map((st) => st.index);
        if (actionMatchKey([policy], a) === actionMatchKey([policy], b)) expect(matched(a)).toEqual(matched(b));
      }),
      { numRuns: 500 },
    );
    expectIndexedLengthsDrawn(lengths);
  });
});

describe("actionMatchKey", () => {
  const principal = { type: "role" as const, id: "arn:aws:iam::123456789012:role/app", account: "123456789012" };
  const ask = (policy: PolicyDocument, action: string) =>
    evaluateDecision({ identity: [policy] }, { principal, action, resource: "arn:aws:s3:::docs", context: { values: {}, complete: false } });

  // Only ListBucket requests carry s3:prefix: for GetBucketAcl the condition's key is absent, not unknown.
  it("tells apart actions whose requests carry a statement's condition key from those whose requests never do", () => {
    const policy = doc([{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::docs", Condition: { StringLike: { "s3:prefix": "home/*" } } }]);
    expect(ask(policy, "s3:ListBucket")).toBe("conditional");
    expect(ask(policy, "s3:GetBucketAcl")).toBe("implicitly-denied");
    expect(actionMatchKey([policy], "s3:ListBucket")).not.toBe(actionMatchKey([policy], "s3:GetBucketAcl"));
  });

  it("gives actions the same key only when the evaluator gives them the same decision", () => {
    const conditions = fc.constantFrom(undefined, { StringLike: { "s3:prefix": "home/*" } }, { StringEquals: { "s3:x-amz-acl": "private" } }, { StringEqualsIfExists: { "s3:prefix": "a" } }, { Bool: { "aws:SecureTransport": "true" } }, { Null: { "s3:prefix": "true" } });
    const s3Actions = fc.constantFrom("s3:ListBucket", "s3:GetBucketAcl", "s3:PutObject", "s3:GetObject", "s3:PutObjectAcl", "s3:ListBucketVersions");
    const st = fc.record({ Effect: fc.constantFrom("Allow", "Deny"), Action: fc.constantFrom("s3:*", "s3:List*", "s3:Put*", "*"), Condition: conditions });
    let sameKeyPairs = 0;
    fc.assert(
      fc.property(fc.array(st, { minLength: 1, maxLength: 4 }), s3Actions, s3Actions, (sts, a, b) => {
        const policy = doc(sts.map((s) => ({ Effect: s.Effect, Action: s.Action, Resource: "*", ...(s.Condition ? { Condition: s.Condition } : {}) })));
        if (actionMatchKey([policy], a) !== actionMatchKey([policy], b)) return;
        sameKeyPairs++;
        expect(ask(policy, a), `${a} vs ${b}`).toBe(ask(policy, b));
      }),
      { numRuns: 1000 },
    );
    expect(sameKeyPairs).toBeGreaterThan(200);
  });
});

describe("denials that cite no statement", () => {
  it("are one shared, frozen answer per request, equal to the reason the evaluator gives", () => {
    const ask = (policy: PolicyDocument, id: string) =>
      evaluate(
        { identity: [policy] },
        { principal: { type: "role", id, account: "123456789012" }, action: "iam:CreateUser", resource: "*", context: { values: {}, complete: false } },
      );
    const a = ask(doc([{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }]), "arn:aws:iam::123456789012:role/a");
    const b = ask(doc([{ Effect: "Allow", Action: "sqs:*", Resource: "*" }]), "arn:aws:iam::123456789012:role/b");
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a).toEqual({ decision: "implicitly-denied", statements: [], unknownKeys: [], reasons: ["no identity policy statement allows iam:CreateUser on *"] });
    // A denial with evidence (a matching Deny) is its own object.
    const c = ask(doc([{ Effect: "Deny", Action: "iam:*", Resource: "*" }]), "arn:aws:iam::123456789012:role/c");
    expect(c.decision).toBe("explicitly-denied");
    expect(c.statements).toHaveLength(1);
  });
});

describe("evaluatePolicies: an Allow split by how its Principal named the caller (access_policies_boundaries)", () => {
  const A = "111122223333";
  const fn = `arn:aws:lambda:us-east-1:${A}:function:target`;
  const roleArn = `arn:aws:iam::${A}:role/app`;
  const session = `arn:aws:sts::${A}:assumed-role/app/worker`;
  const grant = (principal: unknown, sid = "g") => ({ Sid: sid, Effect: "Allow", Principal: principal, Action: "lambda:InvokeFunction", Resource: fn });
  const split = (statements: unknown[], principal: RequestPrincipal, checkPrincipal = true, evidence = true) => {
    const e = evaluatePolicies([doc(statements)], { principal, action: "lambda:InvokeFunction", resource: fn, context: { values: { "aws:principalarn": roleArn, "aws:principalaccount": A }, complete: true } }, { checkPrincipal, evidence });
    return { allow: e.allow, exact: e.allowExact, account: e.allowAccount, session: e.allowSession, other: e.allowOther, wildcard: e.allowWildcard };
  };
  const role: RequestPrincipal = { type: "role", id: roleArn, account: A };
  const none = { allow: "false", exact: "false", account: "false", session: "false", other: "false", wildcard: "false" };

  // The denyallow page: a resource policy naming the role ARN is limited by the role's boundary; one naming the role's
  // session ARN (or `*` narrowed by aws:PrincipalArn) is not; of a bare `*` AWS says nothing. Which field each grant
  // lands in is what evaluate.ts combines those rules from.
  it.each([
    ["the role ARN: exact", [grant({ AWS: roleArn })], role, { ...none, allow: "true", exact: "true" }],
    ["the account root: account", [grant({ AWS: A })], role, { ...none, allow: "true", account: "true" }],
    ["`*` alone: the wildcard field", [grant("*")], role, { ...none, allow: "true", wildcard: "true" }],
    ["{\"AWS\": \"*\"} alone: the wildcard field", [grant({ AWS: "*" })], role, { ...none, allow: "true", wildcard: "true" }],
    [
      "`*` narrowed by aws:PrincipalArn (any case): the session field",
      [{ ...grant("*"), Condition: { ArnEquals: { "AWS:PrincipalARN": roleArn } } }],
      role,
      { ...none, allow: "true", session: "true" },
    ],
    ["`*` narrowed by another key: the wildcard field", [{ ...grant("*"), Condition: { StringEquals: { "aws:PrincipalAccount": A } } }], role, { ...none, allow: "true", wildcard: "true" }],
    ["the caller's own session: session", [grant({ AWS: session })], { ...role, session: "worker" }, { ...none, allow: "true", session: "true" }],
    // Which session makes the request is not known: the grant may cover it, and is still one a boundary does not limit.
    ["a session of the role, the caller's session unknown: unknown, in the session field", [grant({ AWS: session })], role, { ...none, allow: "unknown", session: "unknown" }],
    ["a service principal: other", [grant({ Service: "lambda.amazonaws.com" })], { type: "service", id: "lambda.amazonaws.com" }, { ...none, allow: "true", other: "true" }],
    ["NotPrincipal naming someone else: other", [{ ...grant(undefined), Principal: undefined, NotPrincipal: { AWS: `arn:aws:iam::${A}:role/other` } }], role, { ...none, allow: "true", other: "true" }],
    ["nothing naming the caller: every field false", [grant({ AWS: `arn:aws:iam::${A}:role/other` })], role, none],
  ] as [string, unknown[], RequestPrincipal, object][])("%s", (_name, statements, principal, expected) => {
    expect(split(statements, principal)).toEqual(expected);
    expect(split(statements, principal, true, false)).toEqual(expected);
  });

  it("an identity policy (no Principal checked) grants through the other field only", () => {
    const allowAll = [{ Effect: "Allow", Action: "lambda:*", Resource: "*" }];
    expect(split(allowAll, role, false)).toEqual({ ...none, allow: "true", other: "true" });
    expect(split(allowAll, role, false, false)).toEqual({ ...none, allow: "true", other: "true" });
  });
});

describe("actionMatchKey tells statements and policies apart", () => {
  const principal = { type: "role" as const, id: "arn:aws:iam::123456789012:role/app", account: "123456789012" };
  const ask = (policies: PolicyDocument[], action: string) =>
    evaluateDecision({ identity: policies }, { principal, action, resource: "arn:aws:s3:::docs/k", context: { values: {}, complete: false } });
  const differ = (policies: PolicyDocument[], a: string, b: string) => {
    expect(ask(policies, a)).not.toBe(ask(policies, b));
    expect(actionMatchKey(policies, a)).not.toBe(actionMatchKey(policies, b));
  };

  // Only ListBucket requests carry s3:prefix, only PutObject requests s3:x-amz-acl (service authorization reference):
  // each action reads the other's key as absent, and the IfExists clause holds where its key is absent.
  it("by which of a statement's keys each action's requests carry, clause by clause", () => {
    const st = { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEqualsIfExists: { "s3:prefix": "home/" }, StringEquals: { "s3:x-amz-acl": "private" } } };
    differ([doc([st])], "s3:ListBucket", "s3:PutObject");
  });

  it("by statement index, when one action matches statements 1 and 2 and the other statement 12", () => {
    const filler = (i: number) => ({ Sid: `f${i}`, Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" });
    const sts: unknown[] = Array.from({ length: 13 }, (_, i) => filler(i));
    sts[1] = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
    sts[2] = { Effect: "Deny", Action: "s3:GetObject", Resource: "*" };
    sts[12] = { Effect: "Allow", Action: "s3:PutObject", Resource: "*" };
    differ([doc(sts)], "s3:GetObject", "s3:PutObject");
  });

  it("by policy, when each action matches the first statement of a different policy", () => {
    const p1 = doc([{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }]);
    const p2 = doc([{ Effect: "Deny", Action: "s3:PutObject", Resource: "*" }]);
    differ([p1, p2], "s3:GetObject", "s3:PutObject");
  });
});

describe("unknownKeysOf", () => {
  it("lists the keys that would decide the matches once each, in first-seen order", () => {
    const policy = doc([
      { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" }, StringEquals: { "aws:SourceVpc": "vpc-1" } } },
      { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:SourceVpc": "vpc-2" } } },
    ]);
    const request = { principal: { type: "role" as const, id: "arn:aws:iam::123456789012:role/app", account: "123456789012" }, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { values: {}, complete: false } };
    const { allowMatches } = evaluatePolicies([policy], request, { checkPrincipal: false });
    expect(allowMatches).toHaveLength(2);
    expect(unknownKeysOf(allowMatches)).toEqual(["aws:SourceIp", "aws:SourceVpc"]);
  });
});

describe("evaluatePolicies: near misses", () => {
  it("lists each statement whose action, resource and principal matched but whose condition is false, and only those", () => {
    const policy = doc([
      { Sid: "ip", Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
      { Sid: "other", Effect: "Allow", Action: "s3:PutObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
    ]);
    const request = { principal: { type: "role" as const, id: "arn:aws:iam::123456789012:role/app", account: "123456789012" }, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { values: { "aws:sourceip": "192.0.2.1" }, complete: true } };
    const e = evaluatePolicies([policy], request, { checkPrincipal: false });
    expect(e.allow).toBe("false");
    expect(e.allowMatches).toEqual([]);
    expect(e.nearMisses.map((m) => m.sid)).toEqual(["ip"]);
  });
});

describe("allowedServices: the services Allow statements may grant an action of", () => {
  it.each([
    ["Allow statements' Action services, lower-cased; Deny statements add none", [[{ Effect: "Allow", Action: ["S3:GetObject", "sqs:Send*"] }, { Effect: "Deny", Action: "iam:*" }], [{ Effect: "Allow", Action: "s3:PutObject" }]], ["s3", "sqs"]],
    ["NotAction may grant an action of any service", [[{ Effect: "Allow", Action: "s3:GetObject" }, { Effect: "Allow", NotAction: "iam:*" }]], "any"],
    ["a wildcard in the service prefix", [[{ Effect: "Allow", Action: "s*:GetObject" }]], "any"],
    ["`*`", [[{ Effect: "Allow", Action: "*" }]], "any"],
    ["only Deny statements: none", [[{ Effect: "Deny", NotAction: "s3:*" }, { Effect: "Deny", Action: "*" }]], []],
  ] as [string, object[][], string[] | "any"][])("%s", (_name, policies, expected) => {
    const got = allowedServices(policies.map((sts) => doc(sts.map((s) => ({ Resource: "*", ...s })))));
    expect(got === "any" ? got : [...got].sort()).toEqual(expected);
  });
});

describe("allowedResourcePatterns: where a grant for the action may be scoped", () => {
  it("lists the Resource entries of Allow statements naming the action, in order without repeats", () => {
    const p1 = doc([
      { Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"] },
      { Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::deny/*" },
      { Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::put/*" },
      { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::not/*" },
    ]);
    const p2 = doc([{ Effect: "Allow", Action: "s3:Get*", Resource: ["arn:aws:s3:::b/*", "arn:aws:s3:::c"] }]);
    expect(allowedResourcePatterns([p1, p2], "s3:GetObject")).toEqual(["arn:aws:s3:::a/*", "arn:aws:s3:::b/*", "arn:aws:s3:::c"]);
    expect(allowedResourcePatterns([p1, p2], "sqs:SendMessage")).toEqual([]);
  });
});

describe("indexes by a Resource entry's literal start leave an entry in other case to the evaluator", () => {
  // A statement whose Resource writes the ARN's head in other case (`arn:AWS:…`, `ARN:…`) is read as written and
  // lower-cased (statement.ts, plainResourceTri), so it may cover a resource its literal start does not begin: from 32
  // statements (resource index) or 8 policies (policy selection) it must still be read, and the answer not change.
  const role: RequestPrincipal = { type: "role", id: "arn:aws:iam::111122223333:role/r", account: "111122223333", session: "s" };
  const request = { principal: role, action: "s3:GetObject", resource: "arn:aws:s3:::c/k", context: { values: {}, complete: true } };
  const grant = (resource: string) => ({ Effect: "Allow", Action: "s3:GetObject", Resource: resource });
  const padding = (n: number) => Array.from({ length: n }, (_, i) => grant(`arn:aws:s3:::other${i}/*`));
  it.each(["arn:AWS:s3:::c/*", "ARN:aws:s3:::c/*"])("%s among 40 statements, or in one of 10 policies, is as alone", (entry) => {
    const alone = evaluate({ identity: [doc([grant(entry)])] }, request).decision;
    expect(alone).toBe("conditional");
    const manyStatements = [doc([grant(entry), ...padding(39)])];
    const manyPolicies = [doc([grant(entry)]), ...padding(9).map((st) => doc([st]))];
    for (const identity of [manyStatements, manyPolicies]) {
      expect(evaluate({ identity }, request).decision).toBe(alone);
      expect(evaluateDecision({ identity }, request)).toBe(alone);
    }
  });
});
