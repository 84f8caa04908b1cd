/**
 * A Resource spelled `ARN:…` is read by the evaluator both as written and as `arn:…` ("conditional" where the readings
 * disagree, lib/policy/arn-case.test.ts): the invoker list's shortcuts, which pick and group the functions a role's
 * patterns may name before asking, must not decide otherwise.
 */
import { describe, expect, it } from "vitest";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { identityInvokers } from "./identity-invokers";
import { roleDecision } from "./role-access";
import { ACCOUNT, REGION, modelOf } from "./test-support";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
const INVOKE = "lambda:InvokeFunction";
const upper = (arn: string) => `ARN${arn.slice(3)}`;

/** Functions `a1` and `b1` in one region, and a role `ci` allowed to invoke `resource(arn of a1)`. */
function account(resource: (a1: string) => string) {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: [REGION] });
  const exec = b.role({ name: "exec" });
  const a1 = b.fn({ region: REGION, name: "a1", runtime: "nodejs22.x", role: exec });
  b.fn({ region: REGION, name: "b1", runtime: "nodejs22.x", role: exec });
  b.role({ name: "ci", inline: { deploy: doc({ Sid: "Invoke", Effect: "Allow", Action: INVOKE, Resource: resource(a1) }) } as never });
  return modelOf(b);
}

/** What the list says of role ci on each function, beside what the evaluator says when asked about it. */
function listedAndAsked(model: ReturnType<typeof account>) {
  const { byFunction } = identityInvokers(model);
  const ci = [...model.roles.values()].find((r) => r.name === "ci")!;
  return model.functions.map((fn) => ({
    fn: fn.name,
    listed: byFunction.get(fn.arn)?.find((i) => i.principal === ci.arn)?.decision,
    asked: roleDecision(model, ci, { action: INVOKE, resource: fn.arn }),
  }));
}

describe("identity invokers: a Resource spelled ARN:", () => {
  it("a literal ARN: entry lists the function it names under arn:, conditionally, as the evaluator answers", () => {
    expect(listedAndAsked(account(upper))).toEqual([
      { fn: "a1", listed: "conditional", asked: "conditional" },
      { fn: "b1", listed: undefined, asked: "implicitly-denied" },
    ]);
  });

  it("a pattern spelled ARN: does not lend one function's answer to another it never names", () => {
    expect(listedAndAsked(account((a1) => upper(a1).replace(/:a1$/, ":a*")))).toEqual([
      { fn: "a1", listed: "conditional", asked: "conditional" },
      { fn: "b1", listed: undefined, asked: "implicitly-denied" },
    ]);
  });
});
