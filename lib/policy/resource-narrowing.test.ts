/**
 * Policies with many statements for one service are narrowed by the request's resource before they are tested
 * (evaluate-policies.ts), and a role's many policies to those with a statement for the action's service and resource:
 * the answer must be the one testing every statement gives, and asking about each ARN of a role with hundreds of
 * single-ARN statements, or of hundreds of policies, must not test every statement each time.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { evaluate } from "./evaluate";
import { evaluatePolicies } from "./evaluate-policies";
import { parsePolicyDocument } from "./parse";
import type { EvaluationRequest, PolicyDocument } from "./types";

const tested = vi.hoisted(() => ({ lists: 0 }));
vi.mock("./wildcard", async (original) => {
  const real = await original<typeof import("./wildcard")>();
  return { ...real, globListMatches: (...args: Parameters<typeof real.globListMatches>) => (tested.lists++, real.globListMatches(...args)) };
});

const A = "111122223333";
const Q = `arn:aws:sqs:us-east-1:${A}`;

function doc(statements: unknown[]): PolicyDocument {
  const r = parsePolicyDocument({ Version: "2012-10-17", Statement: statements }, { kind: "inline", policyName: "p" });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

function request(resource: string, action = "sqs:SendMessage"): EvaluationRequest {
  return { principal: { type: "role", id: `arn:aws:iam::${A}:role/app`, account: A }, action, resource, context: { values: {}, complete: false } };
}

const RESOURCES = [`${Q}:q1`, `${Q}:q10`, `${Q}:Q1`, `${Q}:q*`, `${Q}:q?`, `arn:aws:sqs:*:${A}:q1`, "*", `${Q}:\${aws:username}`, `${Q}:q\${*}`, `${Q}`];
const statement = fc.record({
  Effect: fc.constantFrom("Allow", "Deny"),
  element: fc.constantFrom("Resource", "NotResource"),
  list: fc.array(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 3 }),
  condition: fc.boolean(),
});
/** Statements that name no resource any request here asks about: padding a policy with them changes no answer. */
const filler = (i: number) => ({ Sid: `filler${i}`, Effect: "Allow", Action: "sqs:*", Resource: `arn:aws:sqs:eu-west-9:${A}:filler-${i}` });

describe("statements narrowed by resource", () => {
  it("give the answer testing every statement gives (fast-check, differential)", () => {
    fc.assert(
      fc.property(
        fc.array(statement, { maxLength: 10 }),
        fc.array(fc.nat(), { minLength: 40, maxLength: 60 }),
        fc.constantFrom(`${Q}:q1`, `${Q}:q10`, `${Q}:Q1`, `${Q}:q2`, `${Q}:q*`, "*", `arn:aws:sqs:us-east-1:${A}`),
        fc.boolean(),
        (drawn, spots, resource, evidence) => {
          const own = drawn.map((s, i) => ({
            Sid: `s${i}`,
            Effect: s.Effect,
            Action: "sqs:*",
            [s.element]: s.list,
            ...(s.condition ? { Condition: { StringEquals: { "aws:PrincipalTag/team": "a" } } } : {}),
          }));
          const padded: unknown[] = spots.map((_, i) => filler(i));
          own.forEach((s, i) => padded.splice((spots[i] ?? 0) % (padded.length + 1), 0, s));
          const sids = (ms: readonly { sid?: string }[]) => ms.map((m) => m.sid);
          const ask = (statements: unknown[]) => {
            const e = evaluatePolicies([doc(statements)], request(resource), { evidence, checkPrincipal: false });
            return { allow: e.allow, deny: e.deny, allows: sids(e.allowMatches), denies: sids(e.denyMatches), near: sids(e.nearMisses) };
          };
          expect(ask(padded)).toEqual(ask(padded.filter((s) => !(s as { Sid: string }).Sid.startsWith("filler"))));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("test few statements per question when each names its own ARNs", () => {
    const queues = Array.from({ length: 400 }, (_, i) => `${Q}:queue-${i}`);
    const policy = doc(queues.map((q) => ({ Effect: "Allow", Action: "sqs:*", Resource: q })));
    tested.lists = 0;
    for (const q of queues) expect(evaluate({ identity: [policy] }, request(q, "sqs:DeleteQueue")).decision).toBe("allowed");
    expect(tested.lists).toBeLessThan(5 * queues.length);
  });
});

describe("policies narrowed by action and resource", () => {
  const ACTIONS = [{ Action: "sqs:*" }, { Action: "sqs:SendMessage" }, { Action: "SQS:Send*" }, { Action: "*" }, { Action: "s3:*" }, { NotAction: "s3:*" }, { NotAction: "sqs:*" }];
  const drawnStatement = fc.record({ s: statement, action: fc.constantFrom(...ACTIONS), bare: fc.boolean() });

  it("give the answer reading every policy gives (fast-check, differential)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(drawnStatement, { minLength: 1, maxLength: 3 }), { maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 8, maxLength: 30 }),
        fc.constantFrom(`${Q}:q1`, `${Q}:q10`, `${Q}:Q1`, `${Q}:q2`, "*", `arn:aws:sqs:us-east-1:${A}`),
        fc.constantFrom("sqs:SendMessage", "sqs:DeleteQueue", "s3:GetObject"),
        fc.boolean(),
        (drawn, spots, resource, action, evidence) => {
          const own = drawn.map((statements, p) =>
            doc(
              statements.map(({ s, action: a, bare }, i) => ({
                Sid: `p${p}s${i}`,
                Effect: s.Effect,
                ...a,
                ...(bare ? {} : { [s.element]: s.list }),
                ...(s.condition ? { Condition: { StringEquals: { "aws:PrincipalTag/team": "a" } } } : {}),
              })),
            ),
          );
          const padded = spots.map((_, i) => doc([filler(i), { ...filler(i), Sid: `filler${i}b`, Effect: "Deny" }]));
          own.forEach((d, i) => padded.splice((spots[i] ?? 0) % (padded.length + 1), 0, d));
          const sids = (ms: readonly { sid?: string }[]) => ms.map((m) => m.sid);
          const ask = (policies: PolicyDocument[]) => {
            const e = evaluatePolicies(policies, request(resource, action), { evidence, checkPrincipal: false });
            return { allow: e.allow, deny: e.deny, allows: sids(e.allowMatches), denies: sids(e.denyMatches), near: sids(e.nearMisses) };
          };
          // Without the padding, fewer policies than the policy index starts at: every one is read.
          expect(ask(padded)).toEqual(ask(padded.filter((d) => !d.statements[0]?.sid?.startsWith("filler"))));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("test few statements per question when each of hundreds of policies names its own ARN", () => {
    const queues = Array.from({ length: 400 }, (_, i) => `${Q}:queue-${i}`);
    const policies = queues.map((q) => doc([{ Effect: "Allow", Action: "sqs:*", Resource: q }]));
    tested.lists = 0;
    for (const q of queues) expect(evaluate({ identity: policies }, request(q, "sqs:DeleteQueue")).decision).toBe("allowed");
    expect(tested.lists).toBeLessThan(5 * queues.length);
  });
});
