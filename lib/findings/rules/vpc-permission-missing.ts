/**
 * vpc-permission-missing: a VPC-attached function whose role lacks the ENI actions Lambda uses to attach it; also
 * a routed-to version published with another role or VpcConfig (deployments.ts).
 */
import { configEvidence } from "../evidence";
import { deploymentFindings } from "../deployments";
import { functionEniNeeds } from "../network-interface-needs";
import type { Rule } from "../types";

export const vpcPermissionMissing: Rule = {
  id: "vpc-permission-missing",
  title: "VPC function lacks network-interface permissions",
  severity: "high",
  needs: ["GetAccountAuthorizationDetails"],
  description:
    "The function (or a version an alias routes to) has a VpcConfig with subnets but its role lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces or ec2:DeleteNetworkInterface.",
  check(ctx) {
    return deploymentFindings(ctx, this, (c) => JSON.stringify(c.VpcConfig ?? null), (fn, { config, versionArn, label }) => {
      const vpc = config.VpcConfig;
      const subnetIds = vpc?.SubnetIds ?? [];
      if (!vpc || subnetIds.length === 0) return undefined;
      return {
        needs: functionEniNeeds({
          partition: ctx.model.partition,
          region: fn.region,
          account: fn.account,
          subnetIds,
          securityGroupIds: vpc.SecurityGroupIds ?? [],
          vpcId: vpc.VpcId ?? undefined,
        }),
        // Lambda manages the interfaces itself, outside the function's execution environment.
        requester: "lambda",
        subject: label ? `VPC ${label}` : "VPC function",
        intro: `${label ? `The function's ${label}, as published,` : "The function"} is attached to ${vpc.VpcId ?? "a VPC"} (subnets ${subnetIds.join(", ")}); Lambda creates and deletes its network interfaces with the execution role.`,
        // ENIs are made when the VPC settings are applied, not per invocation (lambda-permissions.md §VPC): a function
        // that already has them keeps running, so the impact says when the missing actions bite.
        impact:
          "Lambda cannot create the function's network interfaces: creating or updating the function fails with \"The provided execution role does not have permissions to call CreateNetworkInterface on EC2\". Interfaces it already has keep working until Lambda reclaims them (after weeks without invocations); then the function goes Inactive and cannot start again.",
        context: [configEvidence(versionArn ?? fn.arn, `VpcConfig of ${label ?? fn.name}`, vpc, ["SubnetIds", "SecurityGroupIds"])],
      };
    });
  },
};
