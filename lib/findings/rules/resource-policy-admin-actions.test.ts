import { describe, expect, it } from "vitest";
import { builder, outcome, OTHER_ACCOUNT, REGION, type RuleCase } from "../test-support";
import { resourcePolicyAdminActions } from "./resource-policy-admin-actions";

function setup() {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "app" }) });
  return { b, fn };
}

const cases: RuleCase[] = [
  {
    name: "lambda:* to another account: critical",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "all", principal: OTHER_ACCOUNT, action: "lambda:*" });
      return b;
    },
    titles: [
      `Function policy lets account ${OTHER_ACCOUNT} call lambda:UpdateFunctionCode, lambda:UpdateFunctionConfiguration, lambda:AddPermission and 13 more on this function`,
    ],
    severities: ["critical"],
  },
  {
    name: "a single admin action to the public",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "conc", principal: "*", action: "lambda:PutFunctionConcurrency" });
      return b;
    },
    titles: ["Function policy lets anyone call lambda:PutFunctionConcurrency on this function"],
  },
  {
    name: "a wildcard principal narrowed to an organization is named as such, not as anyone",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "org", principal: "*", action: "lambda:UpdateFunctionCode", orgId: "o-abc123def4" });
      return b;
    },
    titles: ["Function policy lets principals of organization o-abc123def4 call lambda:UpdateFunctionCode on this function"],
  },
  {
    name: "GetFunction hands out the code and environment values: critical, like a write",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "read", principal: OTHER_ACCOUNT, action: "lambda:GetFunction" });
      return b;
    },
    titles: [`Function policy lets account ${OTHER_ACCOUNT} call lambda:GetFunction on this function`],
    severities: ["critical"],
  },
  {
    name: "metadata reads only (the policy, alias names): medium",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "meta", principal: OTHER_ACCOUNT, action: "lambda:GetPolicy" });
      return b;
    },
    titles: [`Function policy lets account ${OTHER_ACCOUNT} call lambda:GetPolicy on this function`],
    severities: ["medium"],
  },
  {
    name: "invoke only: nothing",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "inv", principal: OTHER_ACCOUNT });
      return b;
    },
    titles: [],
  },
  {
    name: "the account itself may hold admin actions",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "self", principal: b.account, action: "lambda:*" });
      return b;
    },
    titles: [],
  },
  {
    name: "NotAction Allow to another account grants everything but the listed",
    build: () => {
      const { b, fn } = setup();
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "na", Effect: "Allow", Principal: { AWS: OTHER_ACCOUNT }, NotAction: "lambda:DeleteFunction", Resource: fn }],
      });
      return b;
    },
    titles: [
      `Function policy lets account ${OTHER_ACCOUNT} call lambda:UpdateFunctionCode, lambda:UpdateFunctionConfiguration, lambda:AddPermission and 12 more on this function`,
    ],
  },
];

describe("resource-policy-admin-actions", () => {
  it.each(cases)("$name", (c) => {
    const got = outcome(resourcePolicyAdminActions, c);
    expect(got.titles).toEqual(c.titles);
    if (c.severities) expect(got.severities).toEqual(c.severities);
  });
});
