/**
 * A same-account caller's permissions boundary against a function-policy grant, by how the grant names it
 * (reference_policies_evaluation-logic.html, access_policies_boundaries.html; lambda-permissions.md §6, item 13):
 * a grant naming the role ARN is limited by an implicit deny in the boundary; one naming the role's session, or `*`
 * narrowed by aws:PrincipalArn (reference_policies_elements_principal.html), is not. Of a `*` without aws:PrincipalArn
 * AWS says nothing, so the role is only conditional through it. Here the boundary allows no invoking and the role has
 * no identity Allow.
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { identityInvokers } from "./identity-invokers";
import { invokersOf } from "./invokers";
import { roleDecision } from "./role-access";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const CALLER = `arn:aws:iam::${ACCOUNT}:role/caller`;

function world(grant: Record<string, unknown>) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  const boundary = b.managedPolicy({ name: "s3-only", document: policy(allow("s3:GetObject", "*")) });
  b.role({ name: "caller", boundary });
  b.resourcePolicy(fn, policy({ Sid: "Grant", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn, ...grant } as never));
  const model = modelOf(b);
  const target = model.functions[0]!;
  const caller = model.roles.get(CALLER)!;
  return {
    model,
    grant: invokersOf(model, target).find((i) => i.sid === "Grant")!,
    callerDecision: roleDecision(model, caller, { action: "lambda:InvokeFunction", resource: target.arn }),
    identityListed: identityInvokers(model).byFunction.get(target.arn)?.some((i) => i.principal === CALLER) ?? false,
  };
}

describe("a function-policy grant and the caller's boundary that allows no invoking", () => {
  it("a grant naming the role ARN is limited by the boundary", () => {
    const w = world({ Principal: { AWS: CALLER } });
    expect(w.callerDecision).toBe("implicitly-denied");
    expect(w.grant).toMatchObject({ principal: CALLER, principalType: "role", decision: "implicitly-denied" });
  });

  it("a `*` grant confined to the account by aws:PrincipalAccount may or may not let the role in past the boundary", () => {
    const w = world({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } });
    expect(w.callerDecision).toBe("conditional");
    // The invoker list shows it under the `*` grant, not among the roles whose own policies let them in.
    expect(w.grant).toMatchObject({ principal: "*", decision: "allowed" });
    expect(w.identityListed).toBe(false);
  });

  it("a `*` grant pinned to the role by aws:PrincipalArn lets it in past the boundary", () => {
    const w = world({ Principal: { AWS: "*" }, Condition: { ArnEquals: { "aws:PrincipalArn": CALLER } } });
    expect(w.callerDecision).toBe("allowed");
    expect(w.grant.decision).toBe("allowed");
  });

  it("a grant naming the role's session lets it in past the boundary", () => {
    const w = world({ Principal: { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/caller/ci` } });
    expect(w.grant).toMatchObject({ principalType: "role", decision: "allowed" });
  });
});
