/**
 * ENI actions Lambda uses with the execution role to put a function (or an event-source poller) into a VPC
 * (lambda-permissions.md §2 and §1.1). `DescribeNetworkInterfaces` and the other Describe calls only work with
 * `Resource: "*"`; Create is authorised against the new interface and the subnets and security groups it uses.
 */
import type { Need } from "./role-needs";

export interface NetworkScope {
  partition: string;
  region: string;
  account: string;
  subnetIds?: string[];
  securityGroupIds?: string[];
}

/** The three actions every VPC-attached function needs. */
export function functionEniNeeds(s: NetworkScope): Need[] {
  const ec2 = (resource: string) => `arn:${s.partition}:ec2:${s.region}:${s.account}:${resource}`;
  const eni = ec2("network-interface/*");
  return [
    {
      action: "ec2:CreateNetworkInterface",
      resources: [
        eni,
        ...(s.subnetIds ?? []).map((id) => ec2(`subnet/${id}`)),
        ...(s.securityGroupIds ?? []).map((id) => ec2(`security-group/${id}`)),
      ],
    },
    { action: "ec2:DescribeNetworkInterfaces", resources: ["*"] },
    { action: "ec2:DeleteNetworkInterface", resources: [eni] },
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
