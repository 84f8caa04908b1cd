/**
 * A role the function's policy lists, whose own identity policy explicitly denies the call, cannot invoke the
 * function whoever takes it (an explicit Deny in the caller's policies refuses whatever the resource policy allows):
 * its grant is no way in, so neither its open trust nor its unread one is reported.
 */
import { describe, expect, it } from "vitest";
import { policy, RawDocument } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, contextOf, REGION } from "../test-support";
import { runRules } from "../run";

const UNREADABLE = new RawDocument('{"Version":"2012-10-17","Statement":[');

describe("a role the function policy names, refused by its own Deny", () => {
  it("granted by the function's resource policy but denied by its own: not named", () => {
    // The function policy lists the role, which its explicit Deny refuses: it cannot invoke, whoever takes it.
    const b = builder();
    const target = b.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b.role({ name: "target-role" }) });
    const caller = b.role({ name: "caller", trust: UNREADABLE, inline: { deny: policy({ Effect: "Deny" as const, Action: "lambda:InvokeFunction", Resource: target }) } });
    b.permission(target, { sid: "caller", principal: caller });
    expect(runRules(contextOf(b)).filter((f) => f.rule === "data-unavailable" && f.functions.includes(target))).toEqual([]);
  });


  it("invoker-role-open-trust: a role open to anyone, listed by the function's policy, whose own Deny refuses the call", () => {
    // An explicit Deny in the caller's identity policy refuses the request whatever the resource policy allows
    // (reference_policies_evaluation-logic.html): nobody can invoke the function through this role.
    const b = builder();
    const target = b.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b.role({ name: "target-role" }) });
    const caller = b.role({
      name: "caller",
      trust: policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }) as never,
      inline: { deny: policy({ Effect: "Deny" as const, Action: "lambda:InvokeFunction", Resource: "*" }) },
    });
    b.permission(target, { sid: "caller", principal: caller });
    const ctx = contextOf(b);
    expect(runRules(ctx).filter((f) => f.rule === "invoker-role-open-trust").map((f) => f.title)).toEqual([]);
    // The invoker list says why: the grant is there, the role's own Deny refuses.
    expect((ctx.invokers.get(target) ?? []).filter((i) => i.principal === caller).map((i) => [i.via, i.decision])).toEqual([["resource-policy", "explicitly-denied"]]);
  });

  it("without the Deny, the same role is a way in for anyone (control)", () => {
    const b = builder();
    const target = b.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b.role({ name: "target-role" }) });
    const caller = b.role({ name: "caller", trust: policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }) as never });
    b.permission(target, { sid: "caller", principal: caller });
    expect(runRules(contextOf(b)).filter((f) => f.rule === "invoker-role-open-trust").map((f) => f.severity)).toEqual(["critical"]);
  });
});

