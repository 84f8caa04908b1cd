/**
 * A what-if answer (`can`, /api/can) about a resource whose own policy the scan never reads says it is the identity
 * side only; one about a resource whose policy the snapshot holds, or knows to be absent, does not.
 */
import { describe, expect, it } from "vitest";
import { allow, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { ask } from "./what-if";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import { IDENTITY_SIDE_ONLY, resourcePolicyNotRead, resourceSideOf } from "./resource-side";

const READ_QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
const UNREAD_QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:audit`;

function model() {
  const b = newBuilder();
  const role = b.role({ name: "app", trust: serviceTrust(), inline: { p: policy(allow(["s3:PutObject", "sqs:SendMessage", "ec2:DescribeInstances"], "*")) } });
  b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
  b.queueEncryption(READ_QUEUE, {});
  return modelOf(b);
}

const reasonsOf = (action: string, resource: string) => ask(model(), { principal: "app", action, resource }).reasons;

describe("the identity side only", () => {
  it("is said of a bucket, whose policy the scan never reads", () => {
    const answer = ask(model(), { principal: "app", action: "s3:PutObject", resource: "arn:aws:s3:::orders-prod/a.csv" });
    expect(answer.decision).toBe("allowed");
    expect(answer.reasons.some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(true);
  });

  it("is said of a bucket or secret asked by name, as of one asked by ARN", () => {
    // A name is no ARN: the action's service says what it names (s3:PutObject on orders-prod asks about a bucket).
    const answer = ask(model(), { principal: "app", action: "s3:PutObject", resource: "orders-prod" });
    expect(answer.decision).toBe("allowed");
    expect(answer.reasons.some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(true);
    expect(resourceSideOf("db-password", "secretsmanager:GetSecretValue", ACCOUNT)).toBe("not-read");
    // Topic policies are read now (for the topics functions send to): a topic's name is resource-name.ts's to resolve.
    expect(resourceSideOf("email-requests", "sns:Publish", ACCOUNT)).toBeUndefined();
    // Any resource is no one resource, and a name an action of no such service asks about says nothing.
    expect(reasonsOf("s3:PutObject", "*").some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(false);
    expect(reasonsOf("ec2:DescribeInstances", "web-1").some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(false);
  });

  it("is said of a queue the scan did not read, not of one it read without a policy", () => {
    expect(reasonsOf("sqs:SendMessage", UNREAD_QUEUE).some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(true);
    expect(reasonsOf("sqs:SendMessage", READ_QUEUE).some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(false);
  });

  it("is not said of a resource with no policy of its own, nor of another account's, whose answer says that instead", () => {
    expect(reasonsOf("ec2:DescribeInstances", `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`).some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(false);
    const m = model();
    expect(resourcePolicyNotRead(m, "arn:aws:sqs:us-east-1:210987654321:partner", "sqs:SendMessage")).toBe(false);
    expect(resourceSideOf("arn:aws:sqs:us-east-1:210987654321:partner", "sqs:SendMessage", ACCOUNT)).toBe("weighed");
    expect(resourceSideOf(`arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, "kms:Decrypt", ACCOUNT)).toBe("weighed");
    // A topic's policy is read for the topics functions send to, and judged per topic (topic-policy-can.test.ts).
    expect(resourceSideOf("arn:aws:sns:us-east-1:123456789012:topic", "sns:Publish", ACCOUNT)).toBe("weighed");
    expect(resourceSideOf("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", "secretsmanager:GetSecretValue", ACCOUNT)).toBe("not-read");
  });
});
