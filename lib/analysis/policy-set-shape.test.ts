/**
 * The policy set roleQuestion hands the evaluator has one shape (the same own properties, in the same order) whatever
 * the question: with or without the organization's guardrails, on a KMS key, on a role's trust policy. On Node 20 a
 * literal that spreads a non-empty object before its own properties made a new hidden class each time, which cost a
 * guarded question ~10 µs more than an unguarded one (docs/analysis-performance.md, forty-fourth session).
 */
import { describe, expect, it, vi } from "vitest";
import { FULL_AWS_ACCESS, type OrganizationPolicyOptions } from "@/lib/snapshot/fixtures/builder";
import type { PolicySet } from "@/lib/policy/types";
import { canRole, roleDecision } from "./role-access";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const shapes = vi.hoisted(() => new Set<string>());
vi.mock("@/lib/policy/evaluate", async (original) => {
  const real = await original<typeof import("@/lib/policy/evaluate")>();
  const seen = (set: PolicySet) => shapes.add(Object.keys(set).join(","));
  return {
    ...real,
    evaluate: (...args: Parameters<typeof real.evaluate>) => (seen(args[0]), real.evaluate(...args)),
    evaluateDecision: (...args: Parameters<typeof real.evaluateDecision>) => (seen(args[0]), real.evaluateDecision(...args)),
  };
});

const OU = "ou-a1b2-prod2222";
const DENY_DELETES: OrganizationPolicyOptions = {
  id: "p-denydel1",
  name: "DenyDeletes",
  document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }] },
};
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

describe("roleQuestion's policy set", () => {
  it("has one shape for guarded and unguarded questions, key policies, grants and trust policies", () => {
    const b = newBuilder();
    b.organization({ ous: [OU], scps: { "r-a1b2": [FULL_AWS_ACCESS], [OU]: [FULL_AWS_ACCESS, DENY_DELETES], [ACCOUNT]: [FULL_AWS_ACCESS] } });
    const role = b.role({ name: "r", inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } as never } });
    const other = b.role({ name: "other" });
    b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role });
    b.kmsKey({
      arn: KEY,
      policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] },
      grants: [{ GrantId: "g1", GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/r`, Operations: ["Decrypt"] }],
    } as never);
    const model = modelOf(b);
    const r = model.roles.get(`arn:aws:iam::${ACCOUNT}:role/r`)!;
    const questions = [
      { action: "s3:DeleteBucket", resource: "arn:aws:s3:::b" },
      { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" },
      { action: "s3:GetObject", resource: "arn:aws:s3:::b/k", ownPoliciesOnly: true },
      { action: "kms:Decrypt", resource: KEY },
      { action: "sts:AssumeRole", resource: other },
      { action: "lambda:InvokeFunction", resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:a` },
    ];
    shapes.clear();
    for (const q of questions) {
      canRole(model, r, q);
      roleDecision(model, r, q);
    }
    expect(model.organization.state).toBe("known");
    expect([...shapes]).toHaveLength(1);
  });
});
