import { describe, expect, it } from "vitest";
import { builder, outcome, REGION, type RuleCase } from "../test-support";
import { executionRoleMissing } from "./execution-role-missing";

const cases: RuleCase[] = [
  {
    name: "role deleted: fires",
    build: () => {
      const b = builder();
      b.fn({ region: REGION, name: "orphan", runtime: "nodejs22.x", role: b.roleArn("gone-role", "/service-role/") });
      return b;
    },
    titles: ["Execution role gone-role does not exist"],
    severities: ["high"],
  },
  {
    name: "role present (with a path): fine",
    build: () => {
      const b = builder();
      b.fn({ region: REGION, name: "ok", runtime: "nodejs22.x", role: b.role({ name: "r", path: "/service-role/" }) });
      return b;
    },
    titles: [],
  },
  {
    name: "IAM could not be read: unknown, not missing",
    build: () => {
      const b = builder();
      b.fn({ region: REGION, name: "orphan", runtime: "nodejs22.x", role: b.roleArn("gone-role") });
      b.error({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "not authorized to perform iam:GetAccountAuthorizationDetails" });
      return b;
    },
    titles: [],
  },
];

describe("execution-role-missing", () => {
  it.each(cases)("$name", (c) => {
    const got = outcome(executionRoleMissing, c);
    expect(got.titles).toEqual(c.titles);
    if (c.severities) expect(got.severities).toEqual(c.severities);
  });
});
