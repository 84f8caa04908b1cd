import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, outcome, REGION, type RuleCase } from "../test-support";
import { roleServiceWildcard } from "./role-service-wildcard";
import type { RoleOptions } from "@/lib/snapshot/fixtures/builder";

type B = ReturnType<typeof builder>;

function roleCase(role: (b: B) => Omit<RoleOptions, "name">) {
  const b = builder();
  b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: b.role({ name: "r", ...role(b) }) });
  return b;
}

const cases: RuleCase[] = [
  {
    name: "dynamodb:* on *: the whole service, permissions management included",
    build: () => roleCase(() => ({ inline: { p: policy(allow("dynamodb:*", "*")) } })),
    titles: ["Role r allows dynamodb:* on all resources, including permissions management"],
    severities: ["medium"],
  },
  {
    name: "s3:* on one bucket: low",
    build: () => roleCase(() => ({ inline: { p: policy(allow("s3:*", "arn:aws:s3:::uploads/*")) } })),
    titles: ["Role r allows s3:* on arn:aws:s3:::uploads/*, including permissions management"],
    severities: ["low"],
  },
  {
    name: "sqs:Send* is not the whole service",
    build: () => roleCase(() => ({ inline: { p: policy(allow("sqs:Send*", "*")) } })),
    titles: [],
  },
  {
    name: "a boundary that only allows reads takes the writes away",
    build: () =>
      roleCase((b) => ({
        inline: { p: policy(allow("dynamodb:*", "*")) },
        boundary: b.managedPolicy({ name: "read-only", document: policy(allow(["dynamodb:Get*", "dynamodb:Query"], "*")) }),
      })),
    titles: [],
  },
  {
    name: "an explicit Deny on one write action takes the service wildcard below 'all writes'",
    build: () => roleCase(() => ({ inline: { p: policy(allow("sqs:*", "*"), deny("sqs:DeleteQueue", "*")) } })),
    titles: [],
  },
  {
    name: "AWSLambdaExecute's logs:* on arn:aws:logs:*:*:*",
    build: () => roleCase((b) => ({ managed: [b.attachAwsManaged("AWSLambdaExecute")] })),
    titles: ["Role r allows logs:* on arn:aws:logs:*:*:*, including permissions management"],
  },
  {
    name: "all writes but not the reads: the write wording",
    build: () => roleCase(() => ({ inline: { p: policy(allow("dynamodb:*", "*"), deny("dynamodb:Get*", "*")) } })),
    titles: ["Role r allows every dynamodb write action on all resources"],
    severities: ["medium"],
  },
  {
    name: "writes allowed outright, reads only conditionally: the certain verdict (all writes) at its severity",
    build: () =>
      roleCase(() => ({ inline: { p: policy(allow("dynamodb:*", "*"), deny("dynamodb:Get*", "*", { condition: { StringEquals: { "aws:SourceVpc": "vpc-1" } } })) } })),
    titles: ["Role r allows every dynamodb write action on all resources"],
    severities: ["medium"],
  },
  {
    name: "all writes but a Deny on one permissions-management action: the write wording",
    build: () => roleCase(() => ({ inline: { p: policy(allow("s3:*", "*"), deny("s3:PutBucketPolicy", "*")) } })),
    titles: ["Role r allows every s3 write action on all resources"],
  },
  {
    name: "a service without permissions-management actions (firehose) says no more than every action",
    build: () => roleCase(() => ({ inline: { p: policy(allow("firehose:*", "*")) } })),
    titles: ["Role r allows firehose:* on all resources"],
  },
];

describe("role-service-wildcard", () => {
  it.each(cases)("$name", (c) => {
    const got = outcome(roleServiceWildcard, c);
    expect(got.titles).toEqual(c.titles);
    if (c.severities) expect(got.severities).toEqual(c.severities);
  });
});

describe("role-service-wildcard: what a whole-service grant includes", () => {
  it("s3:* on *: counts every action and names permissions-management ones", () => {
    const [f] = findingsOf(roleServiceWildcard, roleCase(() => ({ inline: { p: policy(allow("s3:*", "*")) } })));
    expect(f?.detail).toMatch(/^All \d+ s3 actions in the IAM catalog \(s3:\*\) are allowed on \*: \d+ Write, \d+ Permissions management \(s3:PutBucketAcl, s3:PutObjectAcl, s3:PutBucketPolicy, …\), \d+ Read, \d+ List, \d+ Tagging\./);
    expect(f?.detail).toContain("open them to other accounts or the public");
    expect(f?.evidence.map((e) => e.highlight)).toEqual([["s3:*", "*"]]);
  });

  it("firehose:* on *: the title's firehose:* is every action of the catalog, counted in the detail", () => {
    const [f] = findingsOf(roleServiceWildcard, roleCase(() => ({ inline: { p: policy(allow("firehose:*", "*")) } })));
    expect(f?.detail).toMatch(/^All \d+ firehose actions in the IAM catalog \(firehose:\*\) are allowed on \*/);
  });

  it("all writes only: says so, with the Write count", () => {
    const [f] = findingsOf(roleServiceWildcard, roleCase(() => ({ inline: { p: policy(allow("s3:*", "*"), deny("s3:PutBucketPolicy", "*")) } })));
    expect(f?.detail).toMatch(/^All \d+ Write-level s3 actions in the IAM catalog are allowed on \*\./);
  });
});
