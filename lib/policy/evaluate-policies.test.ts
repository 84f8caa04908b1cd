import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionMatchKey, candidateStatements } from "./evaluate-policies";
import { evaluate, evaluateDecision } from "./evaluate";
import { parsePolicyDocument } from "./parse";
import { statementCoversAction } from "./statement";
import type { PolicyDocument } from "./types";

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
