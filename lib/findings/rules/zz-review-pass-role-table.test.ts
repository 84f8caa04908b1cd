/**
 * Review of cc2ac19's table: ecs:StartTask places a task on container instances named in the request, which must
 * already be registered to a cluster (EC2 launch type). Nothing in the path makes one, and the snapshot holds no ECS
 * cluster, so it is the kind of path "through a resource that must already exist" the table says it leaves out.
 */
import { describe, expect, it } from "vitest";
import { allow, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION } from "../test-support";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";

describe("review: PassRole compute paths that need a resource the snapshot cannot show", () => {
  it("PassRole + ecs:RegisterTaskDefinition + ecs:StartTask is not a certain path with no container instance to start on", () => {
    const b = builder();
    const r = b.role({ name: "r", inline: { p: policy(allow(["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:StartTask"], "*")) } });
    b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: r });
    b.role({ name: "admin", managed: [b.attachAwsManaged("AdministratorAccess")], trust: serviceTrust("ecs-tasks.amazonaws.com") });
    const f = findingsOf(rolePrivilegeEscalation, b).find((x) => x.role === b.roleArn("r"));
    expect(f?.title ?? "").not.toMatch(/^Role r can /);
  });
});
