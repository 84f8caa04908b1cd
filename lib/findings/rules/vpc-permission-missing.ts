/** vpc-permission-missing: a VPC-attached function whose role lacks the ENI actions Lambda uses to attach it. */
import type { Finding } from "@/lib/analysis/types";
import { configEvidence } from "../evidence";
import { functionsWithData } from "../data-needs";
import { functionEniNeeds } from "../network-interface-needs";
import { checkNeeds, needsFinding } from "../role-needs";
import type { Rule } from "../types";

export const vpcPermissionMissing: Rule = {
  id: "vpc-permission-missing",
  title: "VPC function lacks network-interface permissions",
  severity: "high",
  needs: ["GetAccountAuthorizationDetails"],
  description:
    "The function has a VpcConfig with subnets but the role lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces or ec2:DeleteNetworkInterface.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      const vpc = fn.config.VpcConfig;
      const subnetIds = vpc?.SubnetIds ?? [];
      if (!vpc || subnetIds.length === 0) continue;
      const needs = functionEniNeeds({
        partition: ctx.model.partition,
        region: fn.region,
        account: fn.account,
        subnetIds,
        securityGroupIds: vpc.SecurityGroupIds ?? [],
      });
      // Lambda manages the interfaces itself, outside the function's execution environment.
      const outcomes = checkNeeds(ctx, fn, needs, fn.role, "lambda");
      if (!outcomes) continue;
      const finding = needsFinding({
        rule: this.id,
        severity: this.severity,
        fn,
        subject: "VPC function",
        outcomes,
        intro: `The function is attached to ${vpc.VpcId ?? "a VPC"} (subnets ${subnetIds.join(", ")}); Lambda creates and deletes its network interfaces with the execution role.`,
        impact:
          "Lambda cannot create the function's network interfaces: updates fail with \"The provided execution role does not have permissions to call CreateNetworkInterface on EC2\" and the function cannot start in the VPC.",
        context: [configEvidence(fn.arn, `VpcConfig of ${fn.name}`, vpc, ["SubnetIds", "SecurityGroupIds"])],
      });
      if (finding) findings.push(finding);
    }
    return findings;
  },
};
