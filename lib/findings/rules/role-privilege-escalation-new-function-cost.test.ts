/**
 * The new-function candidates are not all asked: a deploy role's `lambda:*` on a list of its own functions names
 * every action, yet grants the mapping (authorised on `*`) on none, and without a guard every name it lists was asked
 * in every region for each of the three Lambda paths (40 such roles took the rule to 2.1 s in a review's measurement).
 */
import { describe, expect, it } from "vitest";
import { checkAtOnce } from "../run";
import { allow, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, contextOf } from "../test-support";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";

const REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
  "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "sa-east-1", "me-south-1"];

describe("new-function candidates are asked only where every action may be granted", () => {
  it("deploy roles scoped to the functions they deploy (by name, in one region) are cheap to judge", () => {
    const b = builder();
    b.role({ name: "admin", managed: [b.attachAwsManaged("AdministratorAccess")], trust: serviceTrust("lambda.amazonaws.com") });
    for (const region of REGIONS) b.region(region);
    const names = Array.from({ length: 150 }, (_, i) => `svc-${i}`);
    for (let r = 0; r < 40; r++) {
      const arns = names.map((n) => b.functionArn("us-east-1", `${n}-${r}`));
      const role = b.role({
        name: `deployer-${r}`,
        inline: {
          p: policy(
            allow("iam:PassRole", b.roleArn(`deployer-${r}`)),
            allow(["lambda:CreateFunction", "lambda:InvokeFunction", "lambda:AddPermission", "lambda:CreateEventSourceMapping"], arns),
          ),
        },
      });
      b.fn({ region: "us-east-1", name: `${names[0]}-${r}`, runtime: "nodejs22.x", role });
    }
    const ctx = contextOf(b);
    const asked = new Map<string, number>();
    const canRole = ctx.canRole.bind(ctx);
    ctx.canRole = (role, query) => {
      asked.set(query.action, (asked.get(query.action) ?? 0) + 1);
      return canRole(role, query);
    };
    checkAtOnce(rolePrivilegeEscalation, ctx);
    // The mapping is granted on no `*`: no candidate is asked, only the answers on `*` that close the path, once per
    // role. Invoking and adding a permission open on the first name listed that no function holds: one CreateFunction
    // question each, per role. Without the guard: thousands.
    expect(asked.get("lambda:CreateEventSourceMapping") ?? 0).toBeLessThanOrEqual(40);
    expect(asked.get("lambda:CreateFunction") ?? 0).toBeLessThanOrEqual(3 * 40);
  }, 120_000);
});
