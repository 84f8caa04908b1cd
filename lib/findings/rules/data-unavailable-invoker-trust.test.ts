/**
 * A role that may invoke a function, whose trust policy could not be read: who may take it, and so invoke the
 * function through it, is unknown, so invoker-role-open-trust cannot rule out that anyone may. The function's
 * data-unavailable finding says so, never a silence that reads as "judged and clean".
 */
import { describe, expect, it } from "vitest";
import { allow, policy, RawDocument } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, contextOf, REGION } from "../test-support";
import { runRules } from "../run";

const UNREADABLE = new RawDocument('{"Version":"2012-10-17","Statement":[');

function account(opts: { callerTrust?: RawDocument; callerDenied?: boolean; adminTrust?: RawDocument } = {}) {
  const b = builder();
  const target = b.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b.role({ name: "target-role" }) });
  const other = b.fn({ region: REGION, name: "other", runtime: "nodejs22.x", role: b.role({ name: "other-role" }) });
  b.role({
    name: "caller",
    ...(opts.callerTrust ? { trust: opts.callerTrust } : {}),
    inline: { invoke: policy(allow("lambda:InvokeFunction", target), ...(opts.callerDenied ? [{ Effect: "Deny" as const, Action: "lambda:InvokeFunction", Resource: target }] : [])) },
  });
  if (opts.adminTrust) b.role({ name: "admin-caller", trust: opts.adminTrust, inline: { invoke: policy(allow("lambda:*", "*")) } });
  const gaps = runRules(contextOf(b)).filter((f) => f.rule === "data-unavailable");
  return { on: (fn: string) => gaps.filter((f) => f.functions.includes(fn)), target, other };
}

describe("data-unavailable: invoking roles whose trust policy is unread", () => {
  it("a role that may invoke the function: named, with the open-trust rule judged on the rest", () => {
    const { on, target, other } = account({ callerTrust: UNREADABLE });
    const [gap] = on(target);
    expect(gap?.title).toBe("Missing data: the trust policy of invoking role caller");
    expect(gap?.detail).toContain("could change their verdict: invoker-role-open-trust.");
    expect(gap?.detail).toContain("Who may assume role caller, and so invoke target through it, is unknown.");
    expect(gap?.evidence.map((e) => e.source)).toContainEqual(expect.objectContaining({ roleName: "caller", operation: "GetAccountAuthorizationDetails" }));
    // The role invokes target only.
    expect(on(other)).toEqual([]);
  });

  it("a readable trust, or a role refused the call, leaves nothing to report", () => {
    expect(account().on(account().target)).toEqual([]);
    const denied = account({ callerTrust: UNREADABLE, callerDenied: true });
    expect(denied.on(denied.target)).toEqual([]);
  });

  it("a role that may invoke every function: every function it reaches says so", () => {
    const { on, target, other } = account({ adminTrust: UNREADABLE });
    for (const fn of [target, other]) expect(on(fn).map((f) => f.title)).toEqual(["Missing data: the trust policy of invoking role admin-caller"]);
  });
});
