import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, outcome, REGION, type RuleCase } from "../test-support";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";
import type { RoleOptions } from "@/lib/snapshot/fixtures/builder";

type B = ReturnType<typeof builder>;

function roleCase(role: (b: B) => Omit<RoleOptions, "name">, setup?: (b: B) => void) {
  const b = builder();
  b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: b.role({ name: "r", ...role(b) }) });
  setup?.(b);
  return b;
}

const cases: RuleCase[] = [
  {
    name: "iam:PutRolePolicy on *",
    build: () => roleCase(() => ({ inline: { p: policy(allow("iam:PutRolePolicy", "*")) } })),
    titles: ["Role r can escalate privileges: iam:PutRolePolicy"],
    severities: ["high"],
  },
  {
    name: "iam:PassRole scoped to another role + lambda:CreateFunction",
    build: () =>
      roleCase(
        (b) => ({ inline: { p: policy(allow("iam:PassRole", b.roleArn("admin")), allow("lambda:CreateFunction", "*")) } }),
        (b) => b.role({ name: "admin" }),
      ),
    titles: ["Role r can escalate privileges: iam:PassRole + lambda:CreateFunction"],
  },
  {
    name: "iam:PutRolePolicy on the role's own ARN (scoped, not *)",
    build: () => roleCase((b) => ({ inline: { p: policy(allow("iam:PutRolePolicy", b.roleArn("r"))) } })),
    titles: ["Role r can escalate privileges: iam:PutRolePolicy on arn:aws:iam::123456789012:role/r"],
    severities: ["high"],
  },
  {
    name: "iam:CreatePolicyVersion on policy/* and iam:CreateAccessKey on user/*",
    build: () =>
      roleCase(() => ({
        inline: { p: policy(allow("iam:CreatePolicyVersion", "arn:aws:iam::123456789012:policy/*"), allow("iam:CreateAccessKey", "arn:aws:iam::123456789012:user/*")) },
      })),
    titles: [
      "Role r can escalate privileges: iam:CreatePolicyVersion on arn:aws:iam::123456789012:policy/*, iam:CreateAccessKey on arn:aws:iam::123456789012:user/*",
    ],
  },
  {
    name: "iam:PassRole on role/* + lambda:CreateFunction on function:*",
    build: () =>
      roleCase(
        (b) => ({ inline: { p: policy(allow("iam:PassRole", "arn:aws:iam::123456789012:role/*"), allow("lambda:CreateFunction", b.functionArn(REGION, "*"))) } }),
        (b) => b.role({ name: "admin" }),
      ),
    titles: ["Role r can escalate privileges: iam:PassRole + lambda:CreateFunction"],
  },
  {
    name: "sts:AssumeRole on every role of every account",
    build: () => roleCase(() => ({ inline: { p: policy(allow("sts:AssumeRole", "arn:aws:iam::*:role/*")) } })),
    titles: ["Role r can escalate privileges: sts:AssumeRole"],
  },
  {
    name: "sts:AssumeRole on one named role is not a path",
    build: () => roleCase((b) => ({ inline: { p: policy(allow("sts:AssumeRole", b.roleArn("reader"))) } })),
    titles: [],
  },
  {
    name: "a scoped grant denied by the boundary is no path",
    build: () =>
      roleCase((b) => ({
        inline: { p: policy(allow("iam:PutRolePolicy", b.roleArn("r"))) },
        boundary: b.managedPolicy({ name: "bound", document: policy(allow("logs:*", "*")) }),
      })),
    titles: [],
  },
  {
    name: "iam:PassRole alone is not a path",
    build: () => roleCase(() => ({ inline: { p: policy(allow("iam:PassRole", "*")) } })),
    titles: [],
  },
  {
    name: "iam:* lists every path that matched",
    build: () => roleCase(() => ({ inline: { p: policy(allow("iam:*", "*")) } })),
    titles: ["Role r can escalate privileges: iam:PutRolePolicy, iam:PutUserPolicy, iam:PutGroupPolicy and 11 more"],
  },
  {
    name: "rewriting the code of a function that runs with another role",
    build: () =>
      roleCase(
        (b) => ({ inline: { p: policy(allow("lambda:UpdateFunctionCode", b.functionArn(REGION, "*"))) } }),
        (b) => b.fn({ region: REGION, name: "payments", runtime: "nodejs22.x", role: b.role({ name: "payments-role" }) }),
      ),
    titles: ["Role r can escalate privileges: lambda:UpdateFunctionCode on payments"],
  },
  {
    name: "explicit Deny on iam:Put* removes the path",
    build: () => roleCase(() => ({ inline: { p: policy(allow("iam:PutRolePolicy", "*"), deny("iam:Put*", "*")) } })),
    titles: [],
  },
  {
    name: "full admin is left to role-admin-access",
    build: () => roleCase((b) => ({ managed: [b.attachAwsManaged("AdministratorAccess")] })),
    titles: [],
  },
];

describe("role-privilege-escalation", () => {
  it.each(cases)("$name", (c) => {
    const got = outcome(rolePrivilegeEscalation, c);
    expect(got.titles).toEqual(c.titles);
    if (c.severities) expect(got.severities).toEqual(c.severities);
  });
});
