import { describe, expect, it } from "vitest";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, outcome, OTHER_ACCOUNT, REGION, type RuleCase } from "../test-support";
import { executionRoleTrust } from "./execution-role-trust";
import type { DocumentInput } from "@/lib/snapshot/fixtures/policy-documents";

function withTrust(trust: DocumentInput | ((account: string) => DocumentInput)) {
  const b = builder();
  const role = b.role({ name: "r", trust: typeof trust === "function" ? trust(b.account) : trust });
  b.fn({ region: REGION, name: "fn", runtime: "nodejs22.x", role });
  return b;
}

const assume = (principal: Record<string, string> | "*", condition?: Record<string, Record<string, string>>) => ({
  Effect: "Allow" as const,
  Principal: principal,
  Action: "sts:AssumeRole",
  ...(condition ? { Condition: condition } : {}),
});

const cases: RuleCase[] = [
  { name: "Lambda-only trust: fine", build: () => withTrust(serviceTrust()), titles: [] },
  {
    name: "Lambda@Edge trust (edgelambda) is expected",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), assume({ Service: "edgelambda.amazonaws.com" }))),
    titles: [],
  },
  {
    name: "trust pinned to the account with SourceAccount: fine",
    build: () => withTrust((a) => policy(assume({ Service: "lambda.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": a } }))),
    titles: [],
  },
  {
    name: "trust for EC2 only: Lambda cannot assume",
    build: () => withTrust(serviceTrust("ec2.amazonaws.com")),
    titles: ["Lambda cannot assume role r", "Role r can also be assumed by ec2.amazonaws.com"],
    severities: ["medium", "medium"],
  },
  {
    name: "another account may also assume the role",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), assume({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }))),
    titles: [`Role r can also be assumed by arn:aws:iam::${OTHER_ACCOUNT}:root`],
  },
  {
    name: "an OIDC provider (GitHub Actions) may also assume the role",
    build: () =>
      withTrust((a) =>
        policy(assume({ Service: "lambda.amazonaws.com" }), {
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::${a}:oidc-provider/token.actions.githubusercontent.com` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:*" } },
        }),
      ),
    titles: ["Role r can also be assumed by arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"],
    severities: ["medium"],
  },
  {
    name: "a SAML provider may also assume the role",
    build: () =>
      withTrust((a) =>
        policy(assume({ Service: "lambda.amazonaws.com" }), {
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::${a}:saml-provider/corp` },
          Action: "sts:AssumeRoleWithSAML",
        }),
      ),
    titles: ["Role r can also be assumed by arn:aws:iam::123456789012:saml-provider/corp"],
  },
  {
    name: "a Federated principal given only sts:AssumeRole cannot use it (providers assume with web identity or SAML)",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), assume({ Federated: "cognito-identity.amazonaws.com" }))),
    titles: [],
  },
  {
    name: "a CanonicalUser in a trust policy: STS may not honour it, so 'may', medium",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), assume({ CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }))),
    titles: ["Role r may also be assumed by 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"],
    severities: ["medium"],
  },
  {
    name: "anyone may assume: high",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), assume("*"))),
    titles: ["Role r can also be assumed by *"],
    severities: ["high"],
  },
];

describe("execution-role-trust", () => {
  it.each(cases)("$name", (c) => {
    const got = outcome(executionRoleTrust, c);
    expect(got.titles).toEqual(c.titles);
    if (c.severities) expect(got.severities).toEqual(c.severities);
  });

  it("is a role-level finding badging the role's functions", () => {
    const f = outcome(executionRoleTrust, cases[3]!).findings[0]!;
    expect(f.role).toBe("arn:aws:iam::123456789012:role/r");
    expect(f.functions).toEqual(["arn:aws:lambda:us-east-1:123456789012:function:fn"]);
  });
});
