import { describe, expect, it } from "vitest";
import type { DataOperation } from "@/lib/analysis/account-model";
import { hasData, missingData } from "./data-needs";
import { policyGrants } from "./resource-grants";
import { ACCOUNT, builder, contextOf, OTHER_ACCOUNT, REGION } from "./test-support";

const ALL: DataOperation[] = [
  "GetPolicy",
  "GetFunctionUrlConfig",
  "ListEventSourceMappings",
  "ListAliases",
  "GetFunctionEventInvokeConfig",
  "GetAccountAuthorizationDetails",
];

describe("hasData", () => {
  it("is true exactly when missingData is empty, with and without failed reads", () => {
    const b = builder();
    const role = b.role({ name: "r" });
    const whole = b.fn({ region: REGION, name: "whole", role, runtime: "nodejs22.x" });
    const gaps = b.fn({ region: REGION, name: "gaps", role, runtime: "nodejs22.x" });
    b.error({ operation: "GetResourcePolicy", target: gaps, code: "AccessDeniedException", message: "denied" });
    b.error({ operation: "ListFunctionUrlConfigs", target: gaps, code: "ThrottlingException", message: "slow down" });
    const { model } = contextOf(b);
    const fnOf = (arn: string) => model.functionsByArn.get(arn)!;
    expect(fnOf(whole).unknownOps.size).toBe(0);
    // Every subset of needs, on a function with no gaps and on one whose GetPolicy and URL data are unknown.
    for (let mask = 0; mask < 1 << ALL.length; mask++) {
      const needs = ALL.filter((_, i) => (mask & (1 << i)) !== 0);
      for (const arn of [whole, gaps]) expect(hasData(fnOf(arn), needs), `${arn} ${needs.join(",")}`).toBe(missingData(fnOf(arn), needs).length === 0);
    }
    expect(hasData(fnOf(gaps), ["GetPolicy"])).toBe(false);
    expect(hasData(fnOf(gaps), ["GetFunctionUrlConfig"])).toBe(false);
    expect(hasData(fnOf(gaps), ["ListAliases", "GetAccountAuthorizationDetails"])).toBe(true);
  });
});

describe("policyGrants", () => {
  it("reads the grants again when asked for another account or partition", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "f", role: b.role({ name: "r" }), runtime: "nodejs22.x" });
    b.permission(fn, { sid: "other", principal: OTHER_ACCOUNT });
    const { model } = contextOf(b);
    const f = model.functionsByArn.get(fn)!;
    const own = policyGrants(f, ACCOUNT, "aws");
    expect(own.map((g) => g.principal.kind)).toEqual(["other-account"]);
    expect(policyGrants(f, ACCOUNT, "aws")).toBe(own); // read once for the rules that share them
    expect(policyGrants(f, OTHER_ACCOUNT, "aws").map((g) => g.principal.kind)).toEqual(["own-account"]);
    expect(policyGrants(f, OTHER_ACCOUNT, "aws-cn")[0]?.principal.request.id).toBe(`arn:aws-cn:iam::${OTHER_ACCOUNT}:root`);
  });
});
