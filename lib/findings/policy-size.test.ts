/**
 * Fixes held to AWS's size quotas: a role whose inline policies are nearly full gets its grant as a managed policy
 * (put-role-policy would fail with LimitExceeded), and the round-trip applier refuses what AWS refuses, so a rule
 * whose fix would pass a quota fails its own tests (findingsOf).
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { applyRemediation } from "./apply-remediation";
import { iamPolicySize, POLICY_LIMITS, trustPolicyQuotaNote } from "./policy-size";
import { executionRoleTrust } from "./rules/execution-role-trust";
import { eventSourceMissingPermissions } from "./rules/event-source-missing-permissions";
import { builder, findingsOf, REGION } from "./test-support";

type B = ReturnType<typeof builder>;

/** An inline policy of about `size` characters as IAM counts them: reads on many buckets. */
function bulkyPolicy(b: B, size: number) {
  const buckets: string[] = [];
  while (iamPolicySize(policy(allow("s3:GetObject", buckets))) < size) buckets.push(`arn:aws:s3:::${b.account}-data-${String(buckets.length).padStart(4, "0")}/*`);
  return policy(allow("s3:GetObject", buckets));
}

/** A function whose SQS trigger its role cannot read, the role holding an inline policy of `inlineSize` characters. */
function sqsGap(inlineSize: number, attached = 0) {
  const b = builder();
  const managed = Array.from({ length: attached }, (_, i) => b.managedPolicy({ name: `team-${i}`, document: policy(allow("cloudwatch:PutMetricData", "*")) }));
  const role = b.role({ name: "worker-role", inline: { bulk: bulkyPolicy(b, inlineSize) }, managed });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "orders"), uuid: "11111111-2222-3333-4444-555555555555" });
  return b;
}

describe("a grant for a role whose inline policies are nearly full", () => {
  it("is an inline policy while the role's inline policies stay within 10,240 characters", () => {
    const [f] = findingsOf(eventSourceMissingPermissions, sqsGap(2_000));
    expect(f?.remediation).toMatch(/^aws iam put-role-policy --role-name worker-role /m);
    expect(f?.remediation).not.toMatch(/create-policy|attach-role-policy/);
  });

  it("is a managed policy attached to the role when the inline one would pass the quota", () => {
    // findingsOf carries the fix out: put-role-policy here would throw LimitExceeded.
    const [f] = findingsOf(eventSourceMissingPermissions, sqsGap(10_150));
    expect(f?.remediation).toMatch(/bring the role's inline policies to 10,\d{3} characters, past IAM's 10,240/);
    expect(f?.remediation).not.toMatch(/put-role-policy/);
    expect(f?.remediation).toMatch(/^aws iam create-policy --policy-name lpg-worker-event-source-missing-permissions\S* --policy-document file:\/\/policy.json$/m);
    expect(f?.remediation).toMatch(/^aws iam attach-role-policy --role-name worker-role --policy-arn arn:aws:iam::123456789012:policy\/lpg-worker-event-source-missing-permissions\S*$/m);
    expect(f?.remediation).not.toMatch(/detach one first/);
  });

  it("says so when the role already has as many managed policies as IAM's default quota", () => {
    const [f] = findingsOf(eventSourceMissingPermissions, sqsGap(10_150, 10));
    expect(f?.remediation).toMatch(/the role has 10 managed policies attached, IAM's default quota: detach one first/);
  });
});

describe("a boundary that must allow more", () => {
  /** The SQS gap of a role whose boundary allows bulky reads and logs, of about `size` characters. */
  function bounded(size: number) {
    const b = builder();
    const document = bulkyPolicy(b, size);
    document.Statement = [...[document.Statement].flat(), allow("logs:*", "*")];
    const boundary = b.managedPolicy({ name: "team-bound", document });
    const role = b.role({ name: "worker-role", managed: [b.attachAwsManaged("AWSLambdaSQSQueueExecutionRole")], boundary });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
    b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "orders"), uuid: "11111111-2222-3333-4444-555555555555" });
    return { b, boundary };
  }

  it("gets its new version as a command while that stays within 6,144 characters", () => {
    const { b, boundary } = bounded(2_000);
    const [f] = findingsOf(eventSourceMissingPermissions, b);
    expect(f?.remediation).toContain(`aws iam create-policy-version --policy-arn ${boundary} --policy-document file://boundary.json --set-as-default`);
  });

  it("is asked in prose when the new version would pass the quota: create-policy-version would fail", () => {
    const { b, boundary } = bounded(6_000);
    const [f] = findingsOf(eventSourceMissingPermissions, b);
    expect(f?.remediation).toMatch(new RegExp(`permissions boundary \\(${boundary}\\) must allow these actions: add them to it\\. .* it would be 6,\\d{3} characters, past IAM's 6,144`));
    expect(f?.remediation).not.toMatch(/^aws iam create-policy-version/m);
  });
});

describe("the applier refuses what AWS refuses", () => {
  it("an inline policy taking the role past 10,240 characters, a managed policy past 6,144, a function policy past 20 KB", () => {
    const b = sqsGap(10_150);
    const fn = b.functionArn(REGION, "worker");
    const snapshot = b.build();
    const doc = JSON.stringify(policy(allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], "*")), null, 2);
    const put = `aws iam put-role-policy --role-name worker-role --policy-name more --policy-document file://policy.json`;
    expect(() => applyRemediation(snapshot, `${doc}\n${put}`)).toThrow(/LimitExceeded: inline policies of worker-role would be 10,?\d{3} characters/);
    // Replacing the bulky policy by a small one of the same name is within the quota.
    expect(applyRemediation(snapshot, `${doc}\n${put.replace("more", "bulk")}`)).toEqual({ applied: [expect.stringContaining("bulk")] });

    const big = JSON.stringify(bulkyPolicy(b, POLICY_LIMITS.managedPolicy + 1), null, 2);
    expect(() => applyRemediation(snapshot, `${big}\naws iam create-policy --policy-name big --policy-document file://policy.json`)).toThrow(/LimitExceeded: a managed policy of 6,?1\d\d characters/);

    const add = (i: number) => `aws lambda add-permission --function-name ${fn} --region ${REGION} --statement-id s3-${i} --action lambda:InvokeFunction --principal s3.amazonaws.com --source-arn arn:aws:s3:::${"b".repeat(40)}-${i} --source-account ${b.account}`;
    let added = 0;
    expect(() => {
      for (; added < 200; added++) applyRemediation(snapshot, add(added));
    }).toThrow(/PolicyLengthExceededException: the policy of \S+ would be 20,?\d{3} bytes/);
    expect(added).toBeGreaterThan(50);
  });

  it("counts characters as IAM does, without white space", () => {
    const doc = policy(allow("s3:GetObject", "arn:aws:s3:::b/*"));
    expect(iamPolicySize(doc)).toBe(JSON.stringify(doc).length);
    expect(iamPolicySize(JSON.parse(JSON.stringify(doc, null, 4)))).toBe(JSON.stringify(doc).length);
    expect(iamPolicySize({ Sid: "a b" })).toBe(JSON.stringify({ Sid: "ab" }).length);
  });
});

describe("a trust policy fix past IAM's default quota of 2,048 characters", () => {
  /** A role Lambda cannot assume, trusted by EC2 from `accounts` accounts (about 17 characters each). */
  function ec2Trusted(accounts: number) {
    const b = builder();
    const sources = Array.from({ length: accounts }, (_, i) => String(100000000000 + i));
    const trust = policy({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": sources } } });
    const role = b.role({ name: "batch-role", trust });
    b.fn({ region: REGION, name: "batch", runtime: "python3.13", role });
    return b;
  }
  const lambdaTrustFix = (b: B) => findingsOf(executionRoleTrust, b).find((f) => /update-assume-role-policy/.test(f.remediation ?? ""))?.remediation;

  it("warns, with the size, that AWS refuses it unless the account's quota was raised", () => {
    const fix = lambdaTrustFix(ec2Trusted(120));
    expect(fix).toMatch(/^aws iam update-assume-role-policy --role-name batch-role /m);
    expect(fix).toMatch(/This trust policy is 2,\d{3} characters \(white space not counted\), past IAM's default quota of 2,048: AWS refuses it \(LimitExceeded\) unless/);
  });

  it("says nothing of quotas when the document fits", () => {
    const fix = lambdaTrustFix(ec2Trusted(10));
    expect(fix).toMatch(/^aws iam update-assume-role-policy --role-name batch-role /m);
    expect(fix).not.toMatch(/quota/);
  });

  it("the web-identity narrowing fix carries the same warning", () => {
    const github = "token.actions.githubusercontent.com";
    const fix = (sources: number) => {
      const b = builder();
      const trust = policy(
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        { Effect: "Allow", Principal: { Federated: `arn:aws:iam::${b.account}:oidc-provider/${github}` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [`${github}:aud`]: "sts.amazonaws.com" } } },
        { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": Array.from({ length: sources }, (_, i) => String(100000000000 + i)) } } },
      );
      b.fn({ region: REGION, name: "deployer", runtime: "python3.13", role: b.role({ name: "deploy-role", trust }) });
      return findingsOf(executionRoleTrust, b).find((f) => /file:\/\/trust\.json/.test(f.remediation ?? ""))?.remediation;
    };
    expect(fix(120)).toMatch(/past IAM's default quota of 2,048/);
    expect(fix(2)).toMatch(/update-assume-role-policy --role-name deploy-role --policy-document file:\/\/trust\.json$/);
  });
});
