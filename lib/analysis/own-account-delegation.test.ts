/**
 * A function-policy grant to the function's own account, as `arn:aws:iam::A:root` or bare `A`, lets no one in by
 * itself: "The account ARN and the shortened account ID behave the same way. Both delegate permissions to the
 * account" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html, "AWS
 * account principals"); a principal of the account then needs its own identity Allow
 * (reference_policies_evaluation-logic_policy-eval-basics.html). The invoker list once read such a grant as
 * "allowed" and named no one: it now names the roles and users whose identity policies let them in through it.
 */
import { describe, expect, it } from "vitest";
import { policy } from "@/lib/snapshot/fixtures/policy-documents";
import { functionInvokers } from "./analyze";
import { DELEGATE_NAMES } from "./own-account-delegation";
import type { Invoker } from "./types";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const OTHER = "210987654321";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** Function `f` whose policy grants `principal` lambda:InvokeFunction; `setup` adds the account's callers. */
function grantTo(principal: string, setup: (b: ReturnType<typeof newBuilder>, fn: string) => void = () => {}): Invoker {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "exec" }) });
  b.fn({ region: REGION, name: "g", runtime: "nodejs22.x", role: b.role({ name: "exec-g" }) });
  b.resourcePolicy(fn, policy({ Sid: "Grant", Effect: "Allow", Principal: { AWS: principal }, Action: "lambda:InvokeFunction", Resource: fn } as never));
  setup(b, fn);
  const model = modelOf(b);
  const list = functionInvokers(model).invokers.get(fn) ?? [];
  return list.find((i) => i.sid === "Grant")!;
}

/** A CI role allowed to invoke `f` alone, an admin allowed everything, one allowed under MFA, one allowed `g` only. */
function callers(b: ReturnType<typeof newBuilder>, fn: string): void {
  b.role({ name: "ci", inline: { invoke: doc({ Sid: "InvokeF", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }) } as never });
  b.role({ name: "admin", inline: { all: doc({ Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }) } as never });
  b.role({
    name: "mfa",
    inline: { mfa: doc({ Sid: "WithMfa", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }) } as never,
  });
  b.role({ name: "other-fn", inline: { g: doc({ Sid: "OnlyG", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: b.functionArn(REGION, "g") }) } as never });
}

describe("a function-policy grant to the function's own account", () => {
  for (const [form, principal] of [
    ["the account root", `arn:aws:iam::${ACCOUNT}:root`],
    ["the bare account id", ACCOUNT],
  ] as const) {
    it(`as ${form}: names the roles whose identity policies let them in through it, with their statements`, () => {
      const grant = grantTo(principal, callers);
      expect(grant).toMatchObject({ principalType: "account", principal: ACCOUNT, decision: "allowed" });
      expect(grant.delegatedTo).toEqual({
        callers: [
          { principal: roleArn("admin"), principalType: "role", decision: "allowed", statements: ["all#All"], accountWide: true },
          { principal: roleArn("ci"), principalType: "role", decision: "allowed", statements: ["invoke#InvokeF"] },
          { principal: roleArn("mfa"), principalType: "role", decision: "conditional", statements: ["mfa#WithMfa"] },
        ],
      });
    });
  }

  it("says no one when no identity policy of the account allows invoking it", () => {
    expect(grantTo(ACCOUNT).delegatedTo).toEqual({ callers: [] });
  });

  it("names the roles whose identity policies are unread: whether they may invoke is unknown", () => {
    const grant = grantTo(ACCOUNT, (b) => b.role({ name: "broken", inline: { p: "{not json" } as never }));
    expect(grant.delegatedTo).toEqual({ callers: [], unknown: [roleArn("broken")] });
  });

  it(`names ${DELEGATE_NAMES} callers and counts the rest`, () => {
    const grant = grantTo(ACCOUNT, (b, fn) => {
      for (let i = 0; i < DELEGATE_NAMES + 3; i++) {
        b.role({ name: `ci-${String(i).padStart(2, "0")}`, inline: { invoke: doc({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }) } as never });
      }
    });
    expect(grant.delegatedTo?.callers).toHaveLength(DELEGATE_NAMES);
    expect(grant.delegatedTo?.moreCallers).toBe(3);
  });

  it("on an alias's policy: names the callers whose identity policies cover the alias, not the function alone", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "exec" }) });
    b.version(fn, "1");
    const live = b.alias(fn, "live", "1");
    b.resourcePolicy(live, policy({ Sid: "Grant", Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "lambda:InvokeFunction", Resource: live } as never));
    // lambda-permissions.md §3.5: a grant on `f` does not cover `f:live`; one on `f:*` does.
    b.role({ name: "fn-only", inline: { p: doc({ Sid: "F", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }) } as never });
    b.role({ name: "qualified", inline: { p: doc({ Sid: "Q", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: [fn, `${fn}:*`] }) } as never });
    const model = modelOf(b);
    const grant = (functionInvokers(model).invokers.get(fn) ?? []).find((i) => i.sid === "Grant");
    expect(grant?.qualifier).toBe(live);
    expect(grant?.delegatedTo).toEqual({ callers: [{ principal: roleArn("qualified"), principalType: "role", decision: "allowed", statements: ["p#Q"] }] });
  });

  it("another account's root is left to that account: it names none of this account's callers", () => {
    const grant = grantTo(`arn:aws:iam::${OTHER}:root`, callers);
    expect(grant).toMatchObject({ principalType: "account", principal: OTHER, decision: "allowed" });
    expect(grant.delegatedTo).toBeUndefined();
  });
});
