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

  it("a readable trust on a role that invokes every function names nothing", () => {
    // Only roles whose trust is unread are named: an account-wide invoker whose trust was read was judged in full.
    const { on, target, other } = account({ adminTrust: policy({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) as never });
    expect([...on(target), ...on(other)]).toEqual([]);
  });

  it("two such roles: both named, the note in the plural, and the remediation names them", () => {
    const { on, target } = account({ callerTrust: UNREADABLE, adminTrust: UNREADABLE });
    const [gap] = on(target);
    expect(gap?.title).toContain("the trust policy of invoking role admin-caller");
    expect(gap?.title).toContain("the trust policy of invoking role caller");
    expect(gap?.detail).toContain("Who may assume those roles, and so invoke target through them, is unknown.");
    expect(gap?.remediation).toMatch(/so every policy roles (caller and admin-caller|admin-caller and caller) use is in the snapshot/);
  });
});

describe("data-unavailable: how the unread-trust role may invoke", () => {
  it("granted by the function's resource policy alone", () => {
    // A role of the account needs the call in its identity policy or in the function's: either admits it.
    const b = builder();
    const target = b.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b.role({ name: "target-role" }) });
    const caller = b.role({ name: "caller", trust: UNREADABLE });
    b.permission(target, { sid: "caller", principal: caller });
    const [gap] = runRules(contextOf(b)).filter((f) => f.rule === "data-unavailable" && f.functions.includes(target));
    expect(gap?.title).toBe("Missing data: the trust policy of invoking role caller");
  });

  it("listed by the function's resource policy, which also denies it: not named", () => {
    const b = builder();
    const target = b.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b.role({ name: "target-role" }) });
    const caller = b.role({ name: "caller", trust: UNREADABLE });
    b.resourcePolicy(target, {
      Version: "2012-10-17",
      Statement: [
        { Sid: "caller", Effect: "Allow", Principal: { AWS: caller }, Action: "lambda:InvokeFunction", Resource: target },
        { Sid: "no", Effect: "Deny", Principal: { AWS: caller }, Action: "lambda:InvokeFunction", Resource: target },
      ],
    } as never);
    expect(runRules(contextOf(b)).filter((f) => f.rule === "data-unavailable" && f.functions.includes(target))).toEqual([]);
  });

  it("on every function of one region: named on that region's functions only", () => {
    const b = builder();
    const here = b.fn({ region: REGION, name: "here", runtime: "nodejs22.x", role: b.role({ name: "r1" }) });
    const there = b.fn({ region: "eu-west-1", name: "there", runtime: "nodejs22.x", role: b.role({ name: "r2" }) });
    b.role({ name: "regional", trust: UNREADABLE, inline: { invoke: policy(allow("lambda:InvokeFunction", `arn:aws:lambda:${REGION}:*:function:*`)) } });
    const gaps = runRules(contextOf(b)).filter((f) => f.rule === "data-unavailable");
    expect(gaps.filter((f) => f.functions.includes(here)).map((f) => f.title)).toEqual(["Missing data: the trust policy of invoking role regional"]);
    expect(gaps.filter((f) => f.functions.includes(there))).toEqual([]);
  });

  it("on every function but one it is denied: not named on that one", () => {
    const b = builder();
    const open = b.fn({ region: REGION, name: "open", runtime: "nodejs22.x", role: b.role({ name: "r1" }) });
    const shut = b.fn({ region: REGION, name: "shut", runtime: "nodejs22.x", role: b.role({ name: "r2" }) });
    b.role({
      name: "wide",
      trust: UNREADABLE,
      inline: { invoke: policy(allow("lambda:InvokeFunction", "*"), { Effect: "Deny" as const, Action: "lambda:InvokeFunction", Resource: shut }) },
    });
    const gaps = runRules(contextOf(b)).filter((f) => f.rule === "data-unavailable");
    expect(gaps.filter((f) => f.functions.includes(open)).map((f) => f.title)).toEqual(["Missing data: the trust policy of invoking role wide"]);
    expect(gaps.filter((f) => f.functions.includes(shut))).toEqual([]);
  });
});
