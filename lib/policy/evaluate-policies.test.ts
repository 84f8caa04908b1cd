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

describe("candidateStatements (per-service index of a policy's statements)", () => {
  it("keeps every statement whose Action/NotAction covers the action, in document order", () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 16 }), actions, (sts, action) => {
        const policy = doc(sts.map((s) => ({ Effect: s.Effect, [s.kind]: s.list, Resource: "*" })));
        const covering = policy.statements.filter((st) => statementCoversAction(st, action));
        const candidates = candidateStatements(policy, action);
        expect(covering.every((st) => candidates.includes(st))).toBe(true);
        const order = candidates.map((st) => st.index);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }),
      { numRuns: 500 },
    );
  });

  it("gives actions the same key only when they match the same statements", () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 16 }), actions, actions, (sts, a, b) => {
        const policy = doc(sts.map((s) => ({ Effect: s.Effect, [s.kind]: s.list, Resource: "*" })));
        const matched = (action: string) => policy.statements.filter((st) => statementCoversAction(st, action)).map((st) => st.index);
        if (actionMatchKey([policy], a) === actionMatchKey([policy], b)) expect(matched(a)).toEqual(matched(b));
      }),
      { numRuns: 500 },
    );
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
