/**
 * A Resource pattern ending in a wildcard is ruled out for an action by its literal start, the ARN fields before the
 * resource compared one by one: a catalog variable (`${Partition}`, `${Region}`, `${Account}`) stands for one field
 * there and never crosses a colon, so `arn:aws:sns:us-east-1:123456789012:*` cannot begin a queue ARN
 * (`arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`). Read as one glob, `${Partition}` took `aws:sns:…` and
 * reach lists showed sqs:SendMessage on SNS topics, s3:GetObject on queues, dynamodb:GetItem on buckets, and
 * role-service-wildcard reported logs:* on queue ARNs. Found by a metamorphic relation on reach lists: widening a
 * pattern's last segment to `*` must not bring back actions of another service that the concrete ARN rules out.
 *
 * The resource field keeps `*` crossing anything for names that may hold colons and slashes (object keys, log-stream
 * names, function qualifiers): a pattern that can name such a resource must still fit. Names AWS allows neither in
 * (tables, queues, topics, streams, buckets, key ids: isPlainName) are generated as AWS would have them.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { globMatches } from "@/lib/policy/wildcard";
import { resourceArnTemplates } from "./actions";
import { isPlainName, mayBeAuthorisedOn, mayNameResourceOf } from "./resource-fit";

describe("mayBeAuthorisedOn: a wildcard pattern of another service is ruled out by its literal start", () => {
  it.each([
    ["sqs:SendMessage", "arn:aws:sns:us-east-1:123456789012:*", "arn:aws:sns:us-east-1:123456789012:alerts"],
    ["s3:GetObject", "arn:aws:sqs:us-east-1:123456789012:*", "arn:aws:sqs:us-east-1:123456789012:orders"],
    ["dynamodb:GetItem", "arn:aws:s3:::*", "arn:aws:s3:::uploads"],
    ["iam:CreateUser", "arn:aws:sqs:*:123456789012:*", "arn:aws:sqs:us-east-1:123456789012:orders"],
  ])("%s on %s", (action, pattern, concrete) => {
    // Same action on a concrete ARN the pattern covers: ruled out too.
    expect(mayBeAuthorisedOn(action, concrete)).toBe(false);
    expect(mayBeAuthorisedOn(action, pattern)).toBe(false);
  });

  it.each([
    ["logs", "arn:aws:sqs:us-east-1:123456789012:*"],
    ["sqs", "arn:aws:s3:::*"],
  ])("mayNameResourceOf(%s, %s) is false as well", (service, pattern) => {
    expect(mayNameResourceOf(service, pattern)).toBe(false);
  });
});

describe("mayBeAuthorisedOn still keeps every pattern that can fit", () => {
  it.each([
    ["logs:PutLogEvents", "arn:aws:logs:*:*:log-group:x:log-stream:*"], // a star region: still one of the log streams
    ["logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:x:log-stream:y"], // colons in the resource
    ["s3:GetObject", "arn:aws:s3:::bucket/a:b/*"], // an object key holding a colon
    ["s3:GetObject", "arn:aws:s3:::bucket/a:b/c"],
    ["s3:GetObject", "*"],
    ["s3:GetObject", "arn:*"],
    ["lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:f:prod"], // a qualified function ARN
    ["lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:f:*"],
    ["sqs:SendMessage", "arn:*:sqs:*:*:*"],
    ["sqs:SendMessage", "arn:aws-cn:sqs:cn-north-1:123456789012:orders"],
    ["sqs:SendMessage", "arn:aws:sqs:us-east-?:123456789012:*"],
    ["sqs:SendMessage", "arn:aws:sqs:us-east-1:1234*"], // may still be this account
    ["sqs:SendMessage", "arn:aws:sq*"],
    ["sqs:SendMessage", "arn:?ws:sns:*"], // `?` may be anything: the literal start is only `arn:`
    ["iam:CreateUser", "arn:aws:iam::123456789012:user/*"], // an empty region
    ["health:DescribeEventDetails", "arn:aws:health:us-east-1::event/EC2/*"], // a literal `*` region in the reference
  ])("%s on %s", (action, pattern) => {
    expect(mayBeAuthorisedOn(action, pattern)).toBe(true);
  });

  it("never rules out a pattern that matches an ARN whose resource variables hold colons and slashes", () => {
    const actions = ["s3:GetObject", "logs:PutLogEvents", "lambda:InvokeFunction", "sqs:SendMessage", "kinesis:SubscribeToShard"];
    const field = fc.stringMatching(/^[a-z0-9-]{0,12}$/);
    const resource = fc.stringMatching(/^[a-z0-9/:-]{1,16}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...actions),
        fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
        fc.array(field, { minLength: 2, maxLength: 2 }),
        fc.array(resource, { minLength: 4, maxLength: 4 }),
        fc.nat(80),
        fc.constantFrom("", "*", "?*"),
        (action, partition, [region, account], parts, cut, wildcard) => {
          // A concrete ARN of one of the action's resource types, then a pattern covering it: the ARN itself, or a
          // prefix of it and a wildcard.
          const templates = resourceArnTemplates(action) as string[];
          const template = templates[cut % templates.length] as string;
          let i = 0;
          const arn = template
            .replace("${Partition}", partition)
            .replace("${Region}", region as string)
            .replace("${Account}", account as string)
            .replace(/\$\{([^}]*)\}/g, (_, name: string) => {
              const v = parts[i++ % parts.length] as string;
              return isPlainName(template, name) ? v.replace(/[/:]/g, "-") : v; // AWS allows no `/` or `:` in these names
            });
          const pattern = wildcard === "" ? arn : `${arn.slice(0, Math.min(cut, arn.length))}${wildcard}`;
          if (!globMatches(pattern, arn)) return; // `?*` after all of the ARN
          expect(mayBeAuthorisedOn(action, pattern)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
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
    expect(wildcardFindings(`arn:aws:sqs:${REGION}:${ACCOUNT}:*`)).toEqual([]);
    // Still reported on what can be a log group: the whole service, or the account's log groups.
    expect(wildcardFindings(`arn:aws:logs:${REGION}:${ACCOUNT}:*`)).not.toEqual([]);
  });
});
