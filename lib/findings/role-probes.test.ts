import { describe, expect, it } from "vitest";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { canRole } from "@/lib/analysis/role-access";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { ADMIN_PROBES, grantedBy, mayAllow, mayAllowOn } from "./role-probes";
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

describe("mayAllow (cost guard: false only when nothing could grant the action)", () => {
  function roleWithBoundary(identity: ReturnType<typeof policy>, boundary: ReturnType<typeof policy>) {
    const b = builder({ regions: [REGION] });
    const bound = b.managedPolicy({ name: "bound", document: boundary });
    const role = b.role({ name: "r", inline: { p: identity }, boundary: bound });
    b.fn({ region: REGION, name: "a", runtime: "nodejs20.x", role });
    return contextOf(b).model.functions[0]!.role!;
  }

  it("is false when the boundary names no Allow for the action, true when both do", () => {
    const role = roleWithBoundary(policy(allow("*", "*")), policy(allow(["logs:*", "s3:GetObject"], "*")));
    expect(mayAllow(role, "iam:PassRole")).toBe(false);
    expect(mayAllow(role, "s3:GetObject")).toBe(true);
    expect(mayAllow(role, "logs:PutLogEvents")).toBe(true);
  });
  it("reads NotAction in identity and boundary", () => {
    const role = roleWithBoundary(policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" } as never), policy(allow("*", "*")));
    expect(mayAllow(role, "iam:PassRole")).toBe(false);
    expect(mayAllow(role, "ec2:RunInstances")).toBe(true);
  });
  it("reads service prefixes case-insensitively and with wildcards, in identity and boundary", () => {
    expect(mayAllow(roleWith({ Effect: "Allow", Action: "IAM:PassRole", Resource: "*" }), "iam:passrole")).toBe(true);
    expect(mayAllow(roleWith({ Effect: "Allow", Action: "i?m:Pass*", Resource: "*" }), "iam:PassRole")).toBe(true);
    expect(mayAllow(roleWith({ Effect: "Allow", Action: ["s3:GetObject", "*:PassRole"], Resource: "*" }), "iam:PassRole")).toBe(true);
    expect(mayAllow(roleWith({ Effect: "Allow", Action: ["s3:GetObject", "sqs:*"], Resource: "*" }), "iam:PassRole")).toBe(false);
    expect(mayAllow(roleWithBoundary(policy(allow("*", "*")), policy(allow("S3:*", "*"))), "s3:GetObject")).toBe(true);
    expect(mayAllow(roleWithBoundary(policy(allow("*", "*")), policy(allow("s3:*", "*"))), "sqs:SendMessage")).toBe(false);
  });
  it("counts a boundary Deny as no reason to skip (only Allow statements are looked for)", () => {
    const role = roleWithBoundary(policy(allow("iam:PassRole", "*")), policy(allow("*", "*"), deny("iam:*", "*")));
    expect(mayAllow(role, "iam:PassRole")).toBe(true);
  });

  it("never hides an answer the evaluator would grant, on a synthetic account", () => {
    const model = buildAccountModel(parseSnapshotValue(generateSyntheticSnapshot({ functions: 300, roles: 200, seed: 7 })));
    const actions = [...ADMIN_PROBES, "iam:PassRole", "lambda:CreateFunction", "s3:PutObject", "dynamodb:Query", "sqs:ReceiveMessage", "logs:PutLogEvents"];
    let skipped = 0;
    for (const role of model.roles.values()) {
      for (const action of actions) {
        if (mayAllow(role, action)) continue;
        skipped++;
        expect(grantedBy(canRole(model, role, { action, resource: "*" })), `${role.name} ${action}`).toBe("no");
      }
    }
    expect(skipped).toBeGreaterThan(1000); // the guard is exercised, not vacuous
  });
});
