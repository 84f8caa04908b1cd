import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, DENY_WITHOUT_SOURCE_FUNCTION, outcome, REGION, testRuleCases, type RuleCase } from "../test-support";
import { vpcPermissionMissing } from "./vpc-permission-missing";

type B = ReturnType<typeof builder>;
const VPC = { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0123abcd"], vpcId: "vpc-0feed" };

function fnWith(role: (b: B) => string, vpc: typeof VPC | null = VPC) {
  const b = builder();
  b.fn({ region: REGION, name: "db", runtime: "nodejs22.x", role: role(b), ...(vpc ? { vpc } : {}) });
  return b;
}

const ENI = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"];
type Condition = Record<string, Record<string, string | string[]>>;
const vpcIs = (b: B, vpc: string): Condition => ({ ArnEquals: { "ec2:Vpc": b.arn("ec2", REGION, `vpc/${vpc}`) } });

/** Create on each resource type, Delete on interfaces, each with its own condition (none when not given). */
function scopedRole(b: B, on: { subnet?: Condition; group?: Condition; eni?: Condition }) {
  const grant = (actions: string | string[], resource: string, condition?: Condition) => allow(actions, b.arn("ec2", REGION, resource), condition ? { condition } : {});
  return b.role({
    name: "r",
    inline: {
      eni: policy(
        grant("ec2:CreateNetworkInterface", "subnet/*", on.subnet),
        grant("ec2:CreateNetworkInterface", "security-group/*", on.group),
        grant("ec2:CreateNetworkInterface", "network-interface/*"),
        grant("ec2:DeleteNetworkInterface", "network-interface/*", on.eni),
        allow("ec2:DescribeNetworkInterfaces", "*"),
      ),
    },
  });
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
  // Lambda's CreateNetworkInterface is authorised against the subnet (carrying ec2:SubnetID and ec2:Vpc), the
  // security groups (ec2:SecurityGroupID, ec2:Vpc) and the new interface; DeleteNetworkInterface against the
  // interface (ec2:Subnet, ec2:Vpc); every EC2 request carries ec2:Region (Service Authorization Reference, EC2).
  // The function's VpcConfig gives their values.
  {
    name: "Create scoped by ec2:SubnetID and ec2:SecurityGroupID to the function's own: fine",
    build: () => fnWith((b) => scopedRole(b, { subnet: { StringEquals: { "ec2:SubnetID": "subnet-0a1b2c3d" } }, group: { StringEquals: { "ec2:SecurityGroupID": ["sg-0123abcd", "sg-other"] } } })),
    titles: [],
  },
  {
    name: "Create scoped by ec2:SubnetID to another subnet: lacks",
    build: () => fnWith((b) => scopedRole(b, { subnet: { StringEquals: { "ec2:SubnetID": "subnet-0ffff000" } } })),
    titles: ["VPC function lacks ec2:CreateNetworkInterface"],
  },
  {
    name: "Create on subnets and security groups scoped by ec2:Vpc to the function's VPC, Delete too: fine",
    build: () => fnWith((b) => scopedRole(b, { subnet: vpcIs(b, "vpc-0feed"), group: vpcIs(b, "vpc-0feed"), eni: vpcIs(b, "vpc-0feed") })),
    titles: [],
  },
  {
    name: "Create and Delete scoped by ec2:Vpc to another VPC: lacks",
    build: () => fnWith((b) => scopedRole(b, { subnet: vpcIs(b, "vpc-0bad"), group: vpcIs(b, "vpc-0bad"), eni: vpcIs(b, "vpc-0bad") })),
    titles: ["VPC function lacks ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface"],
  },
  {
    name: "Delete scoped by ec2:Subnet to the function's only subnet: fine",
    build: () => fnWith((b) => scopedRole(b, { eni: { ArnEquals: { "ec2:Subnet": b.arn("ec2", REGION, "subnet/subnet-0a1b2c3d") } } })),
    titles: [],
  },
  {
    name: "ENI actions allowed in another region only (ec2:Region): lacks",
    build: () => fnWith((b) => b.role({ name: "r", inline: { eni: policy(allow(ENI, "*", { condition: { StringEquals: { "ec2:Region": "eu-west-1" } } })) } })),
    titles: ["VPC function lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface"],
  },
  {
    // CreateNetworkInterface's listing names ec2:Subnet for none of its resources, while the interface type lists it
    // in general: whether Lambda's request carries it is unknown, so Create stays "may". Delete carries it (the
    // function's one subnet); DescribeNetworkInterfaces never does, so a grant that needs it does not cover Describe.
    name: "ENI actions on * conditioned on ec2:Subnet: Describe lacks, Create may lack",
    build: () => fnWith((b) => b.role({ name: "r", inline: { eni: policy(allow(ENI, "*", { condition: { ArnEquals: { "ec2:Subnet": b.arn("ec2", REGION, "subnet/subnet-0a1b2c3d") } } })) } })),
    titles: ["VPC function lacks ec2:DescribeNetworkInterfaces; may lack ec2:CreateNetworkInterface (depends on ec2:Subnet)"],
  },
  {
    name: "no VPC config: nothing to check",
    build: () => fnWith((b) => b.role({ name: "r" }), null),
    titles: [],
  },
  {
    // What Lambda returns for a function outside any VPC: an empty VpcConfig, no subnets to attach to.
    name: "an empty VpcConfig (no subnets): nothing to check",
    build: () => fnWith((b) => b.role({ name: "r" }), { subnetIds: [], securityGroupIds: [], vpcId: "" }),
    titles: [],
  },
];

describe("vpc-permission-missing", () => {
  testRuleCases(vpcPermissionMissing, cases);

  it("says the missing actions break creating and updating the function, not the invocations it already serves", () => {
    const [finding] = outcome(vpcPermissionMissing, cases[1]!).findings;
    expect(finding?.detail).toContain("creating or updating the function fails");
    expect(finding?.detail).toContain("Interfaces it already has keep working");
    expect(finding?.detail).not.toContain("cannot start in the VPC");
  });

  it("the fix grants Create on the resources it is refused on, not again on those already allowed", () => {
    const c = cases.find((x) => x.name.startsWith("Create scoped to network interfaces only"))!;
    const [finding] = outcome(vpcPermissionMissing, c).findings;
    const fix = finding!.remediation;
    const snippet = JSON.parse(fix.slice(fix.indexOf("{"), fix.lastIndexOf("}") + 1)) as { Statement: { Action: string | string[]; Resource: string | string[] }[] };
    const creates = snippet.Statement.filter((s) => [s.Action].flat().includes("ec2:CreateNetworkInterface")).flatMap((s) => [s.Resource].flat());
    expect(creates.sort()).toEqual([`arn:aws:ec2:${REGION}:123456789012:security-group/sg-0123abcd`, `arn:aws:ec2:${REGION}:123456789012:subnet/subnet-0a1b2c3d`]);
  });
});
