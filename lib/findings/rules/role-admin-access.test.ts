import { describe, expect, it } from "vitest";
import { allow, deny, policy, RawDocument } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, outcome, REGION, remediationRoundTrip, testRuleCases, type RuleCase } from "../test-support";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { remediationParts } from "@/lib/view/remediation-parts";
import { shellWords } from "../apply-remediation";
import { roleAdminAccess } from "./role-admin-access";
import type { RoleOptions } from "@/lib/snapshot/fixtures/builder";

type B = ReturnType<typeof builder>;

function roleCase(role: (b: B) => Omit<RoleOptions, "name">, fns = ["a"]) {
  const b = builder();
  const arn = b.role({ name: "r", ...role(b) });
  for (const name of fns) b.fn({ region: REGION, name, runtime: "nodejs22.x", role: arn });
  return b;
}

/** `orders` runs as role `current`; version 3, published with role `legacy` (admin), is routed to by `route`. */
function legacyVersion(route: "alias" | "none") {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "current" }) });
  b.version(fn, "3", b.role({ name: "legacy", managed: [b.attachAwsManaged("AdministratorAccess")] }));
  b.version(fn, "4");
  b.alias(fn, "prod", route === "alias" ? "3" : "4");
  return b;
}

const cases: RuleCase[] = [
  {
    name: "AdministratorAccess attached",
    build: () => roleCase((b) => ({ managed: [b.attachAwsManaged("AdministratorAccess")] }), ["a", "b"]),
    titles: ["Role r has full admin access (* on *)"],
    severities: ["critical"],
  },
  {
    name: "Allow NotAction with a harmless exclusion is admin too",
    build: () =>
      roleCase(() => ({ inline: { p: policy({ Effect: "Allow", NotAction: "s3:GetObjectTorrent", Resource: "*" }) } })),
    titles: ["Role r has full admin access (* on *)"],
  },
  {
    name: "Allow * with NotResource",
    build: () => roleCase(() => ({ inline: { p: policy({ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::private/*" }) } })),
    titles: ["Role r has full admin access (* on *)"],
  },
  {
    // Every ARN, but not the literal `*` that actions without resource-level permissions are asked on: nearly admin.
    name: "Allow * on arn:* (every ARN) is nearly admin (high): only actions without a resource type are out of reach",
    build: () => roleCase(() => ({ inline: { p: policy(allow("*", "arn:*")) } })),
    titles: ["Role r allows nearly everything (of 12 admin probes, refused: organizations:LeaveOrganization)"],
    severities: ["high"],
  },
  {
    name: "Allow * on arn:aws:*:*:*:* likewise",
    build: () => roleCase(() => ({ inline: { p: policy(allow("*", "arn:aws:*:*:*:*")) } })),
    titles: ["Role r allows nearly everything (of 12 admin probes, refused: organizations:LeaveOrganization)"],
  },
  {
    // Two probes out at worst: nearly everything whatever the condition says (it can only refuse s3:DeleteBucket).
    name: "Allow * with a Deny of one probe and a conditional Deny of another is nearly admin (high)",
    build: () =>
      roleCase(() => ({
        inline: { p: policy(allow("*", "*"), deny("iam:CreateUser", "*"), deny("s3:DeleteBucket", "*", { condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })) },
      })),
    titles: ["Role r allows nearly everything (of 12 admin probes, refused: iam:CreateUser; conditional: s3:DeleteBucket)"],
    severities: ["high"],
  },
  {
    name: "Allow NotAction iam:* is nearly admin (high)",
    build: () => roleCase(() => ({ inline: { p: policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) } })),
    titles: ["Role r allows nearly everything (of 12 admin probes, refused: iam:CreateUser, iam:AttachRolePolicy)"],
    severities: ["high"],
  },
  {
    // The real PowerUserAccess: NotAction iam:*, organizations:*, account:* and a few reads of those. Three probes of
    // two services out, as NotAction iam:* puts two probes of one out.
    name: "AWS's PowerUserAccess is nearly admin (high)",
    build: () => roleCase((b) => ({ managed: [b.attachAwsManaged("PowerUserAccess")] })),
    titles: ["Role r allows nearly everything (of 12 admin probes, refused: iam:CreateUser, iam:AttachRolePolicy, organizations:LeaveOrganization)"],
    severities: ["high"],
  },
  {
    name: "Allow * but on three services: not admin",
    build: () => roleCase(() => ({ inline: { p: policy({ Effect: "Allow", NotAction: ["iam:*", "s3:*", "sts:*"], Resource: "*" }) } })),
    titles: [],
  },
  {
    name: "a boundary limits * to logs: not admin",
    build: () =>
      roleCase((b) => ({
        managed: [b.attachAwsManaged("AdministratorAccess")],
        boundary: b.managedPolicy({ name: "logs-only", document: policy(allow("logs:*", "*")) }),
      })),
    titles: [],
  },
  {
    name: "admin under an unknown condition: may",
    build: () =>
      roleCase(() => ({ inline: { p: policy(allow("*", "*", { condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })) } })),
    titles: ["Role r may have full admin access (depends on aws:MultiFactorAuthPresent)"],
    severities: ["high"],
  },
  {
    // The role's own tags are in its requests; "1e0" is a number in no form AWS documents.
    name: "admin under a condition on a value AWS may read otherwise: may, naming the value",
    build: () =>
      roleCase(() => ({ tags: { tier: "5" }, inline: { p: policy(allow("*", "*", { condition: { NumericLessThan: { "aws:PrincipalTag/tier": "1e3" } } })) } })),
    titles: ['Role r may have full admin access (depends on how AWS reads aws:PrincipalTag/tier "1e3")'],
    severities: ["high"],
  },
  {
    name: "explicit denies on most services: not admin",
    build: () => roleCase(() => ({ inline: { p: policy(allow("*", "*"), deny(["iam:*", "s3:*", "ec2:*"], "*")) } })),
    titles: [],
  },
  {
    name: "an unreadable inline policy is no evidence of admin (reported as a snapshot problem instead)",
    build: () => roleCase(() => ({ inline: { broken: new RawDocument('{"Version":"2012-10-17","Statement":[') } })),
    titles: [],
  },
  { name: "basic execution role", build: () => roleCase((b) => ({ managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")] })), titles: [] },
  {
    // A version keeps the role it was published with, and an alias runs its version's (lambda-permissions.md §1):
    // prod's code holds the legacy role's rights whatever the function's current role.
    name: "an alias routes to a version published with an admin role: reported for that role",
    build: () => legacyVersion("alias"),
    titles: ["Role legacy has full admin access (* on *)"],
    severities: ["critical"],
  },
  {
    name: "an old version published with an admin role that nothing routes to: not reported",
    build: () => legacyVersion("none"),
    titles: [],
  },
];

describe("role-admin-access", () => {
  testRuleCases(roleAdminAccess, cases);

  it("badges every function of the role and cites the allowing statement", () => {
    const f = outcome(roleAdminAccess, cases[0]!).findings[0]!;
    expect(f.functions).toHaveLength(2);
    expect(f.function).toBeUndefined();
    expect(f.evidence[0]).toMatchObject({ kind: "identity-statement", source: { policyName: "AdministratorAccess", roleName: "r" } });
  });

  it("the fix names the policy that grants it: detach that managed policy, or rewrite that inline one", () => {
    expect(outcome(roleAdminAccess, cases[0]!).findings[0]!.remediation).toContain(
      "aws iam detach-role-policy --role-name r --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
    );
    const inline = outcome(roleAdminAccess, cases[1]!).findings[0]!.remediation;
    expect(inline).toContain("aws iam put-role-policy --role-name r --policy-name p ");
    expect(inline).not.toContain("AdministratorAccess");
  });

  it("offers cutting an inline policy down to the logs as a command of its own, never behind a comment a crafted name can end", () => {
    // A shell ends a comment at the line break whatever its quotes: a policy name holding one would run what follows.
    // The reader sets such a name aside (lib/snapshot/salvage.test.ts); the fix keeps each command on a line of its own.
    const rename = (name: string) => (s: SnapshotInput) => {
      for (const role of s.iam?.GetAccountAuthorizationDetails?.RoleDetailList ?? []) for (const p of role.RolePolicyList ?? []) p.PolicyName = name;
    };
    const name = "admin+all=@team.x";
    const f = findingsOf(roleAdminAccess, cases[1]!.build(), rename(name))[0]!;
    const commands = remediationParts(f.remediation).filter((p) => p.kind === "command").map((p) => shellWords(p.text));
    expect(commands.map((words) => words.slice(0, 3).join(" "))).toEqual(["aws iam put-role-policy", "aws iam put-role-policy"]);
    for (const words of commands) expect(words[words.indexOf("--policy-name") + 1]).toBe(name);
  });

  it("an inline policy cut down to the functions' logs clears the finding and keeps their logs", () => {
    // Deleting the policy would take away the logs it granted too: the round trip would bring logs-permission-missing.
    const b = roleCase(() => ({ inline: { p: policy(allow("*", "*")) } }), ["a", "b"]);
    const { left, added, applied } = remediationRoundTrip(b.build());
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(applied["role-admin-access"]).toBe(1);
  });

  it("badges the function whose alias runs the role", () => {
    const f = findingsOf(roleAdminAccess, legacyVersion("alias"))[0]!;
    expect(f.role).toBe("arn:aws:iam::123456789012:role/legacy");
    expect(f.functions).toEqual(["arn:aws:lambda:us-east-1:123456789012:function:orders"]);
  });
});
