/**
 * Review: UpdateFunctionConfiguration sets Runtime in the same request as Environment, and no condition key names a
 * runtime. A zip function on Python (or Node 16, or a deprecated Node whose updates Lambda blocks) becomes a Node 22
 * one with NODE_OPTIONS=--import=data:…: the preload runs at the next cold start, before the handler fails to load,
 * with the function's credentials in its environment. Only container images (no Runtime to set) are out of reach.
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION } from "../test-support";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";

const UPDATE = "lambda:UpdateFunctionConfiguration";

function account(target: { runtime: string; image?: boolean }) {
  const b = builder();
  b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { p: policy(allow(UPDATE, "*")) } }) });
  b.fn({ region: REGION, name: "ops", ...target, role: b.role({ name: "ops-role", managed: [b.attachAwsManaged("AdministratorAccess")] }) });
  return findingsOf(rolePrivilegeEscalation, b).find((f) => f.role === b.roleArn("r"));
}

describe("review2: the NODE_OPTIONS way reaches any zip function, its runtime being set in the same update", () => {
  it.each(["python3.12", "nodejs16.x", "java21", "provided.al2023"])("a %s function with an admin role is a path to admin", (runtime) => {
    expect(account({ runtime })?.severity).toBe("critical");
  });

  it("a container image sets no runtime: no path", () => {
    expect(account({ runtime: "", image: true })).toBeUndefined();
  });
});
