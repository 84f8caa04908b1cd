/**
 * Found by a metamorphic relation on reach lists: widening a Resource pattern's last segment to `*` (a queue ARN
 * → every queue of the account) must not bring back actions of another service that the concrete ARN rules out.
 * resource-fit.ts's contract: "a pattern with wildcards is ruled out only when its literal start cannot begin an ARN
 * of any of the action's types". `arn:aws:sns:us-east-1:123456789012:` cannot begin a queue ARN
 * (`arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`), yet it is kept, because `${Partition}` becomes `*`,
 * which crosses colons (`arn:aws:sns:…` "may start" `arn:*:sqs:…` with Partition = `aws:sns:…`). A partition never
 * holds a colon (aws, aws-cn, aws-us-gov). So reach lists show sqs:SendMessage on SNS topics, s3:GetObject on queues,
 * dynamodb:GetItem on S3 buckets, and ineffectiveGrants misses them, whenever the pattern ends in a wildcard.
 */
import { describe, expect, it } from "vitest";
import { mayBeAuthorisedOn } from "./resource-fit";

describe("mayBeAuthorisedOn: a wildcard pattern of another service is ruled out by its literal start", () => {
  it.each([
    ["sqs:SendMessage", "arn:aws:sns:us-east-1:123456789012:*", "arn:aws:sns:us-east-1:123456789012:alerts"],
    ["s3:GetObject", "arn:aws:sqs:us-east-1:123456789012:*", "arn:aws:sqs:us-east-1:123456789012:orders"],
    ["dynamodb:GetItem", "arn:aws:s3:::*", "arn:aws:s3:::uploads"],
    ["iam:CreateUser", "arn:aws:sqs:*:123456789012:*", "arn:aws:sqs:us-east-1:123456789012:orders"],
  ])("%s on %s", (action, pattern, concrete) => {
    // Same action on a concrete ARN the pattern covers: ruled out today.
    expect(mayBeAuthorisedOn(action, concrete)).toBe(false);
    expect(mayBeAuthorisedOn(action, pattern)).toBe(false);
  });
});

describe("the same gap in a finding: role-service-wildcard", () => {
  it("does not report logs:* granted on queue ARNs (it does not on one queue's ARN)", async () => {
    const { analyzeSnapshot } = await import("@/lib/analysis/analyze");
    const { parseSnapshot } = await import("@/lib/snapshot/read");
    const { policy, serviceTrust } = await import("@/lib/snapshot/fixtures/policy-documents");
    const { newBuilder, REGION, ACCOUNT } = await import("@/lib/analysis/test-support");
    const wildcardFindings = (resource: string) => {
      const b = newBuilder();
      const role = b.role({ name: "r", trust: serviceTrust(), inline: { p: policy({ Effect: "Allow", Action: "logs:*", Resource: resource }) } });
      b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
      return analyzeSnapshot(parseSnapshot(JSON.parse(JSON.stringify(b.build())))).findings.filter((f) => f.rule === "role-service-wildcard");
    };
    expect(wildcardFindings(`arn:aws:sqs:${REGION}:${ACCOUNT}:orders`)).toEqual([]);
    expect(wildcardFindings(`arn:aws:sqs:${REGION}:${ACCOUNT}:*`)).toEqual([]); // today: low, "allows logs:* on arn:aws:sqs:…:*"
  });
});
