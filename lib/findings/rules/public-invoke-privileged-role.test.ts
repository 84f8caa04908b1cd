import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import type { RoleOptions } from "@/lib/snapshot/fixtures/builder";
import { builder, findingsOf, outcome, REGION, testRuleCases, urlCreatedAt, type RuleCase, type SnapshotPatch } from "../test-support";
import { publicInvokePrivilegedRole } from "./public-invoke-privileged-role";

type B = ReturnType<typeof builder>;

const MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" } };
const admin = (b: B): Omit<RoleOptions, "name"> => ({ managed: [b.attachAwsManaged("AdministratorAccess")] });
const escalates = (): Omit<RoleOptions, "name"> => ({ inline: { p: policy(allow("iam:PutRolePolicy", "*")) } });
const plain = (): Omit<RoleOptions, "name"> => ({ inline: { p: policy(allow("s3:GetObject", "arn:aws:s3:::b/*")) } });

/** Function `app` running as role `r`, with a way in. */
function fnWith(role: (b: B) => Omit<RoleOptions, "name">, wayIn: (b: B, fn: string) => void, capturedAt?: string): () => B {
  return () => {
    const b = builder(capturedAt ? { capturedAt } : {});
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role: b.role({ name: "r", ...role(b) }) });
    wayIn(b, fn);
    return b;
  };
}

const publicGrant = (b: B, fn: string) => b.permission(fn, { sid: "open", principal: "*" });
/** The two statements the console adds for a public URL (urls-auth.html). */
const publicUrl = (b: B, fn: string) => {
  b.url(fn, { authType: "NONE" });
  b.permission(fn, { sid: "FunctionURLAllowPublicAccess", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
  b.permission(fn, { sid: "FunctionURLInvokeAllowPublicAccess", principal: "*", invokedViaUrl: true });
};

const noCreationTime: SnapshotPatch = (s) => {
  for (const region of Object.values(s.regions ?? {})) for (const url of Object.values(region.GetFunctionUrlConfig ?? {})) delete url.CreationTime;
};

const cases: RuleCase[] = [
  {
    name: "public invoke + admin role",
    build: fnWith(admin, publicGrant),
    titles: ["Anyone can invoke this function, and its role has full admin access"],
    severities: ["critical"],
  },
  {
    name: "public URL (AuthType NONE, high) + a role that can make itself admin",
    build: fnWith(escalates, publicUrl),
    titles: ["Anyone can invoke this function, and its role can escalate to admin"],
    severities: ["critical"],
  },
  {
    name: "a URL the policy narrows (info) + admin: no way in for anyone",
    build: fnWith(admin, (b, fn) => {
      b.url(fn, { authType: "NONE" });
      const cond = { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } };
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: fn, Condition: { ...cond, StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } },
          { Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { ...cond, Bool: { "lambda:InvokedViaFunctionUrl": "true" } } },
        ],
      });
    }),
    titles: [],
  },
  { name: "public invoke + a plain role", build: fnWith(plain, publicGrant), titles: [] },
  {
    name: "admin role, invoked by one account only",
    build: fnWith(admin, (b, fn) => b.permission(fn, { sid: "partner", principal: "210987654321" })),
    titles: [],
  },
  {
    name: "a 'may' public grant: the compound says may (high)",
    build: fnWith(admin, (b, fn) =>
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        // Any account's bucket: whether a service calls for one of them is the unknown aws:SourceArn.
        Statement: [{ Sid: "anybucket", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } } }],
      }),
    ),
    titles: ["Anyone may invoke this function, and its role has full admin access"],
    severities: ["high"],
  },
  {
    name: "a URL public only if it predates October 2025 (a 'may' at high): may",
    build: fnWith(admin, (b, fn) => {
      b.url(fn, { authType: "NONE" });
      b.permission(fn, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
    }, "2026-03-01T00:00:00Z"),
    patch: noCreationTime,
    titles: ["Anyone may invoke this function, and its role has full admin access"],
    severities: ["high"],
  },
  {
    name: "a role that may be admin (under an unknown condition): may",
    build: fnWith(() => ({ inline: { p: policy(allow("*", "*", { condition: MFA })) } }), publicGrant),
    titles: ["Anyone can invoke this function, and its role may have full admin access"],
    severities: ["high"],
  },
  {
    name: "a role that may escalate: may",
    build: fnWith(() => ({ inline: { p: policy(allow("iam:CreateAccessKey", "*", { condition: MFA })) } }), publicGrant),
    titles: ["Anyone can invoke this function, and its role may escalate privileges"],
    severities: ["high"],
  },
  {
    name: "a nearly-admin role (certain, high on its own) is critical here",
    build: fnWith(() => ({ inline: { p: policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) } }), publicGrant),
    titles: ["Anyone can invoke this function, and its role allows nearly everything"],
    severities: ["critical"],
  },
  {
    name: "function policy unreadable (GetPolicy denied): no way in is known, so no compound",
    build: fnWith(admin, (b, fn) => {
      publicGrant(b, fn);
      b.error({ operation: "GetPolicy", target: fn, code: "AccessDeniedException", message: "not authorized to perform lambda:GetPolicy" });
    }),
    titles: [],
  },
  {
    name: "IAM unreadable: the role is unknown, so no compound",
    build: fnWith(admin, (b, fn) => {
      publicGrant(b, fn);
      b.error({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "denied" });
    }),
    patch: (s) => {
      delete s.iam;
    },
    titles: [],
  },
];

/**
 * `orders` runs as `role` (the function's own); version 3, published with `versionRole`, is what alias prod runs,
 * and prod's own policy lets anyone invoke it.
 */
function publicAlias(role: (b: B) => Omit<RoleOptions, "name">, versionRole: (b: B) => Omit<RoleOptions, "name">): B {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "current", ...role(b) }) });
  b.version(fn, "3", b.role({ name: "legacy", ...versionRole(b) }));
  b.alias(fn, "prod", "3");
  b.permission(fn, { sid: "open", principal: "*", qualifier: "prod" });
  return b;
}

describe("public-invoke-privileged-role", () => {
  testRuleCases(publicInvokePrivilegedRole, cases);

  it("cites the public grant, then the role's statement, and names both ingredient findings", () => {
    const [f] = outcome(publicInvokePrivilegedRole, cases[0]!).findings;
    const fn = "arn:aws:lambda:us-east-1:123456789012:function:app";
    expect(f?.id).toBe(`public-invoke-privileged-role:${fn}`);
    expect(f?.function).toBe(fn);
    expect(f?.evidence.map((e) => [e.kind, e.source?.sid ?? e.source?.policyName])).toEqual([
      ["resource-statement", "open"],
      ["identity-statement", "AdministratorAccess"],
    ]);
    expect(f?.detail).toContain(`public-invoke:${fn}#open`);
    expect(f?.detail).toContain("role-admin-access:arn:aws:iam::123456789012:role/r");
    // Close the way in first, then scope the role.
    const remediation = f?.remediation ?? "";
    expect(remediation.indexOf("aws lambda remove-permission")).toBeGreaterThanOrEqual(0);
    expect(remediation.indexOf("aws lambda remove-permission")).toBeLessThan(remediation.indexOf("aws iam detach-role-policy"));
  });

  it("a public URL leads the evidence with its configuration, then the role's statement", () => {
    const [f] = outcome(publicInvokePrivilegedRole, cases[1]!).findings;
    expect(f?.evidence[0]).toMatchObject({ kind: "function-url", highlight: ["AuthType", "NONE"] });
    expect(f?.evidence.at(-1)).toMatchObject({ kind: "identity-statement", source: { roleName: "r", policyName: "p" } });
    expect(f?.detail).toContain("function-url-public:");
    expect(f?.detail).toContain("role-privilege-escalation:");
    expect(f?.remediation).toMatch(/--auth-type AWS_IAM[\s\S]*Then scope the role/);
  });

  it("a public alias that runs as an admin role (its version's) fires on the alias, not on the function whose role is plain", () => {
    const findings = findingsOf(publicInvokePrivilegedRole, publicAlias(plain, admin));
    expect(findings.map((f) => [f.id, f.title])).toEqual([
      [
        "public-invoke-privileged-role:arn:aws:lambda:us-east-1:123456789012:function:orders:prod",
        "Anyone can invoke orders:prod, and its role has full admin access",
      ],
    ]);
    expect(findings[0]?.detail).toContain("role-admin-access:arn:aws:iam::123456789012:role/legacy");
  });

  it("a public alias that runs as a plain role: none, though the function's own role is admin", () => {
    expect(findingsOf(publicInvokePrivilegedRole, publicAlias(admin, plain))).toEqual([]);
  });

  it("a public grant and a public URL on one function: one finding citing both ways in", () => {
    const b = fnWith(admin, (b, fn) => {
      publicGrant(b, fn);
      publicUrl(b, fn);
    })();
    const findings = findingsOf(publicInvokePrivilegedRole, b, urlCreatedAt("2026-01-10T10:00:00.000000Z"));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.detail).toContain("public-invoke:");
    expect(findings[0]?.detail).toContain("function-url-public:");
    // Both ways' fixes remove the grant to *: pasted twice, the second remove-permission would fail.
    const commands = findings[0]!.remediation.split("\n").filter((line) => line.startsWith("aws "));
    expect(commands.filter((c) => c.endsWith("--statement-id open"))).toHaveLength(1);
    expect(new Set(commands).size).toBe(commands.length);
  });
});
