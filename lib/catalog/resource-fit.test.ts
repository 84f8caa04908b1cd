import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { globMatches } from "@/lib/policy/wildcard";
import { resourceArnTemplates } from "./actions";
import { coversEveryResourceOf, isPlainName, mayBeAuthorisedOn, mayNameResourceOf } from "./resource-fit";

// Passed through, only counted: how often the per-action cache goes back to the catalog.
vi.mock("./actions", async (original) => {
  const actual = await original<typeof import("./actions")>();
  return { ...actual, resourceArnTemplates: vi.fn(actual.resourceArnTemplates) };
});

describe("mayBeAuthorisedOn", () => {
  it.each([
    ["s3:GetObject", "arn:aws:s3:::uploads", false], // the bucket, not its objects
    ["s3:GetObject", "arn:aws:s3:::uploads/*", true],
    ["s3:GetObject", "arn:aws:s3:::upl*", true], // may name objects
    ["s3:ListBucket", "arn:aws:s3:::uploads", true],
    // No resource type in the reference: never ruled out (AWS's guides grant these on ARNs).
    ["s3:ListAllMyBuckets", "arn:aws:s3:::*", true],
    // …but not on an ARN no resource type of the service has: nothing of logs is a queue.
    ["logs:CreateLogDelivery", "arn:aws:sqs:us-east-1:123456789012:orders", false],
    ["logs:CreateLogDelivery", "arn:aws:logs:us-east-1:123456789012:log-group:orders", true],
    ["sqs:ListQueues", "arn:aws:sqs:us-east-1:123456789012:orders", true],
    ["sqs:ListQueues", "arn:aws:s3:::uploads", false],
    ["dynamodb:ListStreams", "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/*", true],
    ["dynamodb:GetRecords", "arn:aws:dynamodb:us-east-1:123456789012:table/orders", false], // a table is not a stream
    ["dynamodb:GetRecords", "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/*", true],
    ["logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders", false], // no `:*`
    ["logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders:*", true],
    ["kinesis:SubscribeToShard", "arn:aws:kinesis:us-east-1:123456789012:stream/clicks/consumer/lambda:1", true], // a consumer's name holds `:`
    // Names that never hold `/` or `:` (a stream's, a table's, a bucket's): a pattern that needs one fits no such ARN.
    ["kinesis:GetRecords", "arn:aws:kinesis:us-east-1:123456789012:stream/clicks/consumer/lambda:1", false],
    ["dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/products/index/*", false], // checked on the table only
    ["dynamodb:Query", "arn:aws:dynamodb:us-east-1:123456789012:table/products/index/*", true],
    ["dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/prod*", true],
    ["s3:ListBucket", "arn:aws:s3:::uploads/*", false], // the bucket's objects, not the bucket
    ["s3:ListBucket", "arn:aws:s3:::uploads*", true],
    ["sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:orders/x*", false],
    ["lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:orders:live/*", true], // a function name may carry a qualifier
    ["kinesis:SubscribeToShard", "arn:aws:kinesis:us-east-1:123456789012:stream/clicks", false], // a consumer's, not a stream's
    ["sqs:SendMessage", "arn:aws:sqs:*:123456789012:orders-*", true],
    ["sqs:SendMessage", "arn:aws:sns:us-east-1:123456789012:orders", false], // another service's ARN
    ["sqs:SendMessage", "arn:aws:s*", true], // could still be a queue
    ["s3:GetObject", "arn:aws:s3:::home/${aws:PrincipalTag/team}", true], // variables: decided per request
    ["sqs:NoSuchActionYet", "arn:aws:s3:::uploads", true], // unknown to the catalog: never ruled out
  ])("%s on %s: %s", (action, pattern, expected) => {
    expect(mayBeAuthorisedOn(action, pattern)).toBe(expected);
  });

  it("never rules out a pattern that matches an ARN of one of the action's resource types", () => {
    const actions = ["s3:GetObject", "s3:ListBucket", "sqs:SendMessage", "dynamodb:GetRecords", "logs:PutLogEvents", "lambda:InvokeFunction", "kms:Decrypt"];
    const segment = fc.stringMatching(/^[a-z0-9/-]{1,12}$/);
    fc.assert(
      fc.property(fc.constantFrom(...actions), fc.array(segment, { minLength: 6, maxLength: 6 }), fc.nat(40), fc.boolean(), (action, parts, cut, star) => {
        // A concrete ARN of the action's first resource type, then a pattern covering it (a literal, or a prefix + `*`).
        let i = 0;
        const template = resourceArnTemplates(action)?.[0] as string;
        // A name AWS allows no `/` or `:` in (isPlainName) is given one without them, as AWS would.
        const value = (name: string) => ((v: string) => (isPlainName(template, name) ? v.replace(/[/:]/g, "-") : v))(parts[i++ % parts.length] as string);
        const arn = template.replace(/\$\{Partition\}/g, "aws").replace(/\$\{([^}]*)\}/g, (_, name: string) => value(name));
        const pattern = star ? `${arn.slice(0, Math.min(cut, arn.length))}*` : arn;
        expect(globMatches(pattern, arn)).toBe(true);
        expect(mayBeAuthorisedOn(action, pattern)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("remembers actions case-insensitively and never the ones the catalog does not know (what-if questions name any)", () => {
    const lookups = vi.mocked(resourceArnTemplates);
    const queue = "arn:aws:sqs:us-east-1:123456789012:orders";
    lookups.mockClear();
    expect(mayBeAuthorisedOn("sqs:ReceiveMessage", queue)).toBe(true);
    expect(mayBeAuthorisedOn("SQS:RECEIVEMESSAGE", queue)).toBe(true);
    expect(mayBeAuthorisedOn("sqs:receivemessage", queue)).toBe(true);
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockClear();
    for (let i = 0; i < 3; i++) expect(mayBeAuthorisedOn(`sqs:NotAnAction${i}`, queue)).toBe(true);
    expect(mayBeAuthorisedOn("sqs:NotAnAction0", queue)).toBe(true);
    expect(lookups).toHaveBeenCalledTimes(4);
  });
});

describe("mayNameResourceOf", () => {
  it.each([
    ["logs", "arn:aws:sqs:us-east-1:123456789012:orders", false], // no logs action is authorised against a queue
    ["logs", "arn:aws:logs:*:*:*", true],
    ["sqs", "arn:aws:sqs:us-east-1:123456789012:orders", true],
    ["SQS", "arn:aws:sqs:us-east-1:123456789012:orders", true],
    ["s3", "arn:aws:s3:::uploads", true], // a bucket
    ["s3", "arn:aws:s3:::uploads/*", true], // its objects
    ["s3", "arn:aws:dynamodb:us-east-1:123456789012:table/orders", false],
    ["dynamodb", "arn:aws:*", true], // could still name a table
    ["sqs", "*", true],
    ["sqs", "arn:aws:sns:${aws:SourceAccount}", true], // a policy variable rules nothing out
    ["notaservice", "arn:aws:sqs:us-east-1:123456789012:orders", true], // unknown: nothing to rule out with
  ])("%s on %s: %s", (service, pattern, expected) => {
    expect(mayNameResourceOf(service, pattern)).toBe(expected);
  });
});

describe("coversEveryResourceOf", () => {
  it.each([
    ["s3", "*", true],
    ["s3", "arn:aws:s3:::*", true], // every bucket and object
    ["s3", "arn:*:s3:::*", true],
    ["s3", "arn:aws:s3:::uploads/*", false], // one bucket's objects
    ["s3", "arn:aws:s3:::*/*", false], // objects, not buckets: a literal `/` narrows it
    ["sqs", "arn:aws:sqs:*:*:*", true],
    ["sqs", "arn:aws:sqs:*", true], // a trailing star crosses colons
    ["sqs", "arn:aws:sqs:us-east-1:*:*", false], // one region
    ["sqs", "arn:aws:sqs:*:123456789012:*", false], // one account
    ["sqs", "arn:aws:sqs:::*", false], // no queue has an empty region
    ["sqs", "arn:*", true],
    ["sqs", "arn:aws:*", true], // the star crosses the colons after it
    ["dynamodb", "arn:aws:dynamodb:*:*:table/*", false], // tables, not streams or backups
    ["sqs", "arn:aws:sns:*:*:*", false], // another service
    ["sqs", "arn:aws:s*:*:*:*", true], // a service segment covering sqs
  ])("%s on %s: %s", (service, pattern, expected) => {
    expect(coversEveryResourceOf(service, pattern)).toBe(expected);
  });
});
