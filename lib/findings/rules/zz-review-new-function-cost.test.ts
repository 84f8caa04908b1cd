/**
 * Review of new-function.ts cost: every name a CreateFunction grant spells out is asked in every region of the
 * snapshot, each action of each of the three Lambda entries, with no early stop when no candidate opens.
 */
import { describe, expect, it } from "vitest";
import { allow, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, contextOf } from "../test-support";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";

const REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
  "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "sa-east-1", "me-south-1"];

describe("review: cost of the new-function candidates", () => {
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
    const started = performance.now();
    rolePrivilegeEscalation.check(ctx);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(1000);
  }, 120_000);
});
