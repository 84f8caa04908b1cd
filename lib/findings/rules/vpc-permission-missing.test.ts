import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, DENY_WITHOUT_SOURCE_FUNCTION, outcome, REGION, type RuleCase } from "../test-support";
import { vpcPermissionMissing } from "./vpc-permission-missing";

type B = ReturnType<typeof builder>;
const VPC = { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0123abcd"], vpcId: "vpc-0feed" };

function fnWith(role: (b: B) => string, vpc: typeof VPC | null = VPC) {
  const b = builder();
  b.fn({ region: REGION, name: "db", runtime: "nodejs22.x", role: role(b), ...(vpc ? { vpc } : {}) });
  return b;
}

const cases: RuleCase[] = [
  {
    name: "AWSLambdaVPCAccessExecutionRole: fine",
    build: () => fnWith((b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaVPCAccessExecutionRole")] })),
    titles: [],
  },
  {
    name: "no ENI permissions",
    build: () => fnWith((b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")] })),
    titles: ["VPC function lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface"],
    severities: ["high"],
  },
  {
    name: "Create scoped to network interfaces only misses the subnet and security group",
    build: () =>
      fnWith((b) =>
        b.role({
          name: "r",
          inline: {
            eni: policy(
              allow(["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"], b.arn("ec2", REGION, "network-interface/*")),
              allow("ec2:DescribeNetworkInterfaces", "*"),
            ),
          },
        }),
      ),
    titles: ["VPC function lacks ec2:CreateNetworkInterface"],
  },
  {
    // Lambda creates the network interfaces itself, outside the execution environment: its EC2 requests carry no
    // lambda:SourceFunctionArn (permissions-source-function-arn.html), so a guard denying requests without it stops them.
    name: "a Deny on requests without lambda:SourceFunctionArn stops Lambda's own ENI calls",
    build: () =>
      fnWith((b) =>
        b.role({
          name: "r",
          managed: [b.attachAwsManaged("AWSLambdaVPCAccessExecutionRole")],
          inline: { guard: DENY_WITHOUT_SOURCE_FUNCTION },
        }),
      ),
    titles: ["VPC function lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface"],
  },
  {
    name: "a Deny of EC2 to the function's own code leaves Lambda's ENI calls alone: fine",
    build: () =>
      fnWith((b) =>
        b.role({
          name: "r",
          managed: [b.attachAwsManaged("AWSLambdaVPCAccessExecutionRole")],
          inline: { guard: policy(deny("ec2:*", "*", { condition: { ArnLike: { "lambda:SourceFunctionArn": "arn:aws:lambda:*:*:function:*" } } })) },
        }),
      ),
    titles: [],
  },
  {
    name: "no VPC config: nothing to check",
    build: () => fnWith((b) => b.role({ name: "r" }), null),
    titles: [],
  },
];

describe("vpc-permission-missing", () => {
  it.each(cases)("$name", (c) => {
    const got = outcome(vpcPermissionMissing, c);
    expect(got.titles).toEqual(c.titles);
    if (c.severities) expect(got.severities).toEqual(c.severities);
  });
});
