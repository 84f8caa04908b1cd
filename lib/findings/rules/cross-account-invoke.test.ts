import { describe, expect, it } from "vitest";
import type { IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, asyncBesideSyncDeny, findingsOf, grantsOn, oneFunction, OTHER_ACCOUNT, REGION, testRuleCases, withUrl, type RuleCase } from "../test-support";
import { crossAccountInvoke } from "./cross-account-invoke";

const CANONICAL = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
const COGNITO = "cognito-identity.amazonaws.com";

const setup = () => oneFunction("api");
const { permissions, policy } = grantsOn(setup);
const OTHER_ROOT = { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` };

/** A PutResourcePolicy document letting `principal` invoke (Lambda's AddPermission cannot write these). */
const invokeGrantTo = (principal: IamStatement["Principal"]) => policy({ Sid: "odd", Effect: "Allow", Principal: principal, Action: "lambda:InvokeFunction" })();

/** The other account's grant to invoke, valid only under `condition` (a time window in the cases below). */
const partnerGrantWhen = (condition: IamStatement["Condition"]) => policy({ Sid: "partner", Effect: "Allow", Principal: OTHER_ROOT, Action: "lambda:InvokeFunction", Condition: condition })();

/** `*` let invoke under `condition` (aws:Principal* keys that narrow it to some accounts, or not). */
const anyoneWhen = (sid: string, condition: IamStatement["Condition"]) => policy({ Sid: sid, Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Condition: condition });

/** SNS let invoke for the organization's resources (aws:SourceOrgID). */
const snsForOrganization = (sid: string) =>
  policy({ Sid: sid, Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Condition: { StringEquals: { "aws:SourceOrgID": "o-abc123def4" } } });

/** The function with an AWS_IAM URL, and these grants. */
const onIamUrl = grantsOn(withUrl(setup, "AWS_IAM"));

const cases: RuleCase[] = [
  {
    // IAM does not expand a wildcard inside a principal ARN: the grant names no one, in any account.
    name: "a role ARN with a wildcard for its account names no one",
    build: () => invokeGrantTo({ AWS: "arn:aws:iam::*:role/deployer" }),
    titles: [],
  },
  {
    // The evaluator reads an entry spelled ARN: as arn: too, and then it names the account: a "may", never silence.
    name: "another account's root spelled ARN: may invoke",
    build: () => invokeGrantTo({ AWS: `ARN:aws:iam::${OTHER_ACCOUNT}:root` }),
    titles: [`Account ${OTHER_ACCOUNT} may invoke this function`],
  },
  {
    // Its partition in other case: AWS writes "aws", Access Analyzer reports an invalid partition, and no page says which
    // reading IAM takes. Read lower-case it names the account: a "may", never silence.
    name: "another account's root spelled arn:AWS: may invoke",
    build: () => invokeGrantTo({ AWS: `arn:AWS:iam::${OTHER_ACCOUNT}:root` }),
    titles: [`Account ${OTHER_ACCOUNT} may invoke this function`],
  },
  {
    name: "another account as principal: medium",
    build: permissions({ sid: "partner", principal: OTHER_ACCOUNT }),
    titles: [`Account ${OTHER_ACCOUNT} can invoke this function`],
    severities: ["medium"],
  },
  {
    name: "a role of another account",
    build: permissions({ sid: "partner", principal: `arn:aws:iam::${OTHER_ACCOUNT}:role/caller` }),
    titles: [`Account ${OTHER_ACCOUNT} can invoke this function`],
  },
  {
    name: "service grant whose SourceAccount is another account",
    build: permissions({ sid: "sns", principal: "sns.amazonaws.com", sourceAccount: OTHER_ACCOUNT, sourceArn: `arn:aws:sns:${REGION}:${OTHER_ACCOUNT}:topic` }),
    titles: [`Account ${OTHER_ACCOUNT} can invoke this function`],
  },
  {
    name: "another account granted only InvokeAsync (the deprecated async API): it can still invoke",
    build: permissions({ sid: "async", principal: OTHER_ACCOUNT, action: "lambda:InvokeAsync" }),
    titles: [`Account ${OTHER_ACCOUNT} can invoke this function`],
    severities: ["medium"],
  },
  {
    name: "another account granted InvokeFunction and InvokeAsync, with a Deny on InvokeFunction: async calls get in",
    build: policy(...asyncBesideSyncDeny(OTHER_ROOT, { Sid: "nosync" })),
    titles: [`Account ${OTHER_ACCOUNT} can invoke this function`],
  },
  {
    name: "another account granted InvokeFunction and InvokeAsync, with a Deny on InvokeFunction under an IP condition: it can, through InvokeAsync",
    build: policy(...asyncBesideSyncDeny(OTHER_ROOT, { Sid: "ip", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })),
    titles: [`Account ${OTHER_ACCOUNT} can invoke this function`],
  },
  {
    name: "another account granted InvokeAsync through the URL only: async calls carry no URL key, no way in",
    build: onIamUrl.policy({ Sid: "async-url", Effect: "Allow", Principal: OTHER_ROOT, Action: "lambda:InvokeAsync", Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } }),
    titles: [],
  },
  {
    name: "another account granted a Lambda action that invokes nothing: not reported",
    build: permissions({ sid: "read", principal: OTHER_ACCOUNT, action: "lambda:GetFunctionConfiguration" }),
    titles: [],
  },
  {
    name: "organization-wide grant: info",
    build: permissions({ sid: "org", principal: "*", orgId: "o-abc123def4" }),
    titles: ["Accounts in organization o-abc123def4 can invoke this function"],
    severities: ["info"],
  },
  {
    // aws:PrincipalOrgID is in a request only when its principal is a member of an organization, which a service
    // principal is not (IAM global condition keys); services send aws:SourceOrgID for their resource's organization.
    name: "a service granted with --principal-org-id: its requests carry no organization, so no account gets in",
    build: permissions({ sid: "snsorg", principal: "sns.amazonaws.com", orgId: "o-abc123def4" }),
    titles: [],
  },
  {
    name: "a service granted for the organization's resources (aws:SourceOrgID): info",
    build: snsForOrganization("snsorg"),
    titles: ["Accounts in organization o-abc123def4 can invoke this function"],
    severities: ["info"],
  },
  {
    // The usual AddPermission for a service: the source pinned to this account, which lets no other account in.
    name: "a service grant pinned to this account (SourceAccount and SourceArn its own): nothing",
    build: permissions({ sid: "sns", principal: "sns.amazonaws.com", sourceAccount: ACCOUNT, sourceArn: `arn:aws:sns:${REGION}:${ACCOUNT}:t` }),
    titles: [],
  },
  {
    name: "own account and own sources: nothing",
    build: permissions({ sid: "self", principal: ACCOUNT }, { sid: "sns", principal: "sns.amazonaws.com", sourceArn: `arn:aws:sns:${REGION}:${ACCOUNT}:t` }),
    titles: [],
  },
  {
    // The grant's caller is asked with a context its own conditions accept; a source-IP range or a date limit has
    // no such value, so the answer is conditional, never a denial of the very account the grant names.
    name: "another account limited to a source-IP range and a date: may invoke",
    build: () => partnerGrantWhen({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" }, DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }),
    titles: [`Account ${OTHER_ACCOUNT} may invoke this function`],
  },
  {
    // Every call the report speaks of is made after the capture (2026-11-20): a window closed by then lets no one in.
    name: "another account's grant that expired before the capture: no finding",
    build: () => partnerGrantWhen({ DateLessThan: { "aws:CurrentTime": "2025-06-30T00:00:00Z" } }),
    titles: [],
  },
  {
    // The grant's caller is asked with values its conditions accept, but not the time: a window that closed before the
    // capture (DateLessThanEquals, met by its own date) is closed for that caller too.
    name: "another account's grant that expired before the capture, with an operator its own date meets: no finding",
    build: () => partnerGrantWhen({ DateLessThanEquals: { "aws:CurrentTime": "2025-06-30T00:00:00Z" } }),
    titles: [],
  },
  {
    // …and a window opened by then (1 January 2025, as epoch seconds read by a Date operator) holds for every such call.
    name: "another account's grant whose window opened before the capture: can invoke",
    build: () => partnerGrantWhen({ DateGreaterThan: { "aws:EpochTime": "1735689600" } }),
    titles: [`Account ${OTHER_ACCOUNT} can invoke this function`],
  },
  {
    name: "* grants on an AWS_IAM function URL: any account with IAM credentials, reported once",
    build: onIamUrl.permissions(
      { sid: "FunctionURLAllowIam", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" },
      { sid: "FunctionURLInvokeAllowIam", principal: "*", invokedViaUrl: true },
    ),
    titles: ["Any AWS account can invoke this function through its IAM-authenticated URL"],
    severities: ["medium"],
  },
  {
    // Since November 2026 a URL call takes InvokeFunction too (lambda-permissions.md §3.4): the invoker list and
    // function-url-permission-mismatch read this grant as refused, and so must this rule.
    name: "another account granted only InvokeFunctionUrl on an AWS_IAM URL cannot invoke through it",
    build: onIamUrl.permissions({ sid: "PartnerUrl", principal: OTHER_ACCOUNT, action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" }),
    titles: [],
  },
  {
    name: "another account granted both URL actions: one way in, one finding, on the URL grant",
    build: onIamUrl.permissions(
      { sid: "PartnerUrl", principal: OTHER_ACCOUNT, action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" },
      { sid: "PartnerUrlInvoke", principal: OTHER_ACCOUNT, invokedViaUrl: true },
    ),
    titles: [`Account ${OTHER_ACCOUNT} can invoke this function`],
  },
  {
    name: "a URL-gated InvokeFunction grant with no URL configured lets no one in",
    build: permissions({ sid: "PartnerUrlInvoke", principal: OTHER_ACCOUNT, invokedViaUrl: true }),
    titles: [],
  },
  {
    name: "the same grants on a NONE URL are function-url-public's, not reported here",
    build: grantsOn(withUrl(setup, "NONE")).permissions(
      { sid: "FunctionURLAllowPublicAccess", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" },
      { sid: "FunctionURLInvokeAllowPublicAccess", principal: "*", invokedViaUrl: true },
    ),
    titles: [],
  },
  {
    name: "fully public grants are public-invoke's, not reported twice",
    build: permissions({ sid: "open", principal: "*" }),
    titles: [],
  },
  {
    name: "a CanonicalUser principal is no known account: reported as a caller of unknown account",
    build: () => invokeGrantTo({ CanonicalUser: CANONICAL }),
    titles: [`Canonical user ${CANONICAL}, of an account that cannot be determined, may invoke this function`],
    severities: ["medium"],
  },
  {
    name: "a Federated principal named by host: reported as a caller of unknown account",
    build: () => invokeGrantTo({ Federated: COGNITO }),
    titles: [`Federated principal ${COGNITO}, of an account that cannot be determined, may invoke this function`],
  },
  {
    name: "another account's SAML provider: that account may invoke",
    build: () => invokeGrantTo({ Federated: `arn:aws:iam::${OTHER_ACCOUNT}:saml-provider/corp` }),
    titles: [`Account ${OTHER_ACCOUNT} may invoke this function`],
  },
  {
    name: "the account's own SAML provider is not another account",
    build: () => invokeGrantTo({ Federated: "arn:aws:iam::123456789012:saml-provider/corp" }),
    titles: [],
  },
  {
    name: "Null aws:SourceAccount = false asks only that a source account be sent: it names none ('false' is no account)",
    build: policy({ Sid: "sns", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Condition: { Null: { "aws:SourceAccount": "false" } } }),
    titles: [],
  },
  {
    name: "a service grant for any resource of an organization (aws:SourceOrgID): its accounts, info",
    build: snsForOrganization("orgtopics"),
    titles: ["Accounts in organization o-abc123def4 can invoke this function"],
    severities: ["info"],
  },
  {
    name: "* narrowed to an organization path: the organization's accounts, info",
    build: anyoneWhen("ou", { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-abc123def4/r-ab12/ou-ab12-11111111/*" } }),
    titles: ["Accounts in organization o-abc123def4 can invoke this function"],
    severities: ["info"],
  },
  // Separate operators are ANDed (reference_policies_multi-value-conditions.html): an account is listed only if a
  // request from it can meet every clause, not because one clause names it.
  {
    name: "SourceArn in one account and SourceAccount another: no request meets both, no account is listed",
    build: policy({ Sid: "sns", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Condition: { ArnLike: { "aws:SourceArn": `arn:aws:sns:${REGION}:444455556666:topic` }, StringEquals: { "aws:SourceAccount": OTHER_ACCOUNT } } }),
    titles: [],
  },
  {
    name: "SourceArn naming two accounts and SourceAccount one of them: only that one",
    build: policy({
      Sid: "sns",
      Effect: "Allow",
      Principal: { Service: "sns.amazonaws.com" },
      Action: "lambda:InvokeFunction",
      Condition: { ArnLike: { "aws:SourceArn": [`arn:aws:sns:${REGION}:444455556666:topic`, `arn:aws:sns:${REGION}:${OTHER_ACCOUNT}:topic`] }, StringEquals: { "aws:SourceAccount": OTHER_ACCOUNT } },
    }),
    titles: [`Account ${OTHER_ACCOUNT} can invoke this function`],
  },
  {
    name: "an S3 bucket's SourceArn names no account: the SourceAccount beside it is listed",
    build: permissions({ sid: "s3", principal: "s3.amazonaws.com", sourceAccount: OTHER_ACCOUNT, sourceArn: "arn:aws:s3:::their-bucket" }),
    titles: [`Account ${OTHER_ACCOUNT} can invoke this function`],
  },
  {
    name: "* narrowed by aws:PrincipalAccount to one account and aws:PrincipalArn to another's role: no one",
    build: anyoneWhen("acct", { StringEquals: { "aws:PrincipalAccount": "444455556666" }, ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${OTHER_ACCOUNT}:role/ci` } }),
    titles: [],
  },
  {
    name: "another account as principal, under an aws:PrincipalAccount of a third: its requests never meet it",
    build: () => partnerGrantWhen({ StringEquals: { "aws:PrincipalAccount": "444455556666" } }),
    titles: [],
  },
  {
    name: "* narrowed by aws:PrincipalArn to another account's role: that account",
    build: anyoneWhen("ci", { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${OTHER_ACCOUNT}:role/ci` } }),
    titles: [`Account ${OTHER_ACCOUNT} can invoke this function`],
    severities: ["medium"],
  },
  {
    name: "* narrowed by aws:PrincipalArn to the account's own roles: no one outside",
    build: anyoneWhen("ours", { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` } }),
    titles: [],
  },
  {
    name: "* narrowed by aws:PrincipalAccount to another account: that account",
    build: anyoneWhen("acct", { StringEquals: { "aws:PrincipalAccount": "444455556666" } }),
    titles: ["Account 444455556666 can invoke this function"],
    severities: ["medium"],
  },
];

describe("cross-account-invoke", () => {
  testRuleCases(crossAccountInvoke, cases);

  it("reports the accounts one statement lets in alike in one finding, naming the first and counting the rest", () => {
    const accounts = Array.from({ length: 300 }, (_, i) => String(100000000000 + i));
    const { b, fn } = setup();
    b.resourcePolicy(fn, {
      Version: "2012-10-17",
      Statement: [
        { Sid: "partners", Effect: "Allow", Principal: { AWS: accounts.map((a) => `arn:aws:iam::${a}:root`) }, Action: "lambda:InvokeFunction", Resource: fn },
        { Sid: "lone", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "lambda:InvokeFunction", Resource: fn },
      ],
    });
    const findings = findingsOf(crossAccountInvoke, b);
    expect(findings.map((f) => [f.id, f.title])).toEqual([
      [`cross-account-invoke:${fn}#partners/${accounts[0]}`, `Accounts ${accounts.slice(0, 3).join(", ")} and 297 more can invoke this function`],
      [`cross-account-invoke:${fn}#lone/${OTHER_ACCOUNT}`, `Account ${OTHER_ACCOUNT} can invoke this function`],
    ]);
    expect(findings[0]!.detail).toMatch(/^Statement partners of the policy on \S+ lets 300 accounts invoke it \(100000000000: named as principal arn:aws:iam::100000000000:root, .* and \d+ more\), outside account /);
    expect(findings[0]!.detail.length).toBeLessThan(1000);
    expect(findings[0]!.evidence).toHaveLength(1);
    expect(findings[0]!.evidence[0]!.highlight).toEqual(expect.arrayContaining([`arn:aws:iam::${accounts[299]}:root`, "lambda:InvokeFunction"]));
  });

  it("reports a URL way in on its InvokeFunctionUrl statement, whichever order the policy lists them in", () => {
    const { b, fn } = setup();
    b.url(fn, { authType: "AWS_IAM" });
    b.permission(fn, { sid: "PartnerUrlInvoke", principal: OTHER_ACCOUNT, invokedViaUrl: true });
    b.permission(fn, { sid: "PartnerUrl", principal: OTHER_ACCOUNT, action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" });
    const findings = findingsOf(crossAccountInvoke, b);
    expect(findings.map((f) => f.id)).toEqual([`cross-account-invoke:${fn}#PartnerUrl/${OTHER_ACCOUNT}`]);
    expect(findings[0]!.evidence[0]!.highlight).toContain("lambda:InvokeFunctionUrl");
  });
});

describe("cross-account-invoke's conditional mark", () => {
  it("is set where the grant turns on a condition the snapshot cannot judge, and absent where the grant is open", () => {
    const conditional = findingsOf(crossAccountInvoke, partnerGrantWhen({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }));
    const certain = findingsOf(crossAccountInvoke, permissions({ sid: "partner", principal: OTHER_ACCOUNT })());
    expect(conditional.map((f) => [f.title, f.conditional])).toEqual([[`Account ${OTHER_ACCOUNT} may invoke this function`, true]]);
    expect(certain.map((f) => [f.title, "conditional" in f])).toEqual([[`Account ${OTHER_ACCOUNT} can invoke this function`, false]]);
  });
});

describe("cross-account-invoke's evidence for a grant whose principal is spelled in other case", () => {
  it.each([[`ARN:aws:iam::${OTHER_ACCOUNT}:root`, "invalid ARN prefix"], [`arn:AWS:iam::${OTHER_ACCOUNT}:root`, "invalid partition"]])("names why %s makes it a may", (principal, check) => {
    const [f, ...more] = findingsOf(crossAccountInvoke, invokeGrantTo({ AWS: principal }));
    expect(more).toEqual([]);
    const [grant] = f!.evidence;
    expect(grant!.description).toContain(`statement odd applies only if: Principal names the caller only as ${principal}`);
    expect(grant!.description).toContain(check);
  });

  // A grant only the URL can use is answered as a URL call (both URL actions): its "may" says why as the other does.
  it("names why for a grant only the function URL can use", () => {
    const principal = `ARN:aws:iam::${OTHER_ACCOUNT}:root`;
    const urlOnly = onIamUrl.policy(
      { Sid: "odd", Effect: "Allow", Principal: { AWS: principal }, Action: "lambda:InvokeFunctionUrl", Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } } },
      { Sid: "oddInvoke", Effect: "Allow", Principal: { AWS: principal }, Action: "lambda:InvokeFunction", Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } },
    );
    const [f, ...more] = findingsOf(crossAccountInvoke, urlOnly());
    expect(more).toEqual([]);
    expect(f!.title).toBe(`Account ${OTHER_ACCOUNT} may invoke this function`);
    const [grant, ...others] = f!.evidence;
    expect(grant!.description).toContain(`statement odd applies only if: Principal names the caller only as ${principal}`);
    // The companion InvokeFunction grant the call also needs, with the same why.
    expect(others.map((e) => e.description).join("\n")).toContain(`statement oddInvoke applies only if: Principal names the caller only as ${principal}`);
  });
});
