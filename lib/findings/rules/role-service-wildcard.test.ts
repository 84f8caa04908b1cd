import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION, testRuleCases, type RuleCase } from "../test-support";
import { roleServiceWildcard } from "./role-service-wildcard";
import type { RoleOptions } from "@/lib/snapshot/fixtures/builder";

type B = ReturnType<typeof builder>;

const QUEUES = ["orders", "billing", "audit"].map((q) => `arn:aws:sqs:${REGION}:123456789012:${q}`) as [string, string, string];

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
    // findings.md: "allows a whole service" is medium; every bucket and object is the whole of S3 for the role.
    name: "s3:* on arn:aws:s3:::* (every bucket and object): as wide as *, medium",
    build: () => roleCase(() => ({ inline: { p: policy(allow("s3:*", "arn:aws:s3:::*")) } })),
    titles: ["Role r allows s3:* on arn:aws:s3:::*, including permissions management"],
    severities: ["medium"],
  },
  {
    name: "sqs:* on arn:aws:sqs:*:*:* (every queue): medium; on one region's queues: low",
    build: () => roleCase(() => ({ inline: { p: policy(allow("sqs:*", "arn:aws:sqs:*:*:*"), allow("sqs:*", "arn:aws:sqs:eu-west-1:*:*")) } })),
    titles: ["Role r allows sqs:* on arn:aws:sqs:*:*:*, including permissions management", "Role r allows sqs:* on arn:aws:sqs:eu-west-1:*:*, including permissions management"],
    severities: ["medium", "low"],
  },
  {
    // NotResource leaves every resource but the ones it names: as wide as * for the service.
    name: "dynamodb:* with NotResource one table: still the whole service",
    build: () =>
      roleCase(() => ({
        inline: { p: policy({ Effect: "Allow", Action: "dynamodb:*", NotResource: `arn:aws:dynamodb:${REGION}:123456789012:table/audit` }) },
      })),
    titles: ["Role r allows dynamodb:* on all resources, including permissions management"],
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
  {
    name: "logs:* next to sqs:* on a queue: no logs action is authorised against a queue, so only sqs is reported",
    build: () => roleCase(() => ({ inline: { p: policy(allow(["logs:*", "sqs:*"], QUEUES[0])) } })),
    titles: [`Role r allows sqs:* on ${QUEUES[0]}, including permissions management`],
  },
  {
    name: "sqs:* on three queues: one finding for the three",
    build: () => roleCase(() => ({ inline: { p: policy(allow("sqs:*", QUEUES)) } })),
    titles: ["Role r allows sqs:* on 3 resources, including permissions management"],
    severities: ["low"],
  },
  {
    name: "a Deny of every write on one of the queues takes it out of the group",
    build: () => roleCase(() => ({ inline: { p: policy(allow("sqs:*", QUEUES), deny("sqs:*", QUEUES[2])) } })),
    titles: ["Role r allows sqs:* on 2 resources, including permissions management"],
  },
  {
    name: "sqs:* on * and on two queues: the * finding stays apart, at its own severity",
    build: () => roleCase(() => ({ inline: { p: policy(allow("sqs:*", ["*", QUEUES[0], QUEUES[1]])) } })),
    titles: ["Role r allows sqs:* on all resources, including permissions management", "Role r allows sqs:* on 2 resources, including permissions management"],
    severities: ["medium", "low"],
  },
];

describe("role-service-wildcard", () => {
  testRuleCases(roleServiceWildcard, cases);
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

  it("a group's detail names its resources, and the statement is evidence once, every resource highlighted", () => {
    const [f] = findingsOf(roleServiceWildcard, roleCase(() => ({ inline: { p: policy(allow("sqs:*", QUEUES)) } })));
    expect(f?.detail).toContain(`allowed on each of 3 resources (${QUEUES.join(", ")})`);
    expect(f?.id).toBe(`role-service-wildcard:arn:aws:iam::123456789012:role/r#sqs/${QUEUES[0]}`);
    expect(f?.evidence.map((e) => e.highlight)).toEqual([["sqs:*", ...QUEUES]]);
  });

  it("a statement with a thousand queues makes one finding whose size grows with the list, not its square", () => {
    const queues = Array.from({ length: 1000 }, (_, i) => `arn:aws:sqs:${REGION}:123456789012:q${i}`);
    const found = findingsOf(roleServiceWildcard, roleCase(() => ({ inline: { p: policy(allow(["logs:*", "sqs:*"], queues)) } })));
    expect(found.map((f) => f.title)).toEqual(["Role r allows sqs:* on 1000 resources, including permissions management"]);
    expect(found[0]?.detail).toMatch(/each of 1000 resources \(arn:aws:sqs:[^)]*:q0, .* and \d+ more\)/);
    // The statement's text (1,000 ARNs, ~45 KB) once, and the highlight: well under what 1,000 copies would take.
    expect(JSON.stringify(found).length).toBeLessThan(200_000);
  });
});

describe("role-service-wildcard: what a conditional grant turns on", () => {
  it("names a value AWS may read otherwise, not a permissions boundary the role does not have", () => {
    // The role's own tags are in its requests; "1e3" is a number in no form AWS documents.
    const b = roleCase(() => ({ tags: { tier: "5" }, inline: { p: policy(allow("s3:*", "*", { condition: { NumericLessThan: { "aws:PrincipalTag/tier": "1e3" } } })) } }));
    const [f] = findingsOf(roleServiceWildcard, b);
    expect(f!.title).toBe("Role r may allow s3:* on all resources, including permissions management");
    expect(f!.detail).toContain('(depends on how AWS reads aws:PrincipalTag/tier "1e3")');
    expect(f!.detail).not.toContain("boundary");
  });
});
