import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, outcome, REGION, type RuleCase } from "../test-support";
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
    name: "dynamodb:* on *",
    build: () => roleCase(() => ({ inline: { p: policy(allow("dynamodb:*", "*")) } })),
    titles: ["Role r allows every dynamodb write action on all resources"],
    severities: ["medium"],
  },
  {
    name: "s3:* on one bucket: low",
    build: () => roleCase(() => ({ inline: { p: policy(allow("s3:*", "arn:aws:s3:::uploads/*")) } })),
    titles: ["Role r allows every s3 write action on arn:aws:s3:::uploads/*"],
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
    titles: ["Role r allows every logs write action on arn:aws:logs:*:*:*"],
  },
];

describe("role-service-wildcard", () => {
  it.each(cases)("$name", (c) => {
    const got = outcome(roleServiceWildcard, c);
    expect(got.titles).toEqual(c.titles);
    if (c.severities) expect(got.severities).toEqual(c.severities);
  });
});
