/**
 * ENI actions Lambda uses with the execution role to put a function (or an event-source poller) into a VPC
 * (lambda-permissions.md §2 and §1.1). `DescribeNetworkInterfaces` and the other Describe calls only work with
 * `Resource: "*"`; Create is authorised against the new interface and the subnets and security groups it uses.
 *
 * The condition keys each request carries are those the Service Authorization Reference (EC2) lists for the action
 * and resource: every EC2 request `ec2:Region`; CreateNetworkInterface on a subnet `ec2:SubnetID` (the id) and
 * `ec2:Vpc` (the VPC's ARN), on a security group `ec2:SecurityGroupID` and `ec2:Vpc`; DeleteNetworkInterface on
 * the interface `ec2:Subnet` (the subnet's ARN) and `ec2:Vpc`. The configuration gives their values, so grants
 * scoped by them are decided; the rest (tags, the interface id, the availability zone, the Delete's subnet when
 * the function has several) stay unknown.
 */
import type { Need } from "./role-needs";

export interface NetworkScope {
  partition: string;
  region: string;
  account: string;
  subnetIds?: string[];
  securityGroupIds?: string[];
  /** `VpcConfig.VpcId`; pollers' configurations do not give it. */
  vpcId?: string;
}

/** The three actions every VPC-attached function needs. */
export function functionEniNeeds(s: NetworkScope): Need[] {
  const ec2 = (resource: string) => `arn:${s.partition}:ec2:${s.region}:${s.account}:${resource}`;
  const eni = ec2("network-interface/*");
  const subnetIds = s.subnetIds ?? [];
  const region = { "ec2:Region": s.region };
  const inVpc = s.vpcId ? { ...region, "ec2:Vpc": ec2(`vpc/${s.vpcId}`) } : region;
  const create: Need["context"] = { [eni]: region };
  for (const id of subnetIds) create[ec2(`subnet/${id}`)] = { ...inVpc, "ec2:SubnetID": id };
  for (const id of s.securityGroupIds ?? []) create[ec2(`security-group/${id}`)] = { ...inVpc, "ec2:SecurityGroupID": id };
  // Each interface is in one of the subnets: which one is known only when there is one.
  const [only] = subnetIds.length === 1 ? subnetIds : [];
  return [
    { action: "ec2:CreateNetworkInterface", resources: Object.keys(create), context: create },
    { action: "ec2:DescribeNetworkInterfaces", resources: ["*"], context: { "*": region } },
    { action: "ec2:DeleteNetworkInterface", resources: [eni], context: { [eni]: only ? { ...inVpc, "ec2:Subnet": ec2(`subnet/${only}`) } : inVpc } },
  ];
}

/** Pollers that reach brokers inside a VPC (MSK, MQ, DocumentDB, self-managed Kafka in a VPC) also describe it. */
export function pollerEniNeeds(s: NetworkScope): Need[] {
  return [
    ...functionEniNeeds(s),
    { action: "ec2:DescribeVpcs", resources: ["*"] },
    { action: "ec2:DescribeSubnets", resources: ["*"] },
    { action: "ec2:DescribeSecurityGroups", resources: ["*"] },
  ];
}
