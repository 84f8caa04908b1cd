/**
 * As in the demo (refund-processor and loyalty-points-stream): when the role's identity policies already allow a
 * needed action and only an explicit Deny (refund-processor: Deny sns:Publish on *-failures) or the permissions
 * boundary (loyalty-points-stream: AcmeLoyaltyTeamBoundary) refuses it, the remediation still opens with "Allow the
 * missing actions in an identity policy … aws iam put-role-policy …". That policy changes nothing: an explicit Deny
 * wins over any Allow, and the boundary caps every identity Allow (IAM User Guide, policy evaluation logic and
 * access_policies_boundaries). A reader who applies the snippet first has fixed nothing; the only change that works
 * is the Deny or the boundary.
 *
 * The same holds where the refusal is only possible: a Deny (in an identity policy or in the key policy) or a
 * boundary Allow whose condition the snapshot cannot evaluate. Re-granting the identity Allow, or adding an Allow to a
 * key policy that already delegates to the account, changes nothing: the conditioned statement decides.
 */
import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION } from "./test-support";
import { asyncTargetPermissionMissing } from "./rules/async-target-permission-missing";
import { eventSourceMissingPermissions } from "./rules/event-source-missing-permissions";
import { logsPermissionMissing } from "./rules/logs-permission-missing";

const KEY = `arn:aws:kms:${REGION}:123456789012:key/1111aaaa-2222-3333-4444-555566667777`;

describe("remediation of a need the identity policies already allow", () => {
  it("explicit Deny: no put-role-policy that re-grants what is already allowed", () => {
    const b = builder();
    const topic = b.arn("sns", REGION, "refund-failures");
    const role = b.role({
      name: "r",
      inline: { p: policy(allow("sns:Publish", b.arn("sns", REGION, "*")), deny("sns:Publish", "arn:aws:sns:*:*:*-failures")) },
    });
    const fn = b.fn({ region: REGION, name: "refunds", runtime: "nodejs22.x", role });
    b.eventInvokeConfig(fn, { onFailure: topic });
    const [f] = findingsOf(asyncTargetPermissionMissing, b);
    expect(f?.title).toBe("On-failure destination lacks sns:Publish");
    expect(f?.remediation).not.toContain("put-role-policy");
  });

  it("permissions boundary: no put-role-policy that re-grants what the identity policies already allow", () => {
    const b = builder();
    const boundary = b.managedPolicy({ name: "team-boundary", document: policy(allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*")) });
    const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaDynamoDBExecutionRole")], boundary });
    const fn = b.fn({ region: REGION, name: "stream", runtime: "nodejs22.x", role });
    b.esm({ functionArn: fn, sourceArn: b.arn("dynamodb", REGION, "table/t/stream/2026-06-30T12:00:04.377") });
    const [f] = findingsOf(eventSourceMissingPermissions, b);
    expect(f?.title).toMatch(/^DynamoDB Streams trigger lacks/);
    expect(f?.remediation).not.toContain("put-role-policy");
  });

  it("a Deny under an unknown condition: no put-role-policy, the Deny is named as what may refuse", () => {
    const b = builder();
    const role = b.role({
      name: "r",
      managed: [b.attachAwsManaged("AWSLambdaSQSQueueExecutionRole")],
      inline: { guard: policy(deny("sqs:*", "*", { sid: "OfficeOnly", condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })) },
    });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
    b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "orders") });
    const [f] = findingsOf(eventSourceMissingPermissions, b);
    expect(f?.title).toBe("SQS trigger may lack sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes (depends on aws:SourceIp)");
    expect(f?.remediation).not.toContain("put-role-policy");
    expect(f?.remediation).toMatch(/Deny .*aws:SourceIp/);
  });

  it("a key-policy Deny under an unknown condition: no Allow for a key policy that already delegates to the account", () => {
    const b = builder();
    const queue = b.arn("sqs", REGION, "orders");
    const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaSQSQueueExecutionRole")], inline: { k: policy(allow("kms:Decrypt", KEY)) } });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
    b.esm({ functionArn: fn, sourceArn: queue });
    b.queueEncryption(queue, { kmsKeyId: KEY });
    const root = { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" };
    const endpointOnly = { Sid: "OnlyViaEndpoint", Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1" } } };
    b.kmsKey({ arn: KEY, policy: { Version: "2012-10-17", Statement: [root, endpointOnly] } });
    const [f] = findingsOf(eventSourceMissingPermissions, b);
    expect(f?.title).toBe("SQS trigger may lack kms:Decrypt (depends on aws:SourceVpce)");
    expect(f?.remediation).not.toContain("AllowExecutionRole");
    expect(f?.remediation).not.toContain("put-role-policy");
    expect(f?.remediation).toMatch(/Deny .*aws:SourceVpce/);
  });

  it("a boundary that allows only under an unknown condition: no put-role-policy, the boundary is named", () => {
    const b = builder();
    const boundary = b.managedPolicy({ name: "vpc-bound", document: policy(allow("*", "*", { condition: { StringEquals: { "aws:SourceVpc": "vpc-1" } } })) });
    const role = b.role({ name: "r", inline: { p: policy(allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*")) }, boundary });
    b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
    const [f] = findingsOf(logsPermissionMissing, b);
    expect(f?.title).toBe("Function may lack logs:CreateLogStream, logs:PutLogEvents (depends on aws:SourceVpc)");
    expect(f?.remediation).not.toContain("put-role-policy");
    expect(f?.remediation).toContain(boundary);
  });

  it("an AWS managed boundary cannot be versioned: the fix attaches one of the account's own", () => {
    const b = builder();
    const boundary = b.attachAwsManaged("AWSLambdaBasicExecutionRole");
    const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaSQSQueueExecutionRole")], boundary });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
    b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "orders") });
    const [f] = findingsOf(eventSourceMissingPermissions, b);
    expect(f?.remediation).toContain(`The role's permissions boundary (${boundary}) is AWS managed and does not allow these actions: attach a boundary of your own`);
    expect(f?.remediation).not.toContain("create-policy-version");
  });

  it("a boundary the snapshot could not read is named, not rewritten", () => {
    const b = builder();
    const boundary = b.policyArn("gone-bound");
    const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")], boundary });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
    b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "orders") });
    const [f] = findingsOf(eventSourceMissingPermissions, b);
    expect(f?.remediation).toContain(boundary);
    expect(f?.remediation).not.toContain("create-policy-version");
  });
});
