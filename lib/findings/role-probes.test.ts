import { describe, expect, it } from "vitest";
import { mayAllowOn } from "./role-probes";
import { ACCOUNT, builder, contextOf, REGION } from "./test-support";

const FN_A = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:a`;
const FN_B = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:b`;

function roleWith(statement: Record<string, unknown>) {
  const b = builder({ regions: [REGION] });
  const role = b.role({ name: "r", inline: { p: { Version: "2012-10-17", Statement: [statement] } as never } });
  b.fn({ region: REGION, name: "a", runtime: "nodejs20.x", role });
  return contextOf(b).model.functions[0]!.role!;
}

describe("mayAllowOn (cost guard: false only when no Allow statement covers action and resource)", () => {
  it("follows Resource globs", () => {
    const role = roleWith({ Effect: "Allow", Action: "lambda:Update*", Resource: FN_A });
    expect(mayAllowOn(role, "lambda:UpdateFunctionCode", FN_A)).toBe(true);
    expect(mayAllowOn(role, "lambda:UpdateFunctionCode", FN_B)).toBe(false);
    expect(mayAllowOn(role, "iam:PassRole", FN_A)).toBe(false);
  });
  it("follows NotResource", () => {
    const role = roleWith({ Effect: "Allow", Action: "lambda:*", NotResource: FN_A });
    expect(mayAllowOn(role, "lambda:UpdateFunctionCode", FN_A)).toBe(false);
    expect(mayAllowOn(role, "lambda:UpdateFunctionCode", FN_B)).toBe(true);
  });
  it("leaves policy variables and Deny statements to the evaluator", () => {
    expect(mayAllowOn(roleWith({ Effect: "Allow", Action: "lambda:*", Resource: "arn:aws:lambda:*:*:function:${aws:PrincipalTag/team}-*" }), "lambda:UpdateFunctionCode", FN_B)).toBe(true);
    expect(mayAllowOn(roleWith({ Effect: "Deny", Action: "lambda:*", Resource: "*" }), "lambda:UpdateFunctionCode", FN_B)).toBe(false);
  });
});
