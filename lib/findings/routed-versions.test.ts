/**
 * A published version keeps the role and configuration it was published with (lambda-permissions.md §1): the rules
 * that judge a part of the configuration with the role (VPC, logs, tracing, the dead-letter target) judge a version
 * an alias (or a mapping, async settings, a policy) routes calls to by its own, once, and only where it differs.
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import type { VersionSettings } from "@/lib/snapshot/fixtures/builder";
import { builder, findingsOf, REGION, type SnapshotPatch } from "./test-support";
import type { Rule } from "./types";
import { asyncTargetPermissionMissing } from "./rules/async-target-permission-missing";
import { logsPermissionMissing } from "./rules/logs-permission-missing";
import { tracingPermissionMissing } from "./rules/tracing-permission-missing";
import { vpcPermissionMissing } from "./rules/vpc-permission-missing";

type B = ReturnType<typeof builder>;
const VPC = { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0123abcd"], vpcId: "vpc-0feed" };
const OTHER_VPC = { subnetIds: ["subnet-0ffff000"], securityGroupIds: ["sg-0123abcd"], vpcId: "vpc-0feed" };
const LOGS = ["logs:CreateLogStream", "logs:PutLogEvents"];
const fnArn = (b: B) => b.functionArn(REGION, "orders");

/** A role that meets every need of the function's own configuration (and nothing else). */
function ableRole(b: B, name = "able-role") {
  return b.role({
    name,
    managed: [b.attachAwsManaged("AWSXRayDaemonWriteAccess")],
    inline: {
      logs: policy(allow(LOGS, b.arn("logs", REGION, "log-group:/aws/lambda/orders:*"))),
      eni: policy(
        allow(["ec2:CreateNetworkInterface"], [b.arn("ec2", REGION, "network-interface/*"), b.arn("ec2", REGION, `subnet/${VPC.subnetIds[0]}`), b.arn("ec2", REGION, "security-group/*")]),
        allow(["ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"], "*"),
      ),
      dlq: policy(allow("sqs:SendMessage", b.arn("sqs", REGION, "orders-dlq"))),
    },
  });
}

interface Case {
  name: string;
  rule: Rule;
  /** The version's settings where they differ from the function's; `role` names a new role with no permissions. */
  version: VersionSettings | "same";
  newRole?: boolean;
  /** How the alias reaches version 3; "none": nothing routes to it. */
  route?: "alias" | "canary" | "none";
  titles: string[];
}

const fnSettings = { vpc: VPC, tracing: "Active" as const, dlq: "arn:aws:sqs:us-east-1:123456789012:orders-dlq" };

const cases: Case[] = [
  {
    name: "vpc: prod runs version 3, published with a role that lacks the ENI actions",
    rule: vpcPermissionMissing,
    version: {},
    newRole: true,
    titles: ["VPC version 3 (alias prod) lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface"],
  },
  {
    name: "vpc: version 3 was published in a subnet the (same) role may not use",
    rule: vpcPermissionMissing,
    version: { vpc: OTHER_VPC },
    titles: ["VPC version 3 (alias prod) lacks ec2:CreateNetworkInterface"],
  },
  {
    name: "vpc: a canary version of prod runs with the old role",
    rule: vpcPermissionMissing,
    version: {},
    newRole: true,
    route: "canary",
    titles: ["VPC version 3 (alias prod) lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface"],
  },
  { name: "vpc: version 3 same role and VpcConfig as the function: nothing more", rule: vpcPermissionMissing, version: "same", titles: [] },
  { name: "vpc: nothing routes to version 3: not judged", rule: vpcPermissionMissing, version: {}, newRole: true, route: "none", titles: [] },
  {
    name: "logs: version 3's role cannot write logs",
    rule: logsPermissionMissing,
    version: {},
    newRole: true,
    titles: ["Version 3 (alias prod) lacks logs:CreateLogStream, logs:PutLogEvents"],
  },
  {
    name: "logs: version 3 logs to another group, which the role cannot write to",
    rule: logsPermissionMissing,
    version: { logGroup: "/shared/legacy" },
    titles: ["Version 3 (alias prod) lacks logs:CreateLogStream, logs:PutLogEvents"],
  },
  { name: "logs: version 3 same as the function: nothing more", rule: logsPermissionMissing, version: "same", titles: [] },
  {
    name: "tracing: version 3's role has no X-Ray permissions",
    rule: tracingPermissionMissing,
    version: {},
    newRole: true,
    titles: ["Active tracing of version 3 (alias prod) lacks xray:PutTraceSegments, xray:PutTelemetryRecords"],
  },
  {
    name: "tracing: version 3 published with tracing off: nothing to check",
    rule: tracingPermissionMissing,
    version: { tracing: "PassThrough" },
    newRole: true,
    titles: [],
  },
  {
    name: "dlq: version 3 sends to an older dead-letter queue the role cannot send to",
    rule: asyncTargetPermissionMissing,
    version: { dlq: "arn:aws:sqs:us-east-1:123456789012:orders-dlq-old" },
    titles: ["Dead-letter queue of version 3 (alias prod) lacks sqs:SendMessage"],
  },
  {
    name: "dlq: version 3's role cannot send to the same queue",
    rule: asyncTargetPermissionMissing,
    version: {},
    newRole: true,
    titles: ["Dead-letter queue of version 3 (alias prod) lacks sqs:SendMessage"],
  },
  { name: "dlq: version 3 same as the function: nothing more", rule: asyncTargetPermissionMissing, version: "same", titles: [] },
];

function build(c: Case) {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: ableRole(b), ...fnSettings });
  const settings = c.version === "same" ? undefined : { ...c.version, ...(c.newRole ? { role: b.role({ name: "old-role" }) } : {}) };
  b.version(fn, "2");
  b.version(fn, "3", settings);
  if (c.route === "canary") b.alias(fn, "prod", "2", undefined, { "3": 0.1 });
  else if (c.route !== "none") b.alias(fn, "prod", "3");
  return b;
}

describe("routed-to versions are judged by their own role and configuration", () => {
  it.each(cases)("$name", (c) => {
    const findings = findingsOf(c.rule, build(c));
    expect(findings.map((f) => f.title)).toEqual(c.titles);
    // The finding is about the version: its id names it, distinct from the function's own finding of the rule.
    for (const f of findings) {
      expect(f.id.startsWith(`${c.rule.id}:${fnArn(builder())}:3`)).toBe(true);
      expect(f.function).toBe(fnArn(builder()));
      expect(f.detail).toContain("version 3");
    }
  });

  it("a version's finding names its role and keeps its own fix apart from the function's", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "shared-role" }), vpc: VPC });
    b.version(fn, "3", { vpc: OTHER_VPC });
    b.alias(fn, "prod", "3");
    const findings = findingsOf(vpcPermissionMissing, b);
    expect(findings.map((f) => f.id)).toEqual([`vpc-permission-missing:${fn}`, `vpc-permission-missing:${fn}:3`]);
    const [own, v3] = findings;
    expect(v3?.evidence[0]).toMatchObject({ kind: "configuration", source: { functionArn: `${fn}:3` } });
    expect(v3?.detail).toContain("subnet-0ffff000");
    // put-role-policy replaces a same-named policy: the version's fix must not undo the function's.
    const name = (f: typeof own) => /--policy-name (\S+)/.exec(f?.remediation ?? "")?.[1];
    expect(name(v3)).not.toBe(name(own));
  });

  it("asks the version's role, named in the detail, not the function's", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: ableRole(b) });
    b.version(fn, "3", { role: b.role({ name: "old-role", inline: { l: policy(allow(LOGS, "*")) } }), vpc: VPC });
    b.alias(fn, "prod", "3");
    const [f] = findingsOf(vpcPermissionMissing, b);
    expect(f?.detail).toContain("old-role");
    expect(f?.remediation).toContain("--role-name old-role");
  });
});

describe("a routed-to version whose Role was set aside (one IAM could never give)", () => {
  it("is not judged as its function's current role: its role is unknown, so no verdict on its own configuration", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "shared-role" }), vpc: VPC });
    b.version(fn, "3", { vpc: OTHER_VPC });
    b.alias(fn, "prod", "3");
    const crafted = (snapshot: Parameters<SnapshotPatch>[0]) => {
      const versions = (snapshot.regions![REGION]!.ListVersionsByFunction as Record<string, { Versions: { Version: string; Role?: string }[] }>)[fn]!.Versions;
      versions.find((v) => v.Version === "3")!.Role = "arn:aws:iam::123456789012:role/shared\u0007role";
    };
    // Read as given, version 3 (another subnet) gets a finding of its own; with its Role set aside, the function's.
    expect(findingsOf(vpcPermissionMissing, b).map((f) => f.id)).toEqual([`vpc-permission-missing:${fn}`, `vpc-permission-missing:${fn}:3`]);
    expect(findingsOf(vpcPermissionMissing, b, crafted).map((f) => f.id)).toEqual([`vpc-permission-missing:${fn}`]);
  });
});
