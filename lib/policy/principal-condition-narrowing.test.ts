/**
 * Resource policies of many statements are narrowed by the caller their Principal can name and, for decisions
 * without evidence, by the literal values their conditions pin (evaluate-policies.ts): the answer must be the one
 * testing every statement gives, and asking about each grant of a policy of hundreds of one-principal statements
 * (one per `add-permission`) must not test every statement each time.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { evaluatePolicies } from "./evaluate-policies";
import { resourcePolicyDecision } from "./evaluate";
import { parsePolicyDocument } from "./parse";
import type { EvaluationRequest, PolicyDocument, RequestContext, RequestPrincipal } from "./types";

const tested = vi.hoisted(() => ({ principals: 0, conditions: 0 }));
vi.mock("./principal", async (original) => {
  const real = await original<typeof import("./principal")>();
  return { ...real, principalMatchKind: (...args: Parameters<typeof real.principalMatchKind>) => (tested.principals++, real.principalMatchKind(...args)) };
});
vi.mock("./conditions/evaluate", async (original) => {
  const real = await original<typeof import("./conditions/evaluate")>();
  return { ...real, conditionsTri: (...args: Parameters<typeof real.conditionsTri>) => (tested.conditions++, real.conditionsTri(...args)) };
});

const A = "111122223333";
const B = "444455556666";
const FN = `arn:aws:lambda:us-east-1:${A}:function:f`;
const T1 = `arn:aws:sns:us-east-1:${A}:t1`;
const T2 = `arn:aws:sns:us-east-1:${A}:t2`;
const CANONICAL = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

function doc(statements: unknown[]): PolicyDocument {
  const r = parsePolicyDocument({ Version: "2012-10-17", Statement: statements }, { kind: "resource", policyName: "p" });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

const PRINCIPALS: Record<string, unknown>[] = [
  { Principal: { AWS: `arn:aws:iam::${A}:root` } },
  { Principal: { AWS: `arn:aws-cn:iam::${A}:root` } },
  { Principal: { AWS: `arn:aws:iam::${B}:root` } },
  { Principal: { AWS: A } },
  { Principal: { AWS: `arn:aws:iam::${A}:role/app` } },
  { Principal: { AWS: `arn:aws:iam::${A}:user/bob` } },
  { Principal: { AWS: `arn:aws:sts::${A}:assumed-role/app/fn` } },
  { Principal: { AWS: `arn:aws:sts::${A}:assumed-role/app/other` } },
  { Principal: { AWS: [`arn:aws:iam::${B}:root`, `arn:aws:iam::${A}:role/app`] } },
  { Principal: { AWS: "*" } },
  { Principal: "*" },
  { Principal: { Service: "sns.amazonaws.com" } },
  { Principal: { Service: "sns.us-east-1.amazonaws.com" } },
  { Principal: { Service: ["s3.amazonaws.com", "events.amazonaws.com"] } },
  { Principal: { Federated: "cognito-identity.amazonaws.com" } },
  { Principal: { CanonicalUser: CANONICAL } },
  { NotPrincipal: { AWS: `arn:aws:iam::${B}:root` } },
  { NotPrincipal: { AWS: [`arn:aws:iam::${A}:root`, `arn:aws:iam::${A}:role/app`] } },
  {},
];
const CONDITIONS: (Record<string, unknown> | undefined)[] = [
  undefined,
  { ArnLike: { "AWS:SourceArn": T1 } },
  { ArnLike: { "aws:SourceArn": [T1, T2] } },
  { ArnEquals: { "aws:SourceArn": T2 } },
  // Not an ARN: a Deny on it is unknown whatever the request holds, so the index must not skip it.
  { ArnEquals: { "aws:SourceArn": "t2" } },
  { StringEquals: { "aws:SourceArn": T1 } },
  { StringLike: { "aws:SourceArn": T2 } },
  { StringEquals: { "aws:SourceArn": T1.toUpperCase() } },
  { ArnLike: { "aws:SourceArn": `arn:aws:sns:*:${A}:t1` } },
  { ArnLike: { "aws:SourceArn": `arn:aws:sns:us-east-1:${A}:\${aws:username}` } },
  { StringEqualsIfExists: { "aws:SourceArn": T1 } },
  { "ForAnyValue:StringEquals": { "aws:SourceArn": T1 } },
  { "ForAllValues:StringEquals": { "aws:SourceArn": T1 } },
  { StringNotEquals: { "aws:SourceArn": T1 } },
  { StringEqualsIgnoreCase: { "aws:SourceArn": T1 } },
  { StringEquals: { "aws:SourceAccount": A } },
  { StringEquals: { "aws:SourceAccount": B }, ArnLike: { "aws:SourceArn": T1 } },
  { Null: { "aws:SourceArn": "false" } },
];
const CALLERS: RequestPrincipal[] = [
  { type: "role", id: `arn:aws:iam::${A}:role/app`, account: A, session: "fn" },
  { type: "role", id: `arn:aws:iam::${A}:role/app`, account: A },
  { type: "role", id: `arn:aws-cn:iam::${A}:role/app`, account: A },
  { type: "user", id: `arn:aws:iam::${A}:user/bob`, account: A },
  { type: "account", id: `arn:aws:iam::${B}:root`, account: B },
  { type: "account", id: A, account: A },
  { type: "service", id: "sns.amazonaws.com" },
  { type: "service", id: "events.amazonaws.com" },
  { type: "anonymous", id: "*" },
  { type: "federated", id: "cognito-identity.amazonaws.com" },
  { type: "canonical-user", id: CANONICAL },
];
const CONTEXTS: RequestContext[] = [
  { values: {}, complete: false },
  { values: {}, complete: true },
  { values: { "aws:sourcearn": T1 }, complete: false },
  { values: { "aws:sourcearn": [T1, T2] }, complete: false },
  { values: { "aws:sourcearn": [] }, complete: false },
  { values: { "aws:SourceArn": T2 }, complete: false },
  { values: { "aws:sourcearn": T1.toUpperCase(), "aws:sourceaccount": A }, complete: false },
  { values: { "aws:sourceaccount": B }, complete: false, knownAbsent: { keys: ["aws:sourcearn"] } },
];

const statement = fc.record({
  Effect: fc.constantFrom("Allow", "Allow", "Deny"),
  principal: fc.constantFrom(...PRINCIPALS),
  condition: fc.constantFrom(...CONDITIONS),
  Action: fc.constantFrom("lambda:InvokeFunction", "lambda:*", "*"),
  Resource: fc.constantFrom(FN, "*", `${FN}:prod`),
});

/**
 * Padding: statements that name no caller, and statements for anyone pinned to sources no request here comes from
 * (enough of them to put the condition index to work after the principal index).
 */
const filler = (i: number) => ({
  Sid: `filler${i}`,
  Effect: i % 4 === 1 ? "Deny" : "Allow",
  ...(i % 2 === 0 ? { Principal: "*", Condition: { ArnLike: { "aws:SourceArn": `arn:aws:sns:us-east-1:${A}:filler-${i}` } } } : { Principal: { AWS: `arn:aws:iam::999999999999:role/filler-${i}` } }),
  Action: "lambda:InvokeFunction",
  Resource: FN,
});

describe("resource-policy statements narrowed by principal and condition", () => {
  it("give the answer testing every statement gives (fast-check, differential)", () => {
    fc.assert(
      fc.property(
        fc.array(statement, { maxLength: 10 }),
        fc.array(fc.nat(), { minLength: 64, maxLength: 80 }),
        fc.constantFrom(...CALLERS),
        fc.constantFrom(...CONTEXTS),
        fc.constantFrom(FN, `${FN}:prod`),
        fc.record({ checkPrincipal: fc.boolean(), evidence: fc.boolean(), principalHasBoundary: fc.boolean() }),
        (drawn, spots, principal, context, resource, opts) => {
          const statements: unknown[] = spots.map((_, i) => filler(i));
          drawn.forEach((s, i) =>
            statements.splice((spots[i] ?? 0) % (statements.length + 1), 0, { Sid: `s${i}`, Effect: s.Effect, ...s.principal, Action: s.Action, Resource: s.Resource, ...(s.condition ? { Condition: s.condition } : {}) }),
          );
          const request: EvaluationRequest = { principal, action: "lambda:InvokeFunction", resource, context };
          const sids = (ms: readonly { sid?: string }[]) => ms.map((m) => m.sid);
          const ask = (policies: PolicyDocument[]) => {
            const { allowMatches, denyMatches, nearMisses, ...truth } = evaluatePolicies(policies, request, opts);
            return { ...truth, allows: sids(allowMatches), denies: sids(denyMatches), near: sids(nearMisses) };
          };
          // Documents of four statements are below every index: each of their statements is tested.
          const chunks = Array.from({ length: Math.ceil(statements.length / 4) }, (_, i) => doc(statements.slice(4 * i, 4 * i + 4)));
          expect(ask([doc(statements)])).toEqual(ask(chunks));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("test few statements per grant when each statement names its own caller or source", () => {
    const accounts = Array.from({ length: 400 }, (_, i) => String(100000000000 + i));
    const topics = accounts.map((_, i) => `arn:aws:sns:us-east-1:${A}:topic-${i}`);
    const policy = doc([
      ...accounts.map((a, i) => ({ Sid: `a${i}`, Effect: "Allow", Principal: { AWS: `arn:aws:iam::${a}:root` }, Action: "lambda:InvokeFunction", Resource: FN })),
      ...topics.map((t, i) => ({ Sid: `t${i}`, Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: FN, Condition: { ArnLike: { "AWS:SourceArn": t } } })),
    ]);
    const ask = (principal: RequestPrincipal, values: Record<string, string> = {}) =>
      resourcePolicyDecision(policy, { principal, action: "lambda:InvokeFunction", resource: FN, context: { values, complete: false } });
    tested.principals = 0;
    tested.conditions = 0;
    for (const a of accounts) expect(ask({ type: "account", id: `arn:aws:iam::${a}:root`, account: a })).toBe("allowed");
    for (const t of topics) expect(ask({ type: "service", id: "sns.amazonaws.com" }, { "aws:sourcearn": t })).toBe("allowed");
    expect(tested.principals).toBeLessThan(5 * (accounts.length + topics.length));
    expect(tested.conditions).toBeLessThan(5 * topics.length);
  });
});
