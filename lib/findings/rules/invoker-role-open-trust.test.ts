import { describe, expect, it } from "vitest";
import { policy } from "@/lib/snapshot/fixtures/policy-documents";
import type { DocumentInput } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, builder, findingsOf, OTHER_ACCOUNT, REGION, testRuleCases, type RuleCase } from "../test-support";
import { invokerRoleOpenTrust } from "./invoker-role-open-trust";
import { RULES } from "./registry";

const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const SUB = "token.actions.githubusercontent.com:sub";

const github = (condition?: Record<string, Record<string, string>>) => ({
  Sid: "GitHubDeploy",
  Effect: "Allow" as const,
  Principal: { Federated: GITHUB },
  Action: "sts:AssumeRoleWithWebIdentity",
  ...(condition ? { Condition: condition } : {}),
});
const anyone = (condition?: Record<string, Record<string, string>>) => ({
  Effect: "Allow" as const,
  Principal: "*" as const,
  Action: "sts:AssumeRole",
  ...(condition ? { Condition: condition } : {}),
});
const invoke = (Resource: string, Effect: "Allow" | "Deny" = "Allow") => ({ Effect, Action: "lambda:InvokeFunction", Resource });

/** Function `orders`, and a role `ci` with this trust whose own policy holds `statements` about invoking. */
function account(trust: DocumentInput, statements: (fn: string) => object[] = (fn) => [invoke(fn)]) {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "orders-role" }) });
  b.role({ name: "ci", trust, inline: { "invoke-orders": policy(...(statements(fn) as Parameters<typeof policy>)) } });
  return b;
}

const cases: RuleCase[] = [
  {
    name: "a role that invokes the function, trusted by GitHub Actions with no sub condition: critical",
    build: () => account(policy(github({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }))),
    titles: ["GitHub Actions of any repository can invoke this function through role ci"],
    severities: ["critical"],
  },
  {
    name: "the same role narrowed to one repository: fine",
    build: () => account(policy(github({ StringLike: { [SUB]: "repo:acme/app:*" } }))),
    titles: [],
  },
  {
    name: "an owner prefix wildcard admits other owners' repositories: still open",
    build: () => account(policy(github({ StringLike: { [SUB]: "repo:acme*" } }))),
    titles: ["GitHub Actions of any repository can invoke this function through role ci"],
  },
  {
    name: "anyone (Principal *, no condition) may assume the role: critical",
    build: () => account(policy(anyone())),
    titles: ["Any principal of any AWS account can invoke this function through role ci"],
    severities: ["critical"],
  },
  {
    name: "* narrowed to the organization: fine",
    build: () => account(policy(anyone({ StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }))),
    titles: [],
  },
  {
    name: "another account may assume it: not everyone (cross-account trust is the panel's to show)",
    build: () => account(policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "sts:AssumeRole" })),
    titles: [],
  },
  {
    name: "the role's own Deny on the function: it cannot invoke, so nothing to report",
    build: () => account(policy(github()), (fn) => [invoke("*"), invoke(fn, "Deny")]),
    titles: [],
  },
  {
    name: "a condition the snapshot cannot judge on the GitHub grant: high, 'may'",
    build: () => account(policy(github({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }))),
    titles: ["GitHub Actions of any repository may invoke this function through role ci"],
    severities: ["high"],
  },
  {
    name: "a grant on one alias names the alias",
    build: () => {
      const b = builder();
      const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "orders-role" }) });
      b.version(fn, "3");
      const live = b.alias(fn, "live", "3");
      b.role({ name: "ci", trust: policy(github()), inline: { "invoke-live": policy(invoke(live)) } });
      return b;
    },
    titles: ["GitHub Actions of any repository can invoke orders:live through role ci"],
  },
];

describe("invoker-role-open-trust", () => {
  testRuleCases(invokerRoleOpenTrust, cases);

  it("cites the trust statement and the grant that lets the role invoke, from its own policy or the function's", () => {
    const own = findingsOf(invokerRoleOpenTrust, account(policy(github())));
    expect(own[0]?.evidence.map((e) => [e.kind, e.source?.sid ?? e.source?.statementIndex])).toEqual([
      ["trust-statement", "GitHubDeploy"],
      ["identity-statement", 0],
    ]);
    expect(own[0]?.remediation).toContain(SUB);

    // A role of the account named by the function's resource policy is a caller too, with no invoke policy of its own.
    const b = builder();
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "orders-role" }) });
    const ci = b.role({ name: "ci", trust: policy(anyone()) });
    b.permission(fn, { sid: "CiInvoke", principal: ci });
    const named = findingsOf(invokerRoleOpenTrust, b);
    expect(named.map((f) => f.title)).toEqual(["Any principal of any AWS account can invoke this function through role ci"]);
    expect(named[0]?.evidence.map((e) => [e.kind, e.source?.sid ?? e.source?.statementIndex])).toEqual([
      ["trust-statement", 0],
      ["resource-statement", "CiInvoke"],
    ]);
    expect(named[0]?.detail).toContain("the function's resource policy (statement CiInvoke)");
  });

  it("cites the open trust statement, not the one before it", () => {
    const lambda = { Sid: "LambdaRuns", Effect: "Allow" as const, Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" };
    const [f, ...rest] = findingsOf(invokerRoleOpenTrust, account(policy(lambda, { Sid: "Anyone", ...anyone() })));
    expect(rest).toEqual([]);
    expect(f?.evidence[0]?.source).toMatchObject({ statementIndex: 1, sid: "Anyone" });
  });

  it("a trust open to * that a Deny the snapshot cannot judge may cancel: 'may', high, not silence", () => {
    const deny = { Effect: "Deny" as const, Principal: "*" as const, Action: "sts:AssumeRole", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } };
    const got = findingsOf(invokerRoleOpenTrust, account(policy(anyone(), deny)));
    expect(got.map((f) => `${f.severity} ${f.title}`)).toEqual(["high Any principal of any AWS account may invoke this function through role ci"]);
  });

  it("still judges the roles whose own policies invoke the function when its resource policy could not be read", () => {
    const b = account(policy(github()));
    b.error({ operation: "GetPolicy", target: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`, code: "AccessDeniedException", message: "denied" });
    // A Deny in the unread policy could refuse the role: "may", not "can".
    expect(findingsOf(invokerRoleOpenTrust, b).map((f) => `${f.severity} ${f.title}`)).toEqual(["high GitHub Actions of any repository may invoke this function through role ci"]);
    // So data-unavailable says the rule judged it on what it could read, not that it gave no verdict.
    const [gap] = findingsOf(RULES.find((r) => r.id === "data-unavailable")!, b);
    expect(gap?.detail).not.toMatch(/gave no verdict for it: [^.]*invoker-role-open-trust/);
    expect(gap?.detail).toMatch(/judged it on the readable documents only[^.]*invoker-role-open-trust/);
  });
});

describe("invoker-role-open-trust: a role granted invoke on every function", () => {
  it("is one finding for the role, badging every function it may invoke and none it is refused", () => {
    const b = builder();
    const orders = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "orders-role" }) });
    const ledger = b.fn({ region: REGION, name: "ledger", runtime: "nodejs22.x", role: b.role({ name: "ledger-role" }) });
    // ledger's policy refuses the admin role: not badged.
    b.resourcePolicy(ledger, {
      Version: "2012-10-17",
      Statement: [{ Sid: "NoAdmin", Effect: "Deny", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` }, Action: "lambda:*", Resource: ledger }],
    });
    b.role({ name: "admin", trust: policy(github()), inline: { all: policy({ Effect: "Allow", Action: "lambda:*", Resource: "*" }) } });
    const findings = findingsOf(invokerRoleOpenTrust, b);
    expect(findings.map((f) => [f.title, f.severity, f.role, f.functions])).toEqual([
      ["GitHub Actions of any repository can invoke every function through role admin", "critical", `arn:aws:iam::${ACCOUNT}:role/admin`, [orders]],
    ]);
    expect(findings[0]?.detail).toContain("(1 of the account's functions answered otherwise)");
    expect(findings[0]?.evidence.map((e) => e.kind)).toEqual(["trust-statement", "identity-statement"]);
  });

  it("says the regions of a grant on every function of some regions only", () => {
    const b = builder({ regions: [REGION, "eu-west-1"] });
    b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "orders-role" }) });
    const eu = b.fn({ region: "eu-west-1", name: "eu-orders", runtime: "nodejs22.x", role: b.role({ name: "eu-role" }) });
    b.role({ name: "scheduler", trust: policy(anyone()), inline: { eu: policy(invoke(`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:*`)) } });
    const findings = findingsOf(invokerRoleOpenTrust, b);
    expect(findings.map((f) => [f.title, f.functions])).toEqual([
      ["Any principal of any AWS account can invoke every function in eu-west-1 through role scheduler", [eu]],
    ]);
  });
});
