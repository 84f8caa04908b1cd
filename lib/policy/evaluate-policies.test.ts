import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionMatchKey, candidateStatements } from "./evaluate-policies";
import { evaluate } from "./evaluate";
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
