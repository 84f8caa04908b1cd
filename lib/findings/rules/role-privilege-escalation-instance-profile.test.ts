/**
 * iam:CreateInstanceProfile and iam:AddRoleToInstanceProfile act on an instance-profile ARN: a role granted them on
 * `instance-profile/*` (the least-privilege form) may make the profile an admin role in none needs for EC2, as one
 * granted them on `*` may.
 */
import { describe, expect, it } from "vitest";
import { allow, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION } from "../test-support";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";

describe("EC2 instance-profile making scoped to instance-profile ARNs", () => {
  it("counts the admin role when CreateInstanceProfile/AddRoleToInstanceProfile are granted on instance-profile/*", () => {
    const b = builder();
    b.fn({
      region: REGION,
      name: "a",
      runtime: "nodejs22.x",
      role: b.role({
        name: "r",
        inline: {
          p: policy(
            allow(["iam:PassRole", "ec2:RunInstances"], "*"),
            allow(["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"], "arn:aws:iam::123456789012:instance-profile/*"),
          ),
        },
      }),
    });
    b.role({ name: "admin", managed: [b.attachAwsManaged("AdministratorAccess")], trust: serviceTrust("ec2.amazonaws.com"), instanceProfile: false });
    const f = findingsOf(rolePrivilegeEscalation, b).find((x) => x.role === b.roleArn("r"));
    // Same grant on "*" gives "PassRole to admin" (existing test); the ARN-scoped form must too.
    expect(f?.title).toBe("Role r can escalate to admin: PassRole to admin");
  });
});
