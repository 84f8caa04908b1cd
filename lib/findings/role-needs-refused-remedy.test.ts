/**
 * As in the demo (refund-processor and loyalty-points-stream): when the role's identity policies already allow a
 * needed action and only an explicit Deny (refund-processor: Deny sns:Publish on *-failures) or the permissions
 * boundary (loyalty-points-stream: AcmeLoyaltyTeamBoundary) refuses it, the remediation still opens with "Allow the
 * missing actions in an identity policy … aws iam put-role-policy …". That policy changes nothing: an explicit Deny
 * wins over any Allow, and the boundary caps every identity Allow (IAM User Guide, policy evaluation logic and
 * access_policies_boundaries). A reader who applies the snippet first has fixed nothing; the only change that works
 * is the Deny or the boundary.
 */
import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION } from "./test-support";
import { asyncTargetPermissionMissing } from "./rules/async-target-permission-missing";
import { eventSourceMissingPermissions } from "./rules/event-source-missing-permissions";

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
});
