/**
 * The services AWS added to RCPs after launch (lib/analysis/organization.ts): DynamoDB and CloudWatch Logs requests of
 * the account's execution roles are now judged within the organization's RCPs, a perimeter keyed on
 * aws:PrincipalOrgID letting the account's own roles through and an unconditional Deny refusing them, cited.
 */
import { describe, expect, it } from "vitest";
import { RCP_FULL_AWS_ACCESS, type OrganizationPolicyOptions } from "@/lib/snapshot/fixtures/builder";
import { builder, findingsOf, REGION, ACCOUNT } from "../test-support";
import { eventSourceMissingPermissions } from "./event-source-missing-permissions";
import { logsPermissionMissing } from "./logs-permission-missing";

type B = ReturnType<typeof builder>;
const OU = "ou-a1b2-prod2222";
const ORG = "o-a1b2c3d4e5";

function rcp(name: string, action: string, condition?: Record<string, Record<string, string>>): OrganizationPolicyOptions {
  const st = { Sid: "Guard", Effect: "Deny", Principal: "*", Action: action, Resource: "*", ...(condition ? { Condition: condition } : {}) };
  return { id: `p-${name.toLowerCase()}`, name, document: { Version: "2012-10-17", Statement: [st] } };
}

/** `b` with RCPs enabled and `account` attached at the account's level (RCPFullAWSAccess above). */
function underRcps(b: B, account: OrganizationPolicyOptions[]): B {
  b.organization({ ous: [OU], enabled: ["RESOURCE_CONTROL_POLICY"], rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS], [ACCOUNT]: account } });
  return b;
}

/** A worker on a DynamoDB stream, its role granted what the mapping needs. */
function streamWorker(): B {
  const b = builder();
  const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaDynamoDBExecutionRole")] });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  b.esm({ functionArn: fn, sourceArn: b.arn("dynamodb", REGION, "table/Orders/stream/2026-01-01T00:00:00.000"), uuid: "11111111-2222-3333-4444-555555555555" });
  return b;
}

/** A function whose role writes its logs (AWSLambdaBasicExecutionRole). */
function logger(): B {
  const b = builder();
  const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")] });
  b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role });
  return b;
}

describe("RCPs over DynamoDB (February 2026)", () => {
  it("a perimeter on dynamodb:* keyed on aws:PrincipalOrgID lets the account's own role read its stream", () => {
    const perimeter = rcp("DynamoPerimeter", "dynamodb:*", { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG } });
    expect(findingsOf(eventSourceMissingPermissions, underRcps(streamWorker(), [RCP_FULL_AWS_ACCESS, perimeter]))).toEqual([]);
  });

  it("an RCP denying dynamodb:GetRecords to everyone refuses the stream trigger, citing the RCP statement", () => {
    const [f, ...rest] = findingsOf(eventSourceMissingPermissions, underRcps(streamWorker(), [RCP_FULL_AWS_ACCESS, rcp("FreezeStreams", "dynamodb:GetRecords")]));
    expect(rest).toEqual([]);
    expect(f?.title).toContain("dynamodb:GetRecords");
    const cited = f?.evidence.find((e) => e.kind === "organization-statement");
    expect(cited?.source).toMatchObject({ policyKind: "rcp", policyName: "FreezeStreams", target: ACCOUNT, sid: "Guard" });
    expect(f?.remediation).toContain("resource control policy (RCP)");
  });
});

describe("RCPs over CloudWatch Logs (January 2026)", () => {
  it("an RCP denying logs:PutLogEvents to everyone refuses the function's log writes, citing the RCP statement", () => {
    expect(findingsOf(logsPermissionMissing, underRcps(logger(), [RCP_FULL_AWS_ACCESS]))).toEqual([]);
    const [f, ...rest] = findingsOf(logsPermissionMissing, underRcps(logger(), [RCP_FULL_AWS_ACCESS, rcp("NoLogWrites", "logs:PutLogEvents")]));
    expect(rest).toEqual([]);
    expect(f?.title).toContain("logs:PutLogEvents");
    const cited = f?.evidence.find((e) => e.kind === "organization-statement");
    expect(cited?.source).toMatchObject({ policyKind: "rcp", policyName: "NoLogWrites", target: ACCOUNT, sid: "Guard" });
  });

  it("a perimeter keyed on aws:PrincipalOrgID leaves the account's own role writing its logs", () => {
    const perimeter = rcp("LogsPerimeter", "logs:*", { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG } });
    expect(findingsOf(logsPermissionMissing, underRcps(logger(), [RCP_FULL_AWS_ACCESS, perimeter]))).toEqual([]);
  });
});
