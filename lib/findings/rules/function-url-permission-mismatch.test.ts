import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, OTHER_ACCOUNT, outcome, REGION, testRuleCases, urlCreatedAt, type RuleCase } from "../test-support";
import { functionUrlPermissionMismatch } from "./function-url-permission-mismatch";

function setup(authType: "NONE" | "AWS_IAM" | undefined, capturedAt?: string) {
  const b = builder(capturedAt ? { capturedAt } : {});
  const role = b.role({ name: "app" });
  const fn = b.fn({ region: REGION, name: "web", runtime: "nodejs22.x", role });
  if (authType) b.url(fn, { authType });
  return { b, fn };
}

const urlOnly = (b: ReturnType<typeof builder>, fn: string, principal = "*", authType: "NONE" | "AWS_IAM" = "NONE") =>
  b.permission(fn, { sid: "url", principal, action: "lambda:InvokeFunctionUrl", urlAuthType: authType });

const cases: RuleCase[] = [
  {
    name: "URL created after October 2025 with InvokeFunctionUrl only: calls fail (medium)",
    build: () => {
      const { b, fn } = setup("NONE");
      urlOnly(b, fn);
      return b;
    },
    patch: urlCreatedAt("2026-02-01T00:00:00.000000Z"),
    titles: ["Function URL callers lack lambda:InvokeFunction"],
    severities: ["medium"],
  },
  {
    // CloudFront origin access control: the grant is asked for the distribution it names, as the invoker list asks it.
    name: "AWS_IAM URL: CloudFront granted InvokeFunctionUrl for its distribution only: it lacks InvokeFunction, not 'may lack'",
    build: () => {
      const { b, fn } = setup("AWS_IAM");
      b.permission(fn, { sid: "AllowCloudFrontServicePrincipal", principal: "cloudfront.amazonaws.com", action: "lambda:InvokeFunctionUrl", sourceArn: `arn:aws:cloudfront::${b.account}:distribution/E2QWRUHEXAMPLE` });
      return b;
    },
    patch: urlCreatedAt("2026-02-01T00:00:00.000000Z"),
    titles: ["Function URL callers lack lambda:InvokeFunction"],
    severities: ["medium"],
  },
  {
    name: "older URL during AWS's exception: low",
    build: () => {
      const { b, fn } = setup("NONE", "2026-06-01T00:00:00Z");
      urlOnly(b, fn);
      return b;
    },
    patch: urlCreatedAt("2025-03-01T00:00:00.000000Z"),
    titles: ["Function URL callers lack lambda:InvokeFunction"],
    severities: ["low"],
  },
  {
    name: "older URL after the exception ended (1 Nov 2026): medium",
    build: () => {
      const { b, fn } = setup("NONE", "2026-11-20T00:00:00Z");
      urlOnly(b, fn);
      return b;
    },
    patch: urlCreatedAt("2025-03-01T00:00:00.000000Z"),
    titles: ["Function URL callers lack lambda:InvokeFunction"],
    severities: ["medium"],
  },
  {
    // 22:00 in New York on 31 October is 1 November in UTC, when AWS's exception had ended.
    name: "older URL, captured on 1 Nov 2026 UTC though 31 Oct in the capture's own zone: medium",
    build: () => {
      const { b, fn } = setup("NONE", "2026-10-31T22:00:00-05:00");
      urlOnly(b, fn);
      return b;
    },
    patch: urlCreatedAt("2025-03-01T00:00:00.000000Z"),
    titles: ["Function URL callers lack lambda:InvokeFunction"],
    severities: ["medium"],
  },
  {
    name: "both statements present: nothing to report",
    build: () => {
      const { b, fn } = setup("NONE");
      urlOnly(b, fn);
      b.permission(fn, { sid: "invoke", principal: "*", invokedViaUrl: true });
      return b;
    },
    titles: [],
  },
  {
    name: "URL-gated InvokeFunction without InvokeFunctionUrl",
    build: () => {
      const { b, fn } = setup("NONE");
      b.permission(fn, { sid: "invoke", principal: "*", invokedViaUrl: true });
      return b;
    },
    titles: ["Function URL callers lack lambda:InvokeFunctionUrl"],
  },
  {
    name: "AWS_IAM URL: another account holds only InvokeFunctionUrl in the function policy",
    build: () => {
      const { b, fn } = setup("AWS_IAM");
      urlOnly(b, fn, OTHER_ACCOUNT, "AWS_IAM");
      return b;
    },
    titles: ["Function URL callers lack lambda:InvokeFunction"],
  },
  {
    name: "AWS_IAM URL: same-account role gets InvokeFunction from its identity policy",
    build: () => {
      const { b, fn } = setup("AWS_IAM");
      const caller = b.role({ name: "caller", inline: { inv: policy(allow("lambda:InvokeFunction", fn)) } });
      urlOnly(b, fn, caller, "AWS_IAM");
      return b;
    },
    titles: [],
  },
  {
    name: "AWS_IAM URL: same-account role without InvokeFunction anywhere",
    build: () => {
      const { b, fn } = setup("AWS_IAM");
      const caller = b.role({ name: "caller" });
      urlOnly(b, fn, caller, "AWS_IAM");
      return b;
    },
    titles: ["Function URL callers lack lambda:InvokeFunction"],
  },
  {
    name: "InvokeFunctionUrl granted on a function without a URL",
    build: () => {
      const { b, fn } = setup(undefined);
      urlOnly(b, fn);
      return b;
    },
    titles: ["lambda:InvokeFunctionUrl granted to * but this function has no function URL"],
    severities: ["medium"],
  },
  {
    // Each qualifier has its own policy: the alias's URL is not opened by a grant on the unqualified function.
    name: "InvokeFunctionUrl granted on the function while its URL is on an alias: the title says where the URL is",
    build: () => {
      const { b, fn } = setup(undefined);
      b.url(b.alias(fn, "live", "1"), { authType: "NONE" });
      urlOnly(b, fn);
      return b;
    },
    titles: ["lambda:InvokeFunctionUrl granted to * but this function has no function URL (the URL is on web:live)"],
    severities: ["medium"],
  },
  {
    name: "InvokeFunctionUrl granted on an alias while the URL is on the function itself",
    build: () => {
      const { b, fn } = setup("NONE");
      b.alias(fn, "live", "1");
      b.permission(fn, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE", qualifier: "live" });
      return b;
    },
    titles: ["lambda:InvokeFunctionUrl granted to * but web:live has no function URL (the URL is on the unqualified function)"],
    severities: ["medium"],
  },
  {
    name: "GetPolicy failed: no verdict",
    build: () => {
      const { b, fn } = setup("NONE");
      urlOnly(b, fn);
      b.error({ operation: "GetPolicy", target: fn, code: "AccessDeniedException", message: "denied" });
      return b;
    },
    titles: [],
  },
];

const COGNITO = "cognito-identity.amazonaws.com";
const CANONICAL = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

/** A PutResourcePolicy document granting InvokeFunctionUrl to `principal` (AddPermission cannot name one). */
function urlGrantTo(fn: string, principal: Record<string, string>) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "url",
        Effect: "Allow" as const,
        Principal: principal,
        Action: "lambda:InvokeFunctionUrl",
        Resource: fn,
        Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } },
      },
    ],
  };
}

const unplaced: RuleCase[] = [
  {
    name: "AWS_IAM URL: a Federated principal holds only InvokeFunctionUrl",
    build: () => {
      const { b, fn } = setup("AWS_IAM");
      b.resourcePolicy(fn, urlGrantTo(fn, { Federated: COGNITO }));
      return b;
    },
    titles: ["Function URL callers may lack lambda:InvokeFunction"],
  },
  {
    name: "InvokeFunctionUrl granted to a CanonicalUser on a function without a URL",
    build: () => {
      const { b, fn } = setup(undefined);
      b.resourcePolicy(fn, urlGrantTo(fn, { CanonicalUser: CANONICAL }));
      return b;
    },
    titles: [`lambda:InvokeFunctionUrl granted to canonical user ${CANONICAL} but this function has no function URL`],
    severities: ["low"],
  },
];

describe("function-url-permission-mismatch", () => {
  testRuleCases(functionUrlPermissionMismatch, [...cases, ...unplaced]);

  it("gives each caller's add-permission its own statement id (ids are unique in a policy)", () => {
    const { b, fn } = setup("AWS_IAM");
    for (const [sid, principal] of [["a", OTHER_ACCOUNT], ["b", "444455556666"]] as const) {
      b.permission(fn, { sid, principal, action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" });
    }
    const f = findingsOf(functionUrlPermissionMismatch, b)[0];
    const ids = [...(f?.remediation.matchAll(/--statement-id (\S+)/g) ?? [])].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it("does not suggest add-permission for a principal AddPermission cannot name", () => {
    const f = outcome(functionUrlPermissionMismatch, unplaced[0]!).findings[0];
    expect(f?.detail).toContain(`federated principal ${COGNITO} lacks lambda:InvokeFunction`);
    expect(f?.remediation).not.toMatch(/--principal/);
    expect(f?.remediation).toMatch(/lambda:InvokeFunction.*federated principal cognito-identity\.amazonaws\.com/);
  });

  it("suggests the add-permission call for the missing statement", () => {
    const f = outcome(functionUrlPermissionMismatch, cases[0]!).findings[0];
    expect(f?.remediation).toContain("--invoked-via-function-url");
    const missing = f?.evidence.find((e) => e.kind === "missing-action" && e.highlight?.includes("lambda:InvokeFunction"));
    expect(missing?.description).toMatch(/^URL callers \(public callers\) cannot perform lambda:InvokeFunction/);
    expect(f?.remediation).toContain("--statement-id url-invoke-public");
  });

  it("public callers holding InvokeFunction only: the fix grants InvokeFunctionUrl, or removes the InvokeFunction grant", () => {
    const c = cases.find((x) => x.name === "URL-gated InvokeFunction without InvokeFunctionUrl")!;
    const f = outcome(functionUrlPermissionMismatch, c).findings[0];
    expect(f?.remediation).toContain("Granting lambda:InvokeFunctionUrl to * makes the URL callable by anyone");
    expect(f?.remediation).toMatch(/add-permission .*--statement-id url-access-public --action lambda:InvokeFunctionUrl --principal '\*' --function-url-auth-type NONE/);
    expect(f?.remediation).toContain("If not, remove the grant of lambda:InvokeFunction to *");
    expect(f?.remediation).toMatch(/remove-permission .*--statement-id invoke$/m);
  });
});
