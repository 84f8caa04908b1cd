import { describe, expect, it } from "vitest";
import { builder, outcome, REGION, testRuleCases, type RuleCase } from "../test-support";
import { roleShared } from "./role-shared";

function fns(names: string[], roles: string[]) {
  const b = builder();
  const arns = new Map(roles.map((r) => [r, b.role({ name: r })]));
  names.forEach((name, i) => b.fn({ region: REGION, name, runtime: "nodejs22.x", role: arns.get(roles[i % roles.length]!)! }));
  return b;
}

const cases: RuleCase[] = [
  { name: "three functions, one role", build: () => fns(["a", "b", "c"], ["shared"]), titles: ["Role shared is shared by 3 functions"], severities: ["low"] },
  { name: "two functions, one role: already shared", build: () => fns(["a", "b"], ["shared"]), titles: ["Role shared is shared by 2 functions"] },
  { name: "one role per function", build: () => fns(["a", "b"], ["ra", "rb"]), titles: [] },
];

describe("role-shared", () => {
  testRuleCases(roleShared, cases);

  it("lists every function of the role", () => {
    const f = outcome(roleShared, cases[0]!).findings[0]!;
    expect(f.functions.map((a) => a.split(":").pop())).toEqual(["a", "b", "c"]);
    expect(f.role).toBe("arn:aws:iam::123456789012:role/shared");
  });
});
