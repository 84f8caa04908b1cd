/**
 * Who can invoke a function, as AWS's pages state it, asked of the code that answers it for users: the ways in
 * (`functionInvokers`, the graph's and report's invokers) and the findings that call a function public or open to
 * other accounts (public-invoke, cross-account-invoke, confused-deputy, function-url-public). lib/policy's cited
 * tables (documented-doubts, aws-documented-examples, doc-examples, evaluation-logic-audit) ask the evaluator alone;
 * these rows ask the whole path from a snapshot, so a reading of a grant that departs from the page shows here even
 * where the evaluator is right.
 *
 * Each row names its page and quotes the sentence it rests on (docs.aws.amazon.com, read in December 2026). Where the
 * page leaves the answer open, the row says so and expects a conditional answer, never a certain one.
 */
import { describe, expect, it } from "vitest";
import { functionInvokers } from "@/lib/analysis/analyze";
import type { Invoker } from "@/lib/analysis/types";
import type { IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { RCP_FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { ACCOUNT, OTHER_ACCOUNT, OU, REGION, allFindingsOf, builder, scpsDenying } from "./test-support";

const LAMBDA = "https://docs.aws.amazon.com/lambda/latest/dg/";
const IAM = "https://docs.aws.amazon.com/IAM/latest/UserGuide/";
const GRANTING = `${LAMBDA}permissions-granting-access.html`;
const XACCT_FN = `${LAMBDA}permissions-function-cross-account.html`;
const SERVICES = `${LAMBDA}permissions-function-services.html`;
const ADD_PERMISSION = "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html";
const URLS = `${LAMBDA}urls-auth.html`;
const BASICS = `${IAM}reference_policies_evaluation-logic_policy-eval-basics.html`;
const XACCT = `${IAM}reference_policies_evaluation-logic-cross-account.html`;
const DENYALLOW = `${IAM}reference_policies_evaluation-logic_policy-eval-denyallow.html`;
const SCPS = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html";
const PRINCIPAL = `${IAM}reference_policies_elements_principal.html`;
const PB = `${IAM}access_policies_boundaries.html`;
const KEYS = `${IAM}reference_policies_condition-keys.html`;
const RESOURCE_BASED = `${LAMBDA}access-control-resource-based.html`;
const RCPS = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html";
const DELETED = "https://repost.aws/knowledge-center/iam-resource-policy-format";

/** A row's name, with the page it rests on (its file name), so a failure names the page to re-read. */
const on = (page: string, name: string) => `${name} [${page.slice(page.lastIndexOf("/") + 1)}]`;

/** The rules that say who may invoke a function from outside the account, or anyone. */
const INVOKE_RULES = new Set(["public-invoke", "cross-account-invoke", "confused-deputy", "function-url-public"]);

type B = ReturnType<typeof builder>;

/** One function "orders" (role "app") in ACCOUNT, set up by `build`; its ways in and the invoke rules' findings. */
function judge(build: (b: B, fn: string) => void): { fn: string; invokers: Invoker[]; rules: string[] } {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "app" }) });
  build(b, fn);
  const { model, findings } = allFindingsOf(b);
  const invokers = functionInvokers(model).invokers.get(fn) ?? [];
  const rules = findings.filter((f) => INVOKE_RULES.has(f.rule) && (f.function === fn || f.functions.includes(fn))).map((f) => `${f.rule}${f.conditional ? " (conditional)" : ""}`);
  return { fn, invokers, rules: [...new Set(rules)].sort() };
}

/** The ways in of `principal` (as written), with their decision. */
function waysOf(invokers: Invoker[], principal: string): { via: string; decision?: string; qualifier?: string; public?: boolean }[] {
  return invokers.filter((i) => i.principal === principal).map((i) => ({ via: i.via, decision: i.decision, qualifier: i.qualifier, public: i.public }));
}

const policyOf = (fn: string, ...statements: IamStatement[]) => ({ Version: "2012-10-17", Statement: statements.map((st) => ({ Resource: fn, ...st })) });

/** A role of the account that people of the account may assume, holding an inline policy of `statements`. */
function caller(b: B, name: string, statements: object[]): string {
  return b.role({
    name,
    trust: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] },
    inline: { invoke: { Version: "2012-10-17", Statement: statements } as never },
  });
}

describe("who can invoke a function: same account", () => {
  it(on(BASICS, "an identity policy alone lets a role of the account invoke (no resource policy)"), () => {
    // BASICS: "If either the identity-based policy or the resource-based policy within the same account allows the
    // request and the other doesn't, the request is still allowed."
    let role = "";
    const { invokers, rules } = judge((b, fn) => {
      role = caller(b, "ci", [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }]);
    });
    expect(waysOf(invokers, role)).toEqual([expect.objectContaining({ via: "identity-policy", decision: "allowed" })]);
    expect(rules).toEqual([]);
  });

  it(on(BASICS, "a resource policy naming the role alone lets it invoke (no identity policy), and is not cross-account"), () => {
    // BASICS (same sentence as above): the resource-based policy's Allow suffices within one account.
    const role = `arn:aws:iam::${ACCOUNT}:role/ci`;
    const { invokers, rules } = judge((b, fn) => {
      b.role({ name: "ci" });
      b.resourcePolicy(fn, policyOf(fn, { Sid: "ci", Effect: "Allow", Principal: { AWS: role }, Action: "lambda:InvokeFunction" }));
    });
    expect(waysOf(invokers, role)).toEqual([expect.objectContaining({ via: "resource-policy", decision: "allowed" })]);
    expect(rules).toEqual([]);
  });

  it(on(DENYALLOW, "an explicit Deny in the function policy refuses a role its identity policy allows"), () => {
    // DENYALLOW: "An explicit deny overrides an explicit allow."
    let role = "";
    const { invokers } = judge((b, fn) => {
      role = caller(b, "ci", [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }]);
      b.resourcePolicy(fn, policyOf(fn, { Sid: "noci", Effect: "Deny", Principal: { AWS: role }, Action: "lambda:InvokeFunction" }));
    });
    // Callers refused are not listed: the role is no way in.
    expect(waysOf(invokers, role)).toEqual([]);
  });

  it(on(DENYALLOW, "an SCP denying lambda:InvokeFunction refuses the account's own role its identity policy allows"), () => {
    // DENYALLOW: "The AWS enforcement code evaluates all policies within the account that apply to the request. These
    // include AWS Organizations SCPs and RCPs, …" and "An explicit deny overrides an explicit allow."
    let role = "";
    const { invokers } = judge((b, fn) => {
      b.organization(scpsDenying(["lambda:InvokeFunction"]));
      role = caller(b, "ci", [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }]);
    });
    expect(waysOf(invokers, role)).toEqual([]);
  });

  it(on(BASICS, "a role's own Deny refuses what the function policy grants it"), () => {
    // BASICS: "An explicit deny in any of the policies overrides the allow."
    const role = `arn:aws:iam::${ACCOUNT}:role/ci`;
    const { invokers } = judge((b, fn) => {
      caller(b, "ci", [{ Effect: "Deny", Action: "lambda:*", Resource: "*" }]);
      b.resourcePolicy(fn, policyOf(fn, { Sid: "ci", Effect: "Allow", Principal: { AWS: role }, Action: "lambda:InvokeFunction" }));
    });
    expect(waysOf(invokers, role).map((w) => w.decision)).toEqual(["explicitly-denied"]);
  });

  it(on(SCPS, "an SCP refuses a role of the account the function policy names"), () => {
    // SCPS: "SCPs affect only principals that are managed by accounts that are part of the organization" — the role
    // is one, whoever grants it.
    const role = `arn:aws:iam::${ACCOUNT}:role/ci`;
    const { invokers } = judge((b, fn) => {
      b.organization(scpsDenying(["lambda:InvokeFunction"]));
      b.role({ name: "ci" });
      b.resourcePolicy(fn, policyOf(fn, { Sid: "ci", Effect: "Allow", Principal: { AWS: role }, Action: "lambda:InvokeFunction" }));
    });
    expect(waysOf(invokers, role).map((w) => w.decision)).toEqual(["explicitly-denied"]);
  });

  describe("a permissions boundary that does not allow invoking (boundary allows s3:* only)", () => {
    const underBoundary = (principal: string, user = false) =>
      judge((b, fn) => {
        const boundary = b.managedPolicy({ name: "bd", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } as never });
        if (user) b.user({ name: "dev", boundary });
        else b.role({ name: "ci", boundary });
        b.resourcePolicy(fn, policyOf(fn, { Sid: "grant", Effect: "Allow", Principal: { AWS: principal }, Action: "lambda:InvokeFunction" }));
      });

    it(on(PB, "limits a grant to the role's ARN"), () => {
      // PB: "Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit deny in a
      // permissions boundary or session policy."
      const role = `arn:aws:iam::${ACCOUNT}:role/ci`;
      expect(waysOf(underBoundary(role).invokers, role).map((w) => w.decision)).toEqual(["implicitly-denied"]);
    });

    it(on(PB, "does not limit a grant to a session of the role"), () => {
      // PB: "Permissions granted directly to a session are not limited by an implicit deny in an identity-based policy,
      // a permissions boundary, or session policy."
      const session = `arn:aws:sts::${ACCOUNT}:assumed-role/ci/s1`;
      expect(waysOf(underBoundary(session).invokers, session).map((w) => w.decision)).toEqual(["allowed"]);
    });

    it(on(PB, "does not limit a grant to a user's ARN"), () => {
      // PB: "Within the same account, resource-based policies that grant permissions to an IAM user ARN (that is not a
      // federated user session) are not limited by an implicit deny in an identity-based policy or permissions boundary."
      const user = `arn:aws:iam::${ACCOUNT}:user/dev`;
      expect(waysOf(underBoundary(user, true).invokers, user).map((w) => w.decision)).toEqual(["allowed"]);
    });
  });

  it(on(PRINCIPAL, "a grant to the account's own root delegates to the account: listed as the account, naming none of its roles"), () => {
    // PRINCIPAL: "This delegates authority to the account." The role "ci" has no IAM policy allowing the call, so the
    // grant alone does not make it a caller (evaluation-logic-audit.test.ts asks the evaluator the same).
    const { invokers, rules } = judge((b, fn) => {
      b.role({ name: "ci" });
      b.permission(fn, { sid: "mine", principal: ACCOUNT });
    });
    expect(waysOf(invokers, ACCOUNT)).toEqual([expect.objectContaining({ via: "resource-policy" })]);
    expect(waysOf(invokers, `arn:aws:iam::${ACCOUNT}:role/ci`)).toEqual([]);
    expect(rules).toEqual([]);
  });
});

describe("who can invoke a function: another account", () => {
  it(on(XACCT_FN, "a grant to another account's root is cross-account: that account's IAM policies decide who in it may use it"), () => {
    // XACCT_FN: "The resource-based policy grants permission for the other account to access the function, but doesn't
    // allow users in that account to exceed their permissions."
    const root = OTHER_ACCOUNT; // listed by account id, as --principal takes it
    const { invokers, rules } = judge((b, fn) => b.permission(fn, { sid: "xaccount", principal: OTHER_ACCOUNT }));
    expect(waysOf(invokers, root)).toEqual([expect.objectContaining({ via: "resource-policy", decision: "allowed", public: false })]);
    expect(rules).toEqual(["cross-account-invoke"]);
  });

  it(on(XACCT_FN, "a grant to a role of another account is cross-account and names that role only"), () => {
    // XACCT_FN: "To limit access to a user or role in another account, specify the full ARN of the identity as the principal."
    const role = `arn:aws:iam::${OTHER_ACCOUNT}:role/cross-account-role`;
    const { invokers, rules } = judge((b, fn) =>
      b.resourcePolicy(fn, policyOf(fn, { Sid: "role", Effect: "Allow", Principal: { AWS: role }, Action: "lambda:InvokeFunction" })),
    );
    expect(waysOf(invokers, role)).toEqual([expect.objectContaining({ via: "resource-policy", decision: "allowed" })]);
    expect(rules).toEqual(["cross-account-invoke"]);
  });

  it(on(XACCT, "a grant to an assumed-role session of another account is cross-account"), () => {
    // XACCT: "You can specify the entire account or its IAM users, AWS STS federated user principals, IAM roles, or
    // assumed-role sessions."
    const session = `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/auditor/alice`;
    const { invokers, rules } = judge((b, fn) =>
      b.resourcePolicy(fn, policyOf(fn, { Sid: "session", Effect: "Allow", Principal: { AWS: session }, Action: "lambda:InvokeFunction" })),
    );
    expect(waysOf(invokers, session)).toEqual([expect.objectContaining({ via: "resource-policy", decision: "allowed" })]);
    expect(rules).toEqual(["cross-account-invoke"]);
  });

  it(on(XACCT, "an identity policy of the account cannot let another account in: with no grant, no one outside gets in"), () => {
    // XACCT: "To allow cross-account access, you attach a resource-based policy to the resource that you want to share."
    const { invokers, rules } = judge(() => undefined);
    expect(invokers.filter((i) => i.via === "resource-policy")).toEqual([]);
    expect(rules).toEqual([]);
  });

  it(on(XACCT_FN, "a grant on an alias lets the other account invoke that alias only, not the unqualified function"), () => {
    // XACCT_FN: "The alias limits which version the other account can invoke. It requires the other account to include
    // the alias in the function ARN."
    const root = OTHER_ACCOUNT; // listed by account id, as --principal takes it
    const { fn, invokers, rules } = judge((b, f) => {
      b.alias(f, "prod", "1");
      b.version(f, "1");
      b.permission(f, { sid: "xaccount", principal: OTHER_ACCOUNT, qualifier: "prod" });
    });
    expect(waysOf(invokers, root)).toEqual([expect.objectContaining({ qualifier: `${fn}:prod`, decision: "allowed" })]);
    expect(rules).toEqual(["cross-account-invoke"]);
  });

  it(on(RCPS, "an RCP does not shut another account out of a function: Lambda is not among the services RCPs apply to"), () => {
    // RCPS: "Use an RCP when you need to restrict IAM principals that are external to your organization accounts
    // making requests to access resources within your organization's member accounts." — but only for the services
    // under "List of AWS services that support RCPs", which does not name Lambda (as lib/analysis/organization.ts read
    // the list on 2026-09-26; RCP_SERVICES). A perimeter RCP on lambda:* therefore changes nothing here. Should AWS add
    // Lambda, this row and RCP_SERVICES change together.
    const { invokers, rules } = judge((b, fn) => {
      const perimeter = {
        id: "p-perimeter",
        name: "Perimeter",
        document: {
          Version: "2012-10-17",
          Statement: [{ Sid: "Perimeter", Effect: "Deny", Principal: "*", Action: "lambda:*", Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } } }],
        },
      };
      b.organization({ ous: [OU], enabled: ["RESOURCE_CONTROL_POLICY"], rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS], [ACCOUNT]: [RCP_FULL_AWS_ACCESS, perimeter] } });
      b.permission(fn, { sid: "xaccount", principal: OTHER_ACCOUNT });
    });
    expect(waysOf(invokers, OTHER_ACCOUNT).map((w) => w.decision)).toEqual(["allowed"]);
    expect(rules).toEqual(["cross-account-invoke"]);
  });

  it(on(SCPS, "the account's SCPs do not limit another account's principals: its grant stands"), () => {
    // SCPS: "SCPs affect only principals that are managed by accounts that are part of the organization."
    const { invokers, rules } = judge((b, fn) => {
      b.organization(scpsDenying(["lambda:InvokeFunction"]));
      b.permission(fn, { sid: "xaccount", principal: OTHER_ACCOUNT });
    });
    expect(waysOf(invokers, OTHER_ACCOUNT).map((w) => w.decision)).toEqual(["allowed"]);
    expect(rules).toEqual(["cross-account-invoke"]);
  });

  it(on(PRINCIPAL, "an account written as a bare id (\"AWS\": \"210987654321\") is that account, as its root ARN is"), () => {
    // PRINCIPAL, "AWS account principals": the page shows the account both as "arn:aws:iam::123456789012:root" and as
    // the bare "123456789012" (not re-read in this session: the sentence is not quoted, the two forms are).
    const { invokers, rules } = judge((b, fn) =>
      b.resourcePolicy(fn, policyOf(fn, { Sid: "bare", Effect: "Allow", Principal: { AWS: OTHER_ACCOUNT }, Action: "lambda:InvokeFunction" })),
    );
    expect(waysOf(invokers, OTHER_ACCOUNT)).toEqual([expect.objectContaining({ decision: "allowed" })]);
    expect(rules).toEqual(["cross-account-invoke"]);
  });

  it(on(ADD_PERMISSION, "a grant on a published version lets the other account invoke that version only"), () => {
    // ADD_PERMISSION: "If you use a qualifier, the invoker must use the full Amazon Resource Name (ARN) of that version or
    // alias to invoke the function."
    const { fn, invokers, rules } = judge((b, f) => {
      b.version(f, "1");
      b.permission(f, { sid: "xaccount", principal: OTHER_ACCOUNT, qualifier: "1" });
    });
    expect(waysOf(invokers, OTHER_ACCOUNT)).toEqual([expect.objectContaining({ qualifier: `${fn}:1`, decision: "allowed" })]);
    expect(rules).toEqual(["cross-account-invoke"]);
  });

  it(on(DELETED, "a deleted role's unique ID (AROA…) names no one: no cross-account finding"), () => {
    // DELETED: "The unique principal ID in a resource-based policy indicates that the IAM user or role was deleted. The
    // principal ID appears because AWS can't map it back to a valid ARN."
    const { invokers, rules } = judge((b, fn) =>
      b.resourcePolicy(fn, policyOf(fn, { Sid: "gone", Effect: "Allow", Principal: { AWS: "AROAKSCDLFT9R5DQP782U" }, Action: "lambda:InvokeFunction" })),
    );
    expect(invokers.map((i) => ({ principalType: i.principalType, decision: i.decision }))).toEqual([{ principalType: "deleted", decision: "implicitly-denied" }]);
    expect(rules).toEqual([]);
  });

  it(on(URLS, "a function URL with AuthType AWS_IAM granted to another account (both URL actions) is cross-account"), () => {
    // URLS: "If the principal making the request is in a different AWS account than the function URL, then the principal
    // must have both an identity-based policy that gives them lambda:InvokeFunctionUrl and lambda:InvokeFunction
    // permissions and permissions granted to them in a resource-based policy on the function" (archived English
    // wording; the zh_cn copy of the page, read in this session, says the same).
    const { invokers, rules } = judge((b, fn) => {
      b.url(fn, { authType: "AWS_IAM" });
      b.permission(fn, { sid: "url", principal: OTHER_ACCOUNT, action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" });
      b.permission(fn, { sid: "viaurl", principal: OTHER_ACCOUNT, action: "lambda:InvokeFunction", invokedViaUrl: true });
    });
    expect(waysOf(invokers, OTHER_ACCOUNT).map((w) => w.decision)).toEqual(["allowed", "allowed"]);
    expect(rules).toEqual(["cross-account-invoke"]);
  });

  it(on(URLS, "… with lambda:InvokeFunctionUrl alone, on a URL created after October 2025, the other account gets nowhere"), () => {
    // URLS: "Starting in October 2025, new function URLs will require both lambda:InvokeFunctionUrl and
    // lambda:InvokeFunction permissions." (The builder's URLs are created in 2026.)
    const { invokers, rules } = judge((b, fn) => {
      b.url(fn, { authType: "AWS_IAM" });
      b.permission(fn, { sid: "url", principal: OTHER_ACCOUNT, action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" });
    });
    expect(waysOf(invokers, OTHER_ACCOUNT).map((w) => w.decision)).toEqual(["implicitly-denied"]);
    expect(rules).toEqual([]);
  });
});

describe("who can invoke a function: the public", () => {
  it(on(PRINCIPAL, "Principal * with no condition lets anyone invoke"), () => {
    // ADD_PERMISSION: "If you grant permission to a service principal without specifying the source, other accounts
    // could potentially configure resources in their account to invoke your Lambda function" — and "*" names every
    // caller, services and accounts alike: PRINCIPAL, "For anonymous users, the following elements are equivalent"
    // ("Principal": "*" and {"AWS": "*"}), quoted as evaluation-logic-audit.test.ts quotes it.
    const { invokers, rules } = judge((b, fn) => b.permission(fn, { sid: "open", principal: "*" }));
    expect(waysOf(invokers, "*")).toEqual([expect.objectContaining({ public: true, decision: "allowed" })]);
    expect(rules).toEqual(["public-invoke"]);
  });

  it(on(XACCT_FN, "Principal * narrowed by aws:PrincipalOrgID is the organization's accounts, not the public"), () => {
    // XACCT_FN (organizations): "To grant permission to an organization defined in AWS Organizations, specify the
    // organization ID as the PrincipalOrgID." (ADD_PERMISSION, same words.)
    const { invokers, rules } = judge((b, fn) => b.permission(fn, { sid: "org", principal: "*", orgId: "o-a1b2c3d4e5" }));
    expect(waysOf(invokers, "*").map((w) => w.public)).toEqual([false]);
    expect(rules).not.toContain("public-invoke");
  });

  it(on(KEYS, "AWS \"*\" narrowed by aws:PrincipalAccount to this account is not public and not cross-account"), () => {
    // KEYS, aws:PrincipalAccount: "Use this key to compare the account to which the requesting principal belongs with
    // the account identifier that you specify in the policy." Only this account's principals match.
    const { rules } = judge((b, fn) =>
      b.resourcePolicy(fn, policyOf(fn, { Sid: "mine", Effect: "Allow", Principal: { AWS: "*" }, Action: "lambda:InvokeFunction", Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } })),
    );
    expect(rules).toEqual([]);
  });

  it(on(KEYS, "AWS \"*\" narrowed by aws:PrincipalAccount to another account is that account's way in (cross-account), not public"), () => {
    // KEYS, as above: the key pins the caller's account.
    const { rules } = judge((b, fn) =>
      b.resourcePolicy(fn, policyOf(fn, { Sid: "theirs", Effect: "Allow", Principal: { AWS: "*" }, Action: "lambda:InvokeFunction", Condition: { StringEquals: { "aws:PrincipalAccount": OTHER_ACCOUNT } } })),
    );
    expect(rules).toEqual(["cross-account-invoke"]);
  });

  it(on(DENYALLOW, "an explicit Deny to * in the function policy takes the public grant away"), () => {
    // DENYALLOW: "An explicit deny overrides an explicit allow."
    const { invokers, rules } = judge((b, fn) =>
      b.resourcePolicy(fn, policyOf(fn, { Sid: "open", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction" }, { Sid: "shut", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction" })),
    );
    expect(waysOf(invokers, "*").map((w) => w.decision)).toEqual(["explicitly-denied"]);
    expect(rules).toEqual([]);
  });

  it(on(KEYS, "Principal * with aws:SourceAccount of this account is not public: a direct call carries no source keys"), () => {
    // KEYS: "the aws:SourceAccount condition key is only available when the call to your resource is made directly by an
    // AWS service principal." Only services acting for this account's resources get in.
    const { invokers, rules } = judge((b, fn) => b.permission(fn, { sid: "sa", principal: "*", sourceAccount: ACCOUNT }));
    expect(waysOf(invokers, "*").map((w) => w.public)).toEqual([false]);
    expect(rules).toEqual([]);
  });

  it(on(KEYS, "Principal * unless aws:PrincipalAccount is one other account: everyone else invokes, for certain (was \"may\")"), () => {
    // KEYS, Availability of aws:PrincipalAccount (as of aws:PrincipalArn, next row): "This key is included in the request
    // context for all signed requests." Every caller from any account but 210987654321 carries a value StringNotEquals
    // lets through: the way in is anyone's, allowed. (Wording read in a verbatim copy of the page, not the page.)
    const { invokers, rules } = judge((b, fn) =>
      b.resourcePolicy(fn, policyOf(fn, { Sid: "notb", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Condition: { StringNotEquals: { "aws:PrincipalAccount": OTHER_ACCOUNT } } })),
    );
    expect(waysOf(invokers, "*")).toEqual([expect.objectContaining({ public: true, decision: "allowed" })]);
    expect(rules).toEqual(["public-invoke"]);
  });

  it(on(KEYS, "Principal * unless aws:PrincipalArn is one role name: every other caller invokes, for certain (was \"may\")"), () => {
    // KEYS, aws:PrincipalArn: "Availability – This key is included in the request context for all signed requests.
    // Anonymous requests do not include this key." A caller of any account, under any name but role/blocked, passes
    // ArnNotLike: anyone can invoke, not "may". (Wording read in a verbatim copy of the page, not the page.)
    const { invokers, rules } = judge((b, fn) =>
      b.resourcePolicy(fn, policyOf(fn, { Sid: "notblocked", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/blocked" } } })),
    );
    expect(waysOf(invokers, "*")).toEqual([expect.objectContaining({ public: true, decision: "allowed" })]);
    expect(rules).toEqual(["public-invoke"]);
  });

  it(on(SCPS, "the account's SCPs do not make a public grant private: callers of other accounts are under none of them"), () => {
    // SCPS: "SCPs affect only principals that are managed by accounts that are part of the organization."
    const { invokers, rules } = judge((b, fn) => {
      b.organization(scpsDenying(["lambda:InvokeFunction"]));
      b.permission(fn, { sid: "open", principal: "*" });
    });
    expect(waysOf(invokers, "*")).toEqual([expect.objectContaining({ public: true, decision: "allowed" })]);
    expect(rules).toEqual(["public-invoke"]);
  });
});

describe("who can invoke a function: AWS services", () => {
  it(on(ADD_PERMISSION, "a service principal without a source: other accounts can point their resources at the function"), () => {
    // ADD_PERMISSION: "If you grant permission to a service principal without specifying the source, other accounts could
    // potentially configure resources in their account to invoke your Lambda function."
    const { invokers, rules } = judge((b, fn) => b.permission(fn, { sid: "sns", principal: "sns.amazonaws.com" }));
    expect(waysOf(invokers, "sns.amazonaws.com")).toEqual([expect.objectContaining({ decision: "allowed" })]);
    expect(rules).toEqual(["confused-deputy"]);
  });

  it(on(SERVICES, "a service principal with SourceArn (an SNS topic of the account) is that topic only"), () => {
    // SERVICES: "To ensure that your function is only invoked by a specific resource, specify the Amazon Resource Name
    // (ARN) of the resource with the source-arn option."
    const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:orders`;
    const { invokers, rules } = judge((b, fn) => b.permission(fn, { sid: "sns", principal: "sns.amazonaws.com", sourceArn: topic }));
    expect(invokers.find((i) => i.principal === "sns.amazonaws.com")).toMatchObject({ sourceArn: topic, decision: "allowed" });
    expect(rules).toEqual([]);
  });

  it(on(ADD_PERMISSION, "S3 with a bucket ARN but no SourceAccount: a bucket ARN names no account, so the grant is not pinned to one"), () => {
    // ADD_PERMISSION, SourceAccount: "Use this together with SourceArn to ensure that the specified account owns the
    // resource. It is possible for an Amazon S3 bucket to be deleted by its owner and recreated by another account."
    const { rules } = judge((b, fn) => b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads" }));
    expect(rules).toEqual(["confused-deputy"]);
  });

  it(on(SERVICES, "S3 with SourceArn and SourceAccount of this account: pinned, no finding"), () => {
    // SERVICES (lambda-allow-s3-my-function): the S3 statement with "AWS:SourceAccount" and "AWS:SourceArn".
    const { rules } = judge((b, fn) => b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads", sourceAccount: ACCOUNT }));
    expect(rules).toEqual([]);
  });

  it(on(GRANTING, "a service invokes on the resource policy alone: the account's SCP does not refuse it"), () => {
    // GRANTING: "When an AWS service such as Amazon Simple Storage Service (Amazon S3) calls your Lambda function, Lambda
    // considers only the resource-based policy." (SCPs limit the account's IAM users and roles, not service principals:
    // orgs_manage_policies_scps.html, "SCPs don't affect … service principals".)
    const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:orders`;
    const { invokers } = judge((b, fn) => {
      b.organization(scpsDenying(["lambda:InvokeFunction"]));
      b.permission(fn, { sid: "sns", principal: "sns.amazonaws.com", sourceArn: topic });
    });
    expect(invokers.find((i) => i.principal === "sns.amazonaws.com")?.decision).toBe("allowed");
  });

  it(on(ADD_PERMISSION, "a service principal with SourceAccount alone is that account's resources: no finding"), () => {
    // ADD_PERMISSION, SourceAccount: "For AWS service, the ID of the AWS account that owns the resource."
    const { rules } = judge((b, fn) => b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com", sourceAccount: ACCOUNT }));
    expect(rules).toEqual([]);
  });

  it(on(SERVICES, "a service principal whose SourceArn is another account's topic is that account's way in: cross-account"), () => {
    // SERVICES (source-arn, above): the grant is that resource's, and the topic's ARN names its owner, 210987654321.
    const topic = `arn:aws:sns:${REGION}:${OTHER_ACCOUNT}:orders`;
    const { invokers, rules } = judge((b, fn) => b.permission(fn, { sid: "sns", principal: "sns.amazonaws.com", sourceArn: topic }));
    expect(invokers.find((i) => i.principal === "sns.amazonaws.com")).toMatchObject({ sourceArn: topic, decision: "allowed" });
    expect(rules).toEqual(["cross-account-invoke"]);
  });
});

describe("who can invoke a function: function URLs", () => {
  /** The two statements the console writes for a URL of `authType` (NONE unless said), on the unqualified function. */
  const urlGrantsOnly = (b: B, fn: string, authType: "NONE" | "AWS_IAM" = "NONE") => {
    b.permission(fn, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: authType });
    b.permission(fn, { sid: "viaurl", principal: "*", action: "lambda:InvokeFunction", invokedViaUrl: true });
  };
  const urlGrant = (authType: "NONE" | "AWS_IAM") => (b: B, fn: string) => {
    b.url(fn, { authType });
    urlGrantsOnly(b, fn, authType);
  };

  it(on(URLS, "AuthType NONE with Principal * InvokeFunctionUrl (auth type NONE): anyone on the internet invokes the URL"), () => {
    // URLS: "NONE – Lambda doesn't perform any authentication before invoking your function. However, your function's
    // resource-based policy is always in effect and must grant public access before your function URL can receive requests."
    const { rules } = judge(urlGrant("NONE"));
    expect(rules).toEqual(["function-url-public"]);
  });

  it(on(URLS, "InvokeFunction gated on lambda:InvokedViaFunctionUrl is the URL's, not a direct public invoke"), () => {
    // URLS: new function URLs need "both lambda:InvokeFunctionUrl and lambda:InvokeFunction permissions"; the
    // InvokeFunction statement AddPermission writes for them carries lambda:InvokedViaFunctionUrl, so it lets no direct call in.
    const { rules } = judge(urlGrant("NONE"));
    expect(rules).not.toContain("public-invoke");
  });

  it(on(URLS, "AuthType AWS_IAM with Principal * lets every AWS account's principals call the URL: cross-account, not public"), () => {
    // URLS: AWS_IAM "Choose this option if you want only authenticated users and roles to invoke your function"; a
    // caller of another account needs "permissions granted to them in a resource-based policy", which "*" is.
    const { rules } = judge(urlGrant("AWS_IAM"));
    expect(rules).toEqual(["cross-account-invoke"]);
  });

  it(on(URLS, "AuthType NONE with lambda:InvokeFunctionUrl alone (URL created after October 2025): no one gets in yet"), () => {
    // URLS: "Starting in October 2025, new function URLs will require both lambda:InvokeFunctionUrl and
    // lambda:InvokeFunction permissions." function-url-public still reports the open URL, as info.
    const { invokers, rules } = judge((b, fn) => {
      b.url(fn, { authType: "NONE" });
      b.permission(fn, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
    });
    expect(invokers.filter((i) => i.via === "function-url").map((i) => i.decision)).toEqual(["implicitly-denied"]);
    expect(rules).toEqual(["function-url-public"]);
  });

  it(on(RESOURCE_BASED, "a URL on an alias is not opened by grants on the unqualified function: each has its own policy"), () => {
    // RESOURCE_BASED: "Resource-based policies apply to a single function, version, alias, or layer version."
    const { invokers } = judge((b, fn) => {
      b.version(fn, "1");
      b.alias(fn, "live", "1");
      b.url(`${fn}:live`, { authType: "NONE" });
      urlGrantsOnly(b, fn);
    });
    expect(invokers.filter((i) => i.via === "function-url").map((i) => [i.qualifier?.endsWith(":live"), i.decision])).toEqual([[true, "implicitly-denied"]]);
  });
});
