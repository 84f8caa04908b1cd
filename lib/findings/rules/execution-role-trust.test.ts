import { describe, expect, it } from "vitest";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, OTHER_ACCOUNT, outcome, REGION, testRuleCases, type RuleCase } from "../test-support";
import { executionRoleTrust } from "./execution-role-trust";
import type { DocumentInput } from "@/lib/snapshot/fixtures/policy-documents";
import type { Partition } from "@/lib/snapshot/fixtures/builder";

/** Function `fn` (or `names.fn`) whose role `r` (or `names.role`) has this trust policy. */
function withTrust(trust: DocumentInput | ((account: string) => DocumentInput), names: { role?: string; fn?: string } = {}, partition: Partition = "aws") {
  const b = builder({ partition });
  const role = b.role({ name: names.role ?? "r", trust: typeof trust === "function" ? trust(b.account) : trust });
  b.fn({ region: partition === "aws-cn" ? "cn-north-1" : REGION, name: names.fn ?? "fn", runtime: "nodejs22.x", role });
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
    // When Lambda assumes the role is not in the snapshot: the trust holds only until then.
    name: "trust for Lambda under a condition on the time of the call: Lambda may not be able to assume (low)",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }, { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }))),
    titles: ["Lambda may not be able to assume role r"],
    severities: ["low"],
  },
  {
    // Lambda assumes the role with the function's own account as aws:SourceAccount.
    name: "trust for Lambda pinned to another account with SourceAccount: Lambda cannot assume (medium)",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": "999999999999" } }))),
    titles: ["Lambda cannot assume role r"],
    severities: ["medium"],
  },
  {
    // A service's own request carries no principal tags (reference_policies_condition-keys.html).
    name: "trust for Lambda under a condition on a principal tag: Lambda cannot assume (medium)",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }, { StringEquals: { "aws:PrincipalTag/team": "payments" } }))),
    titles: ["Lambda cannot assume role r"],
    severities: ["medium"],
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
    name: "anyone may assume: critical, as open as an unconditioned GitHub grant",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), assume("*"))),
    titles: ["Role r can also be assumed by *"],
    severities: ["critical"],
  },
  {
    // An AWS principal calls sts:AssumeRole; a grant of the web-identity call alone gives it nothing to call.
    name: "another account granted only sts:AssumeRoleWithWebIdentity: it cannot assume the role",
    build: () =>
      withTrust(
        policy(assume({ Service: "lambda.amazonaws.com" }), { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "sts:AssumeRoleWithWebIdentity" }),
      ),
    titles: [],
  },
  {
    name: "* narrowed to the organization is not anyone: medium, named with its condition",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), assume("*", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }))),
    titles: ["Role r can also be assumed by * (PrincipalOrgID = o-abc123)"],
    severities: ["medium"],
  },
  {
    name: "* narrowed to callers of one account by ARN is not anyone either",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), assume("*", { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${OTHER_ACCOUNT}:role/*` } }))),
    titles: [`Role r can also be assumed by * (PrincipalArn = arn:aws:iam::${OTHER_ACCOUNT}:role/*)`],
    severities: ["medium"],
  },
  {
    // A condition on where the call comes from narrows no caller: still anyone (named without the condition), whose
    // answer the snapshot cannot give (the caller's IP): "may", medium.
    name: "* with a condition on the caller's IP only: anyone, conditional",
    build: () => withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), assume("*", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }))),
    titles: ["Role r may also be assumed by *"],
    severities: ["medium"],
  },
  {
    // prod runs version 3, which keeps the role it was published with (lambda-permissions.md §1): Lambda must be able
    // to assume that role too, though the function's current role is fine.
    name: "an alias routes to a version whose role trusts EC2 only: Lambda cannot assume it",
    build: () => {
      const b = builder();
      const fn = b.fn({ region: REGION, name: "fn", runtime: "nodejs22.x", role: b.role({ name: "current" }) });
      b.version(fn, "3", b.role({ name: "legacy", trust: serviceTrust("ec2.amazonaws.com") }));
      b.alias(fn, "prod", "3");
      return b;
    },
    titles: ["Lambda cannot assume role legacy", "Role legacy can also be assumed by ec2.amazonaws.com"],
  },
];

const GITHUB = "token.actions.githubusercontent.com";
const EKS = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const COGNITO = "cognito-identity.amazonaws.com";
const POOL = "us-east-1:12345678-abcd-4bcd-8bcd-123456789012";

/** Lambda, plus a web-identity grant to `provider` (an IAM OIDC provider's host, or Cognito's name) under `condition`. */
function webIdentity(provider: string, condition?: Record<string, Record<string, string | string[]>>, extra: object[] = []) {
  return withTrust((a) =>
    policy(assume({ Service: "lambda.amazonaws.com" }), {
      Sid: "Federation",
      Effect: "Allow",
      Principal: { Federated: provider === COGNITO ? COGNITO : `arn:aws:iam::${a}:oidc-provider/${provider}` },
      Action: "sts:AssumeRoleWithWebIdentity",
      ...(condition ? { Condition: condition } : {}),
    }, ...(extra as never[])),
  );
}

/** The trust policy document in a remediation: between the sentence and the CLI command. */
function trustFix(remediation: string) {
  return JSON.parse(remediation.slice(remediation.indexOf("\n{") + 1, remediation.lastIndexOf("\naws iam")));
}

const anyWorkflow = (why: string) => `GitHub Actions of any repository can assume role r: ${why}`;

/** A web-identity grant whose provider issues tokens to outsiders, with no condition naming the caller's tenant. */
const openFederation: RuleCase[] = [
  {
    name: "GitHub OIDC with no condition: any repository's workflows, critical",
    build: () => webIdentity(GITHUB),
    titles: [anyWorkflow(`no condition on sub`)],
    severities: ["critical"],
  },
  {
    name: "GitHub OIDC with only an aud condition (the audience is the workflow's to choose)",
    build: () => webIdentity(GITHUB, { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" } }),
    titles: [anyWorkflow(`no condition on sub`)],
    severities: ["critical"],
  },
  {
    name: "GitHub OIDC with sub StringLike \"*\"",
    build: () => webIdentity(GITHUB, { StringLike: { [`${GITHUB}:sub`]: "*" } }),
    titles: [anyWorkflow(`"*" on sub matches anyone's repository`)],
    severities: ["critical"],
  },
  {
    name: "GitHub OIDC with sub StringLike \"repo:*\" and the aud condition",
    build: () => webIdentity(GITHUB, { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GITHUB}:sub`]: "repo:*" } }),
    titles: [anyWorkflow(`"repo:*" on sub matches anyone's repository`)],
    severities: ["critical"],
  },
  {
    name: "GitHub OIDC with sub ForAnyValue:StringLike, one pattern naming any owner's repository",
    build: () => webIdentity(GITHUB, { "ForAnyValue:StringLike": { [`${GITHUB}:sub`]: ["repo:acme/app:*", "repo:*/app:*"] } }),
    titles: [anyWorkflow(`"repo:*/app:*" on sub matches anyone's repository`)],
  },
  {
    name: "GitHub OIDC with sub \"repo:acme*\": anyone can create an owner named acme-something",
    build: () => webIdentity(GITHUB, { StringLike: { [`${GITHUB}:sub`]: "repo:acme*" } }),
    titles: [anyWorkflow(`"repo:acme*" on sub matches anyone's repository`)],
  },
  {
    name: "GitHub OIDC with sub \"repo:?cme/app:*\": the ? lets in the owner of any name like it (bcme, xcme)",
    build: () => webIdentity(GITHUB, { StringLike: { [`${GITHUB}:sub`]: "repo:?cme/app:*" } }),
    titles: [anyWorkflow(`"repo:?cme/app:*" on sub matches anyone's repository`)],
    severities: ["critical"],
  },
  {
    name: "GitLab.com OIDC with no sub condition",
    build: () => webIdentity("gitlab.com", { StringEquals: { "gitlab.com:aud": "https://gitlab.com" } }),
    titles: ["GitLab CI/CD of any gitlab.com project can assume role r: no condition on sub"],
    severities: ["critical"],
  },
  {
    name: "HCP Terraform (Terraform Cloud) OIDC with sub \"organization:*\"",
    build: () => webIdentity("app.terraform.io", { StringLike: { "app.terraform.io:sub": "organization:*" } }),
    titles: ['HCP Terraform runs of any organization can assume role r: "organization:*" on sub matches anyone\'s organization'],
    severities: ["critical"],
  },
  {
    name: "GitHub Enterprise's own issuer with only aud: every repository of that enterprise, high",
    build: () => webIdentity(`${GITHUB}/acme-corp`, { StringEquals: { [`${GITHUB}/acme-corp:aud`]: "sts.amazonaws.com" } }),
    titles: ["GitHub Actions of any repository in the enterprise can assume role r: no condition on sub"],
    severities: ["high"],
  },
  {
    name: "EKS cluster OIDC (IRSA) with only the aud condition: every service account of the cluster, high",
    build: () => webIdentity(EKS, { StringEquals: { [`${EKS}:aud`]: "sts.amazonaws.com" } }),
    titles: [`Any service account of an EKS cluster can assume role r: no condition on sub`],
    severities: ["high"],
  },
  {
    name: "Cognito with only a wildcard sub: any identity of any pool, critical",
    build: () => webIdentity(COGNITO, { StringLike: { [`${COGNITO}:sub`]: "us-east-1:*" } }),
    titles: [`Any Cognito identity pool can assume role r: no condition on aud`],
    severities: ["critical"],
  },
  {
    name: "Cognito identity pools with amr but no aud: any identity pool, critical",
    build: () => webIdentity(COGNITO, { "ForAnyValue:StringLike": { [`${COGNITO}:amr`]: "authenticated" } }),
    titles: [`Any Cognito identity pool can assume role r: no condition on aud`],
    severities: ["critical"],
  },
  {
    name: "an open GitHub grant behind an unknown condition (source IP): may, high",
    build: () => webIdentity(GITHUB, { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
    titles: [`GitHub Actions of any repository may assume role r: no condition on sub`],
    severities: ["high"],
  },
];

/** Grants that name the tenant: reported as another principal, as before. */
const narrowedFederation: RuleCase[] = [
  {
    name: "GitHub OIDC with sub naming the repository: another principal, medium",
    build: () => webIdentity(GITHUB, { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GITHUB}:sub`]: "repo:acme/app:*" } }),
    titles: [`Role r can also be assumed by arn:aws:iam::123456789012:oidc-provider/${GITHUB}`],
    severities: ["medium"],
  },
  {
    name: "GitHub OIDC with sub StringEquals \"repo:*\": no wildcard there, so no token's subject matches",
    build: () => webIdentity(GITHUB, { StringEquals: { [`${GITHUB}:sub`]: "repo:*" } }),
    titles: [`Role r can also be assumed by arn:aws:iam::123456789012:oidc-provider/${GITHUB}`],
    severities: ["medium"],
  },
  {
    name: "GitHub OIDC with a ? in the repository name only: the owner is still acme's",
    build: () => webIdentity(GITHUB, { StringLike: { [`${GITHUB}:sub`]: "repo:acme/ap?:*" } }),
    titles: [`Role r can also be assumed by arn:aws:iam::123456789012:oidc-provider/${GITHUB}`],
    severities: ["medium"],
  },
  {
    name: "GitHub Enterprise's own issuer with sub naming one repository",
    build: () => webIdentity(`${GITHUB}/acme-corp`, { StringLike: { [`${GITHUB}/acme-corp:sub`]: "repo:acme/deploy:*" } }),
    titles: [`Role r can also be assumed by arn:aws:iam::123456789012:oidc-provider/${GITHUB}/acme-corp`],
    severities: ["medium"],
  },
  {
    name: "EKS OIDC with sub naming one service account",
    build: () => webIdentity(EKS, { StringEquals: { [`${EKS}:aud`]: "sts.amazonaws.com", [`${EKS}:sub`]: "system:serviceaccount:prod:deployer" } }),
    titles: [`Role r can also be assumed by arn:aws:iam::123456789012:oidc-provider/${EKS}`],
    severities: ["medium"],
  },
  {
    name: "Cognito with aud pinned to the identity pool (and amr): not reported as open",
    build: () => webIdentity(COGNITO, { StringEquals: { [`${COGNITO}:aud`]: POOL }, "ForAnyValue:StringLike": { [`${COGNITO}:amr`]: "authenticated" } }),
    titles: [`Role r can also be assumed by ${COGNITO}`],
    severities: ["medium"],
  },
  {
    name: "Cognito with sub pinned to one identity and no aud: no other pool's identity has that id",
    build: () => webIdentity(COGNITO, { StringEquals: { [`${COGNITO}:sub`]: "us-east-1:0f1e2d3c-aaaa-4bbb-8ccc-123456789012" } }),
    titles: [`Role r can also be assumed by ${COGNITO}`],
    severities: ["medium"],
  },
  {
    name: "a private OIDC provider (its issuer is the organisation's own) with no condition: another principal, as before",
    build: () => webIdentity("acme.okta.com/oauth2/default"),
    titles: ["Role r can also be assumed by arn:aws:iam::123456789012:oidc-provider/acme.okta.com/oauth2/default"],
    severities: ["medium"],
  },
];

const openCase = (prefix: string) => openFederation.find((c) => c.name.startsWith(prefix))!;

describe("execution-role-trust: web identity open to everyone on a provider", () => {
  testRuleCases(executionRoleTrust, [...openFederation, ...narrowedFederation]);

  it("cites the statement and fixes it with a StringLike condition on sub, keeping the aud condition", () => {
    const f = outcome(executionRoleTrust, openCase("GitHub OIDC with only an aud")).findings[0]!;
    expect(f.evidence).toHaveLength(1);
    expect(f.evidence[0]).toMatchObject({
      kind: "trust-statement",
      source: { roleName: "r", policyName: "trust policy", statementIndex: 1, sid: "Federation" },
      highlight: [`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`, "sts:AssumeRoleWithWebIdentity", `${GITHUB}:aud`],
    });
    expect(f.evidence[0]?.document).toMatchObject({ Sid: "Federation", Action: "sts:AssumeRoleWithWebIdentity" });
    expect(f.detail).toContain("any repository of any GitHub account");
    expect(trustFix(f.remediation).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      {
        Sid: "Federation",
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${GITHUB}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GITHUB}:sub`]: "repo:OWNER/REPO:*" } },
      },
    ]);
    expect(f.remediation).toMatch(/\naws iam update-assume-role-policy --role-name r --policy-document file:\/\/trust\.json$/);
  });

  it("replaces a wildcard sub pattern in the fix rather than keeping it beside the new one", () => {
    const f = outcome(executionRoleTrust, openCase('GitHub OIDC with sub StringLike "repo:*"')).findings[0]!;
    expect(f.evidence[0]?.highlight).toContain(`${GITHUB}:sub`);
    expect(trustFix(f.remediation).Statement[1].Condition).toEqual({
      StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" },
      StringLike: { [`${GITHUB}:sub`]: "repo:OWNER/REPO:*" },
    });
  });

  it("drops only the pattern that lets outsiders in, keeping the one naming the account's own repository", () => {
    const f = outcome(executionRoleTrust, openCase("GitHub OIDC with sub ForAnyValue")).findings[0]!;
    // The narrowing, after the note that narrowed the grant still reaches an execution role (reported as such).
    expect(f.remediation).toMatch(/^A role of their own, trusted by \S+ alone, is the lasting fix: .* execution-role-trust reports \(medium\)\. To narrow it now:$/m);
    expect(f.remediation).toMatch(/^Drop "repo:\*\/app:\*" from the condition on token\.actions\.githubusercontent\.com:sub/m);
    expect(trustFix(f.remediation).Statement[1].Condition).toEqual({ "ForAnyValue:StringLike": { [`${GITHUB}:sub`]: "repo:acme/app:*" } });
  });

  it("Cognito's fix pins aud to the identity pool and keeps amr", () => {
    const f = outcome(executionRoleTrust, openCase("Cognito identity pools")).findings[0]!;
    expect(trustFix(f.remediation).Statement[1].Condition).toEqual({
      "ForAnyValue:StringLike": { [`${COGNITO}:amr`]: "authenticated" },
      StringEquals: { [`${COGNITO}:aud`]: "REGION:IDENTITY_POOL_ID" },
    });
  });

  it("a negated sub condition that leaves outsiders in is not quoted as if it matched them", () => {
    const c = { name: "not", build: () => webIdentity(GITHUB, { StringNotLike: { [`${GITHUB}:sub`]: "repo:evil/*" } }), titles: [] };
    expect(outcome(executionRoleTrust, c).titles).toEqual([anyWorkflow(`the condition on sub admits any repository`)]);
  });

  it("a narrow grant before an open one: the finding cites and fixes the open statement, and the provider is reported once", () => {
    const open = { Sid: "Open", Effect: "Allow", Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${GITHUB}` }, Action: "sts:AssumeRoleWithWebIdentity" };
    const b = webIdentity(GITHUB, { StringLike: { [`${GITHUB}:sub`]: "repo:acme/app:*" } }, [open]);
    const got = outcome(executionRoleTrust, { name: "narrow then open", build: () => b, titles: [] });
    expect(got.titles).toEqual([anyWorkflow(`no condition on sub`)]);
    const f = got.findings[0]!;
    expect(f.evidence[0]?.source).toMatchObject({ statementIndex: 2, sid: "Open" });
    const fixed = trustFix(f.remediation).Statement;
    expect(fixed[1].Condition).toEqual({ StringLike: { [`${GITHUB}:sub`]: "repo:acme/app:*" } });
    expect(fixed[2].Condition).toEqual({ StringLike: { [`${GITHUB}:sub`]: "repo:OWNER/REPO:*" } });
  });

  it("an open provider is not listed again among the other principals; the others still are", () => {
    const b = webIdentity(GITHUB, undefined, [assume({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` })]);
    const got = outcome(executionRoleTrust, { name: "both", build: () => b, titles: [] });
    expect(got.titles).toEqual([anyWorkflow(`no condition on sub`), `Role r can also be assumed by arn:aws:iam::${OTHER_ACCOUNT}:root`]);
    expect(got.severities).toEqual(["critical", "medium"]);
  });
});

describe("execution-role-trust", () => {
  testRuleCases(executionRoleTrust, cases);

  it("many other principals: the title names those that fit and counts the rest, the detail names them all", () => {
    const accounts = ["111111111111", "222222222222", "333333333333", "444444444444", "555555555555"].map((a) => `arn:aws:iam::${a}:root`);
    const b = withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), ...accounts.map((a) => assume({ AWS: a }))));
    const f = findingsOf(executionRoleTrust, b)[0]!;
    expect(f.title).toBe(`Role r can also be assumed by ${accounts.slice(0, 2).join(", ")} and 3 more`);
    expect(f.detail).toContain(accounts.join(", "));
  });

  it("a critical grant to * after many accounts: the title names * rather than counting it among the rest", () => {
    const accounts = ["111111111111", "222222222222", "333333333333", "444444444444"].map((a) => `arn:aws:iam::${a}:root`);
    const b = withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), ...accounts.map((a) => assume({ AWS: a })), assume("*")));
    const f = findingsOf(executionRoleTrust, b)[0]!;
    expect(f.severity).toBe("critical");
    expect(f.title).toMatch(/^Role r can also be assumed by \*, /);
  });

  it("is a role-level finding badging the role's functions", () => {
    const f = outcome(executionRoleTrust, cases[3]!).findings[0]!;
    expect(f.role).toBe("arn:aws:iam::123456789012:role/r");
    expect(f.functions).toEqual(["arn:aws:lambda:us-east-1:123456789012:function:fn"]);
  });
});

// The China edition of Lambda's guide (docs.amazonaws.cn/lambda/latest/dg/lambda-intro-execution-role.html) has the
// trust name lambda.amazonaws.com, while China stacks write lambda.amazonaws.com.cn (Terraform's aws_service_principal
// and older CDK give it for cn- Regions): in aws-cn both are Lambda, as the evaluator reads them (principal.ts,
// serviceNameOn). Elsewhere the .cn name is China's Lambda, another partition's service.
describe("execution-role-trust: Lambda's .cn name", () => {
  it("a China role trusting lambda.amazonaws.com.cn trusts Lambda: no other principal, no refusal", () => {
    const b = withTrust(serviceTrust("lambda.amazonaws.com.cn"), {}, "aws-cn");
    expect(findingsOf(executionRoleTrust, b).map((f) => f.title)).toEqual([]);
  });

  it("a China role trusting Lambda@Edge's .cn name beside Lambda's reports no other principal", () => {
    const b = withTrust(policy(assume({ Service: "lambda.amazonaws.com" }), assume({ Service: "edgelambda.amazonaws.com.cn" })), {}, "aws-cn");
    expect(findingsOf(executionRoleTrust, b).map((f) => f.title)).toEqual([]);
  });

  // Partitions are separate clouds: China's Lambda is no other principal that can assume a commercial role either.
  it("a commercial role trusting only lambda.amazonaws.com.cn: Lambda cannot assume it, and no one else can", () => {
    const b = withTrust(serviceTrust("lambda.amazonaws.com.cn"));
    expect(findingsOf(executionRoleTrust, b).map((f) => f.title)).toEqual(["Lambda cannot assume role r"]);
  });
});

describe("execution-role-trust: the fix when Lambda cannot assume the role", () => {
  /** The document the fix's update-assume-role-policy writes, as the shell would pass it. */
  const writtenDocument = (remediation: string) => JSON.parse(/--policy-document '(.*)'$/m.exec(remediation)![1]!.replace(/'\\''/g, "'"));
  const EDGE = { role: "edge", fn: "edge-fn" };
  /**
   * The "cannot assume" finding of role `edge`, trusted by Lambda@Edge alone (Sid "AllowLambda") and holding a Deny
   * "NoOutsiders" of this principal and condition (given the account).
   */
  function edgeOnlyFinding(principal: unknown, condition: (account: string) => unknown) {
    const b = withTrust(
      (account) => ({
        Version: "2012-10-17",
        Statement: [
          { Sid: "AllowLambda", Effect: "Allow", Principal: { Service: "edgelambda.amazonaws.com" }, Action: "sts:AssumeRole" },
          { Sid: "NoOutsiders", Effect: "Deny", Principal: principal, Action: "sts:AssumeRole", Condition: condition(account) },
        ],
      }) as DocumentInput,
      EDGE,
    );
    return findingsOf(executionRoleTrust, b).find((x) => x.title === "Lambda cannot assume role edge")!;
  }

  it("keeps every statement there is (update-assume-role-policy replaces the whole document) and adds Lambda's", () => {
    const f = edgeOnlyFinding({ AWS: "*" }, (account) => ({ StringNotEquals: { "aws:PrincipalAccount": account } }));
    const doc = writtenDocument(f.remediation);
    expect(doc.Statement.map((st: { Sid: string }) => st.Sid)).toEqual(["AllowLambda", "NoOutsiders", "AllowLambda2"]);
    expect(doc.Statement[2]).toEqual({ Sid: "AllowLambda2", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
    // Applied, Lambda can assume the role and edgelambda still can.
    const fixed = withTrust(doc, EDGE);
    const after = findingsOf(executionRoleTrust, fixed).map((f) => f.title);
    expect(after).not.toContain("Lambda cannot assume role edge");
    // The Deny stays, and whether Lambda's request carries aws:PrincipalAccount is unknown: the fix says so.
    expect(after).toContain("Lambda may not be able to assume role edge");
    expect(f.remediation).toContain(`A Deny of the trust policy ("NoOutsiders") may refuse Lambda even then, depending on aws:PrincipalAccount`);
  });

  it("says what a Deny left standing turns on when it is a value AWS may read otherwise, not a key", () => {
    // Lambda's request carries this account; "1.23456789012e11" is it as a number in a form AWS does not document.
    const f = edgeOnlyFinding("*", () => ({ NumericNotEquals: { "aws:SourceAccount": "1.23456789012e11" } }));
    expect(f.remediation).toContain(`A Deny of the trust policy ("NoOutsiders") may refuse Lambda even then, depending on how AWS reads aws:SourceAccount "1.23456789012e11"`);
  });

  it("names no Deny when the fixed document lets Lambda in", () => {
    const f = findingsOf(executionRoleTrust, withTrust(policy(assume({ Service: "s3.amazonaws.com" })))).find((x) => x.title === "Lambda cannot assume role r");
    expect(f?.remediation).toMatch(/update-assume-role-policy/);
    expect(f?.remediation).not.toContain("A Deny");
  });

  it("a Deny that refuses Lambda is named, not overridden by an Allow the fix would add", () => {
    const b = builder();
    const role = b.role({
      name: "team-a",
      trust: {
        Version: "2012-10-17",
        Statement: [
          { Sid: "Lambda", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
          {
            Sid: "TeamAFunctionsOnly",
            Effect: "Deny",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { ArnNotLike: { "aws:SourceArn": `arn:aws:lambda:*:${b.account}:function:team-a-*` } },
          },
        ],
      },
    });
    b.fn({ region: REGION, name: "team-a-api", runtime: "nodejs22.x", role });
    b.fn({ region: REGION, name: "team-b-api", runtime: "nodejs22.x", role });
    const [f] = findingsOf(executionRoleTrust, b);
    expect(f?.title).toBe("Lambda cannot assume role team-a");
    expect(f?.remediation).toContain('A Deny of the trust policy ("TeamAFunctionsOnly") refuses Lambda for team-b-api');
    expect(f?.remediation).toContain("If the Deny is meant to keep that function out, give it a role of its own");
    expect(f?.remediation).not.toContain('"Statement"');
  });
});

const GITHUB_PROVIDER = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const GITLAB_PROVIDER = "arn:aws:iam::123456789012:oidc-provider/gitlab.com";

function trustJson(remediation: string): { Statement: { Principal?: { Federated?: string }; Condition?: Record<string, Record<string, unknown>> }[] } {
  const start = remediation.indexOf("\n{") + 1;
  const end = remediation.lastIndexOf("\n}") + 2;
  return JSON.parse(remediation.slice(start, end));
}

describe("execution-role-trust: fixes for two open web-identity providers of one role", () => {
  it("each fix's document keeps (or includes) the other provider's narrowing", () => {
    const b = builder();
    const role = b.role({
      name: "deployer",
      trust: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
          { Effect: "Allow", Principal: { Federated: GITHUB_PROVIDER }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } },
          { Effect: "Allow", Principal: { Federated: GITLAB_PROVIDER }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "gitlab.com:aud": "https://gitlab.com" } } },
        ],
      },
    });
    b.fn({ region: REGION, name: "deploy", runtime: "nodejs22.x", role });
    const open = findingsOf(executionRoleTrust, b).filter((f) => f.remediation.includes("update-assume-role-policy"));
    expect(open).toHaveLength(2);
    // The document of the fix applied last must not re-open what the first fix closed.
    const last = trustJson(open[1]!.remediation);
    const github = last.Statement.find((s) => s.Principal?.Federated === GITHUB_PROVIDER);
    const gitlab = last.Statement.find((s) => s.Principal?.Federated === GITLAB_PROVIDER);
    const narrowed = (s: typeof github, key: string) => Object.values(s?.Condition ?? {}).some((block) => key in block);
    // Built from the original with its own statement narrowed only, the GitLab fix's document put the GitHub statement
    // back as it was, with no condition on sub: applied after the GitHub fix, it undid it.
    for (const f of open) {
      const doc = trustJson(f.remediation);
      const gh = doc.Statement.find((s) => s.Principal?.Federated === GITHUB_PROVIDER);
      const gl = doc.Statement.find((s) => s.Principal?.Federated === GITLAB_PROVIDER);
      expect(narrowed(gh, "token.actions.githubusercontent.com:sub") && narrowed(gl, "gitlab.com:sub")).toBe(true);
      expect(f.remediation).toContain("narrows the role's 1 other open statement too");
    }
    expect(narrowed(github, "token.actions.githubusercontent.com:sub") && narrowed(gitlab, "gitlab.com:sub")).toBe(true);
  });
});

describe("execution-role-trust's conditional mark", () => {
  it("is set where another principal is let in on a condition the snapshot cannot judge, and absent where it is let in outright", () => {
    const lambda = assume({ Service: "lambda.amazonaws.com" });
    const [conditional] = findingsOf(executionRoleTrust, withTrust(policy(lambda, assume("*", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }))));
    const [certain] = findingsOf(executionRoleTrust, withTrust(policy(lambda, assume({ Service: "ec2.amazonaws.com" }))));
    expect([conditional?.title, conditional?.conditional]).toEqual(["Role r may also be assumed by *", true]);
    expect([certain?.title, certain && "conditional" in certain]).toEqual(["Role r can also be assumed by ec2.amazonaws.com", false]);
  });
});

describe("execution-role-trust: an open web-identity grant left conditional by a value AWS may read otherwise", () => {
  it("names the value, not 'unreadable policies'", () => {
    // The role's tags are in every assume request; "1e0" is a number in no form AWS documents.
    const b = builder();
    const role = b.role({
      name: "r",
      tags: { tier: "5" },
      trust: policy(assume({ Service: "lambda.amazonaws.com" }), {
        Sid: "Federation",
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${b.account}:oidc-provider/${GITHUB}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { NumericGreaterThan: { "aws:ResourceTag/tier": "1e0" } },
      }),
    });
    b.fn({ region: REGION, name: "fn", runtime: "nodejs22.x", role });
    const [f, ...rest] = findingsOf(executionRoleTrust, b);
    expect(rest).toEqual([]);
    expect(f?.title).toBe(`GitHub Actions of any repository may assume role r: no condition on sub`);
    expect(f?.detail).toContain('Only a condition the snapshot cannot judge stands in the way (how AWS reads aws:ResourceTag/tier "1e0").');
  });
});
