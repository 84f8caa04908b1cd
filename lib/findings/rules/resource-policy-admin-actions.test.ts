import { describe, expect, it, vi } from "vitest";
import { builder, findingsOf, OTHER_ACCOUNT, outcome, REGION, testRuleCases, type RuleCase } from "../test-support";
import { resourcePolicyAdminActions } from "./resource-policy-admin-actions";

const probed = vi.hoisted(() => ({ documents: 0 }));
vi.mock("../role-probes", async (original) => {
  const real = await original<typeof import("../role-probes")>();
  return { ...real, allowsAction: (...args: Parameters<typeof real.allowsAction>) => (probed.documents++, real.allowsAction(...args)) };
});

const CANONICAL = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
const COGNITO = "cognito-identity.amazonaws.com";

/** A PutResourcePolicy document with one Allow to `principal` (Lambda's AddPermission cannot write these). */
function grantTo(principal: Record<string, string>, action: string) {
  const { b, fn } = setup();
  b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: "odd", Effect: "Allow", Principal: principal, Action: action, Resource: fn }] });
  return b;
}

function setup() {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "app" }) });
  return { b, fn };
}

/** `inDetail`: every action the title leaves out is in the detail. */
const cases: RuleCase[] = [
  {
    name: "lambda:* to another account: critical",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "all", principal: OTHER_ACCOUNT, action: "lambda:*" });
      return b;
    },
    titles: [`Function policy lets account ${OTHER_ACCOUNT} call lambda:UpdateFunctionCode, DeleteFunction and 11 more on this function`],
    // The leading writes first, then the secret reads, the metadata reads: those Lambda documents across accounts
    // (lambda-permissions.md §3.6); the rest follow as "possibly".
    inDetail: [
      "lambda:UpdateFunctionCode, DeleteFunction, PublishVersion, CreateAlias, UpdateAlias, DeleteAlias, " +
        "PutFunctionConcurrency, DeleteFunctionConcurrency, TagResource, UntagResource, ",
    ],
    severities: ["critical"],
  },
  {
    name: "* confined to the account's own principals (aws:PrincipalAccount) is not outside the account",
    build: () => {
      const { b, fn } = setup();
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "ours", Effect: "Allow", Principal: "*", Action: "lambda:*", Resource: fn, Condition: { StringEquals: { "aws:PrincipalAccount": b.account } } }],
      });
      return b;
    },
    titles: [],
  },
  {
    name: "* confined to the account's roles by aws:PrincipalArn is not outside the account",
    build: () => {
      const { b, fn } = setup();
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "ourroles", Effect: "Allow", Principal: "*", Action: "lambda:*", Resource: fn, Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${b.account}:role/*` } } }],
      });
      return b;
    },
    titles: [],
  },
  {
    name: "* confined to the function's own account by ${aws:ResourceAccount} is not outside the account",
    build: () => {
      const { b, fn } = setup();
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          { Sid: "perimeter", Effect: "Allow", Principal: "*", Action: "lambda:*", Resource: fn, Condition: { StringEquals: { "aws:PrincipalAccount": "${aws:ResourceAccount}" } } },
          { Sid: "ourroles", Effect: "Allow", Principal: "*", Action: "lambda:GetFunction", Resource: fn, Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::${aws:ResourceAccount}:role/*" } } },
        ],
      });
      return b;
    },
    titles: [],
  },
  {
    name: "* confined to another account's principals is named by that account",
    build: () => {
      const { b, fn } = setup();
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "theirs", Effect: "Allow", Principal: "*", Action: "lambda:GetFunction", Resource: fn, Condition: { StringEquals: { "aws:PrincipalAccount": OTHER_ACCOUNT } } }],
      });
      return b;
    },
    titles: [`Function policy lets principals of account ${OTHER_ACCOUNT} call lambda:GetFunction on this function`],
    severities: ["critical"],
  },
  {
    // Clauses hold together: PrincipalAccount lists two accounts, PrincipalArn keeps one of them.
    name: "* confined by two account clauses is named by the accounts both allow",
    build: () => {
      const { b, fn } = setup();
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "theirs",
            Effect: "Allow",
            Principal: "*",
            Action: "lambda:GetFunction",
            Resource: fn,
            Condition: {
              StringEquals: { "aws:PrincipalAccount": [OTHER_ACCOUNT, "333333333333"] },
              ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${OTHER_ACCOUNT}:role/*` },
            },
          },
        ],
      });
      return b;
    },
    titles: [`Function policy lets principals of account ${OTHER_ACCOUNT} call lambda:GetFunction on this function`],
  },
  {
    // The own account among those the condition lists does not confine the others: the outside one is named.
    name: "* confined to the account itself or another account is outside the account, for the other",
    build: () => {
      const { b, fn } = setup();
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "both", Effect: "Allow", Principal: "*", Action: "lambda:GetFunction", Resource: fn, Condition: { StringEquals: { "aws:PrincipalAccount": [b.account, OTHER_ACCOUNT] } } }],
      });
      return b;
    },
    titles: [`Function policy lets principals of account 123456789012 or ${OTHER_ACCOUNT} call lambda:GetFunction on this function`],
  },
  {
    // One action granted outright is enough for "can": only when every action hangs on a condition is it "possibly".
    name: "one write granted outright, another under a condition the snapshot cannot judge: critical, not possibly",
    build: () => {
      const { b, fn } = setup();
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          { Sid: "code", Effect: "Allow", Principal: { AWS: OTHER_ACCOUNT }, Action: "lambda:UpdateFunctionCode", Resource: fn },
          { Sid: "conf", Effect: "Allow", Principal: { AWS: OTHER_ACCOUNT }, Action: "lambda:UpdateFunctionConfiguration", Resource: fn, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } },
        ],
      });
      return b;
    },
    titles: [`Function policy lets account ${OTHER_ACCOUNT} call lambda:UpdateFunctionCode on this function`],
    severities: ["critical"],
    inDetail: ["The policy also grants lambda:UpdateFunctionConfiguration, possibly"],
  },
  {
    name: "aws:SourceAccount under IfExists confines nothing: a direct call carries no source account",
    build: () => {
      const { b, fn } = setup();
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "weak", Effect: "Allow", Principal: "*", Action: "lambda:*", Resource: fn, Condition: { StringEqualsIfExists: { "aws:SourceAccount": b.account } } }],
      });
      return b;
    },
    titles: ["Function policy lets anyone call lambda:UpdateFunctionCode, DeleteFunction, PublishVersion and 10 more on this function"],
  },
  {
    name: "a single admin action to the public",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "conc", principal: "*", action: "lambda:PutFunctionConcurrency" });
      return b;
    },
    titles: ["Function policy lets anyone call lambda:PutFunctionConcurrency on this function"],
  },
  {
    name: "a wildcard principal narrowed to an organization is named as such, not as anyone",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "org", principal: "*", action: "lambda:UpdateFunctionCode", orgId: "o-abc123def4" });
      return b;
    },
    titles: ["Function policy lets principals of organization o-abc123def4 call lambda:UpdateFunctionCode on this function"],
  },
  {
    name: "GetFunction hands out the code and environment values: critical, like a write",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "read", principal: OTHER_ACCOUNT, action: "lambda:GetFunction" });
      return b;
    },
    titles: [`Function policy lets account ${OTHER_ACCOUNT} call lambda:GetFunction on this function`],
    severities: ["critical"],
  },
  {
    name: "metadata reads only (the policy, alias names): medium",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "meta", principal: OTHER_ACCOUNT, action: "lambda:GetPolicy" });
      return b;
    },
    titles: [`Function policy lets account ${OTHER_ACCOUNT} call lambda:GetPolicy on this function`],
    severities: ["medium"],
  },
  {
    name: "invoke only: nothing",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "inv", principal: OTHER_ACCOUNT });
      return b;
    },
    titles: [],
  },
  {
    name: "the account itself may hold admin actions",
    build: () => {
      const { b, fn } = setup();
      b.permission(fn, { sid: "self", principal: b.account, action: "lambda:*" });
      return b;
    },
    titles: [],
  },
  {
    name: "NotAction Allow to another account grants everything but the listed",
    build: () => {
      const { b, fn } = setup();
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "na", Effect: "Allow", Principal: { AWS: OTHER_ACCOUNT }, NotAction: "lambda:DeleteFunction", Resource: fn }],
      });
      return b;
    },
    titles: [`Function policy lets account ${OTHER_ACCOUNT} call lambda:UpdateFunctionCode, PublishVersion and 10 more on this function`],
    inDetail: ["lambda:UpdateFunctionCode, PublishVersion, CreateAlias,"],
  },
];

const unplaced: RuleCase[] = [
  {
    name: "AddPermission to a Federated principal: reported, as possible (Lambda may not honour it)",
    build: () => grantTo({ Federated: COGNITO }, "lambda:AddPermission"),
    titles: [`Function policy lets federated principal ${COGNITO} possibly call lambda:AddPermission on this function`],
    severities: ["high"],
  },
  {
    name: "UpdateFunctionCode to a CanonicalUser principal: reported, as possible",
    build: () => grantTo({ CanonicalUser: CANONICAL }, "lambda:UpdateFunctionCode"),
    titles: [`Function policy lets canonical user ${CANONICAL} possibly call lambda:UpdateFunctionCode on this function`],
    severities: ["high"],
  },
  {
    name: "a Federated principal of the account's own SAML provider is not the account itself",
    build: () => grantTo({ Federated: "arn:aws:iam::123456789012:saml-provider/corp" }, "lambda:UpdateFunctionConfiguration"),
    titles: ["Function policy lets federated principal arn:aws:iam::123456789012:saml-provider/corp possibly call lambda:UpdateFunctionConfiguration on this function"],
  },
  {
    // findings.md: anything beyond invocation. UpdateFunctionUrlConfig can turn a URL's AuthType to NONE; Lambda does
    // not document it across accounts (lambda-permissions.md §3.6): a "possibly", high.
    name: "a URL configuration write to another account: possibly, high",
    build: () => grantTo({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, "lambda:UpdateFunctionUrlConfig"),
    titles: [`Function policy lets account ${OTHER_ACCOUNT} possibly call lambda:UpdateFunctionUrlConfig on this function`],
    severities: ["high"],
  },
  {
    name: "event invoke destinations and provisioned concurrency to another account: possibly, high",
    build: () => grantTo({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, "lambda:Put*Config"),
    titles: [`Function policy lets account ${OTHER_ACCOUNT} possibly call lambda:PutFunctionCodeSigningConfig and 5 more on this function`],
    severities: ["high"],
  },
  {
    name: "reading the URL configuration only: metadata, medium",
    build: () => grantTo({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, "lambda:GetFunctionUrlConfig"),
    titles: [`Function policy lets account ${OTHER_ACCOUNT} possibly call lambda:GetFunctionUrlConfig on this function`],
    severities: ["medium"],
  },
];

describe("resource-policy-admin-actions", () => {
  testRuleCases(resourcePolicyAdminActions, [...cases, ...unplaced]);

  it("says who a Federated or CanonicalUser principal is cannot be resolved to an account", () => {
    for (const c of unplaced.slice(0, 2)) {
      const f = outcome(resourcePolicyAdminActions, c).findings[0];
      expect(f?.detail).toMatch(/cannot be resolved to an account/);
      expect(f?.detail).not.toMatch(/outside account/);
      expect(f?.evidence.map((e) => e.description).join(" ")).toMatch(/may not honour/);
    }
  });

  it("names the account's own identity provider as such, not as unresolvable", () => {
    const f = outcome(resourcePolicyAdminActions, unplaced[2]!).findings[0];
    expect(f?.detail).toMatch(/users of an identity provider of account 123456789012/);
    expect(f?.detail).not.toMatch(/cannot be resolved to an account/);
  });

  it("reports the principals one statement hands the same actions in one finding, naming the first and counting the rest", () => {
    const accounts = Array.from({ length: 300 }, (_, i) => String(100000000000 + i));
    const { b, fn } = setup();
    b.resourcePolicy(fn, {
      Version: "2012-10-17",
      Statement: [
        { Sid: "deployers", Effect: "Allow", Principal: { AWS: accounts.map((a) => `arn:aws:iam::${a}:root`) }, Action: "lambda:*", Resource: fn },
        { Sid: "reader", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "lambda:GetPolicy", Resource: fn },
      ],
    });
    const findings = findingsOf(resourcePolicyAdminActions, b);
    expect(findings.map((f) => [f.id, f.title])).toEqual([
      [
        `resource-policy-admin-actions:${fn}#arn:aws:iam::${accounts[0]}:root`,
        `Function policy lets account ${accounts[0]}, account ${accounts[1]} and 298 more call lambda:UpdateFunctionCode and 12 more on this function`,
      ],
      [`resource-policy-admin-actions:${fn}#arn:aws:iam::${OTHER_ACCOUNT}:root`, `Function policy lets account ${OTHER_ACCOUNT} call lambda:GetPolicy on this function`],
    ]);
    expect(findings[0]!.detail).toMatch(/^The resource policy on \S+ allows 300 principals \(account 100000000000, .* and \d+ more\) \(outside account /);
    // The principals are cut to fit; the actions are listed whole (every Lambda action on a function: ~60).
    expect(findings[0]!.detail.length).toBeLessThan(3000);
    expect(findings[0]!.evidence).toHaveLength(1);
  });

  it("reads a policy of hundreds of one-account statements for its probes once, not once per grant", () => {
    const accounts = Array.from({ length: 300 }, (_, i) => String(100000000000 + i));
    const { b, fn } = setup();
    b.resourcePolicy(fn, {
      Version: "2012-10-17",
      Statement: accounts.map((a, i) => ({ Sid: `a${i}`, Effect: "Allow", Principal: { AWS: `arn:aws:iam::${a}:root` }, Action: "lambda:InvokeFunction", Resource: fn })),
    });
    probed.documents = 0;
    expect(findingsOf(resourcePolicyAdminActions, b)).toEqual([]);
    expect(probed.documents).toBeLessThan(100);
  });
});

describe("resource-policy-admin-actions remediation", () => {
  it("never asks to remove a Deny statement", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "app" }) });
    b.resourcePolicy(fn, {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Agency", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "lambda:*", Resource: fn },
        {
          Sid: "ProtectCode",
          Effect: "Deny",
          Principal: "*",
          Action: "lambda:UpdateFunctionCode",
          Resource: fn,
          Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
        },
      ],
    });
    const [f] = findingsOf(resourcePolicyAdminActions, b);
    expect(f?.remediation).toContain("--statement-id Agency");
    // A conditional answer lists the undecided Deny among its statements: it protects, and stays.
    expect(f?.remediation).not.toContain("ProtectCode");
  });
});
