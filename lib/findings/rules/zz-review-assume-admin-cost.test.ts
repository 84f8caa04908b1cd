/**
 * Review: assumableAdmin() asks ctx.canRole(role, sts:AssumeRole on admin) for every role in use × every admin role
 * whose trust names an AWS principal, with no cost guard. An admin role trusting only the account root can be assumed
 * only with an identity Allow (its trust delegates to IAM policies), so a role no statement of which names
 * sts:AssumeRole (mayAllow false) can never reach it: every such question is wasted. Measured on the synthetic
 * 10,000-function / 5,000-role account with its 54 admin roles given a root trust: the rule went from 355 ms to
 * 2,667 ms with zero findings either way — per role × per role work that was not there before.
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, contextOf, REGION } from "../test-support";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";

describe("review: AssumeRole-to-admin questions are not asked roles × admins", () => {
  it("asks nothing about admin roles trusting only the account root of roles that name no sts:AssumeRole", () => {
    const b = builder();
    const ROLES = 40;
    const ADMINS = 25;
    for (let i = 0; i < ROLES; i++) {
      b.fn({ region: REGION, name: `f${i}`, runtime: "nodejs22.x", role: b.role({ name: `r${i}`, inline: { p: policy(allow("s3:GetObject", "*")) } }) });
    }
    for (let i = 0; i < ADMINS; i++) {
      b.role({
        name: `admin${i}`,
        managed: [b.attachAwsManaged("AdministratorAccess")],
        trust: policy({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" } as never),
      });
    }
    const ctx = contextOf(b);
    let assumeQuestions = 0;
    const canRole = ctx.canRole.bind(ctx);
    ctx.canRole = (role, query) => {
      if (query.action === "sts:AssumeRole" && query.resource.includes(":role/admin")) assumeQuestions++;
      return canRole(role, query);
    };
    expect(rolePrivilegeEscalation.check(ctx)).toEqual([]);
    // None of these answers can be "allowed" or "conditional"; today it asks ROLES × ADMINS = 1000 of them.
    expect(assumeQuestions).toBe(0);
  });
});
