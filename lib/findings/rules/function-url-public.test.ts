import { describe, expect, it } from "vitest";
import { builder, outcome, REGION, testRuleCases, urlCreatedAt, type RuleCase } from "../test-support";
import { functionUrlPublic } from "./function-url-public";

function withUrl(authType: "NONE" | "AWS_IAM", capturedAt?: string) {
  const b = builder(capturedAt ? { capturedAt } : {});
  const role = b.role({ name: "app" });
  const fn = b.fn({ region: REGION, name: "web", runtime: "nodejs22.x", role });
  b.url(fn, { authType });
  return { b, fn };
}

/** The two statements the console adds for a public URL (urls-auth.html). */
function publicUrlGrants(b: ReturnType<typeof builder>, fn: string) {
  b.permission(fn, { sid: "FunctionURLAllowPublicAccess", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
  b.permission(fn, { sid: "FunctionURLInvokeAllowPublicAccess", principal: "*", invokedViaUrl: true });
}

/** The same two public grants, each narrowed by `cond` too: a policy AddPermission cannot write, so the whole document. */
function narrowedUrlGrants(b: ReturnType<typeof builder>, fn: string, cond: Record<string, Record<string, string>>) {
  b.resourcePolicy(fn, {
    Version: "2012-10-17",
    Statement: [
      { Sid: "u", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: fn, Condition: { ...cond, StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } },
      { Sid: "i", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { ...cond, Bool: { "lambda:InvokedViaFunctionUrl": "true" } } },
    ],
  });
}

const cases: RuleCase[] = [
  {
    name: "AuthType NONE with both public statements: high",
    build: () => {
      const { b, fn } = withUrl("NONE");
      publicUrlGrants(b, fn);
      return b;
    },
    titles: ["Public function URL: anyone on the internet can call this function"],
    severities: ["high"],
  },
  {
    name: "pre-October-2025 URL during the grace period: InvokeFunctionUrl alone opens it",
    build: () => {
      const { b, fn } = withUrl("NONE", "2026-03-01T00:00:00Z");
      b.permission(fn, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
      return b;
    },
    patch: urlCreatedAt("2025-05-01T10:00:00.000000Z"),
    titles: ["Public function URL: anyone on the internet can call this function"],
  },
  {
    name: "URL of unknown age with InvokeFunctionUrl alone: public only if it predates October 2025, so treated as public (high)",
    build: () => {
      const { b, fn } = withUrl("NONE", "2026-03-01T00:00:00Z");
      b.permission(fn, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
      return b;
    },
    patch: (s) => {
      for (const region of Object.values(s.regions ?? {})) for (const url of Object.values(region.GetFunctionUrlConfig ?? {})) delete url.CreationTime;
    },
    titles: ["Function URL without authentication is public if it was created before October 2025"],
    severities: ["high"],
  },
  {
    // An old URL is not asked for InvokeFunction at all, so its condition narrows nothing there: worst case public.
    name: "URL of unknown age, InvokeFunctionUrl open and InvokeFunction under an IP condition: public if old (high)",
    build: () => {
      const { b, fn } = withUrl("NONE", "2026-03-01T00:00:00Z");
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          { Sid: "u", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: fn, Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } },
          { Sid: "i", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" }, Bool: { "lambda:InvokedViaFunctionUrl": "true" } } },
        ],
      });
      return b;
    },
    patch: (s) => {
      for (const region of Object.values(s.regions ?? {})) for (const url of Object.values(region.GetFunctionUrlConfig ?? {})) delete url.CreationTime;
    },
    titles: ["Function URL without authentication is public if it was created before October 2025"],
    severities: ["high"],
  },
  {
    name: "new URL with InvokeFunctionUrl alone is not callable: info",
    build: () => {
      const { b, fn } = withUrl("NONE");
      b.permission(fn, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
      return b;
    },
    patch: urlCreatedAt("2026-01-10T10:00:00.000000Z"),
    titles: ["Function URL without authentication (policy admits no public caller yet)"],
    severities: ["info"],
  },
  {
    name: "public grants narrowed by a source-IP condition: info",
    build: () => {
      const { b, fn } = withUrl("NONE");
      narrowedUrlGrants(b, fn, { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } });
      return b;
    },
    titles: ["Function URL without authentication, narrowed by condition (aws:SourceIp)"],
    severities: ["info"],
  },
  {
    name: "public grants narrowed by a value AWS may read otherwise: the value named with its key",
    build: () => {
      const { b, fn } = withUrl("NONE");
      // "1e3" is a number in no form AWS documents: once the key is known, how AWS reads it decides.
      narrowedUrlGrants(b, fn, { NumericGreaterThan: { "aws:ResourceAccount": "1e3" } });
      return b;
    },
    titles: ['Function URL without authentication, narrowed by condition (aws:ResourceAccount, how AWS reads aws:ResourceAccount "1e3")'],
    severities: ["info"],
  },
  {
    name: "a URL on an alias is governed by the alias's policy: public grants there open it",
    build: () => {
      const b = builder();
      const fn = b.fn({ region: REGION, name: "web", runtime: "nodejs22.x", role: b.role({ name: "app" }) });
      b.version(fn, "3");
      const live = b.alias(fn, "live", "3");
      b.url(live, { authType: "NONE" });
      publicUrlGrants(b, live);
      return b;
    },
    titles: ["Public function URL: anyone on the internet can call web:live"],
    severities: ["high"],
  },
  {
    name: "a URL on an alias is not opened by public grants on the unqualified function",
    build: () => {
      const b = builder();
      const fn = b.fn({ region: REGION, name: "web", runtime: "nodejs22.x", role: b.role({ name: "app" }) });
      b.version(fn, "3");
      b.url(b.alias(fn, "live", "3"), { authType: "NONE" });
      publicUrlGrants(b, fn);
      return b;
    },
    titles: ["Function URL without authentication (policy admits no public caller yet)"],
    severities: ["info"],
  },
  {
    name: "a Deny of lambda:InvokeFunctionUrl alone closes the URL (public-invoke still reports direct calls)",
    build: () => {
      const { b, fn } = withUrl("NONE");
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          { Sid: "open", Effect: "Allow", Principal: "*", Action: "lambda:*", Resource: fn },
          { Sid: "nourl", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: fn },
        ],
      });
      return b;
    },
    titles: ["Function URL without authentication (policy admits no public caller yet)"],
    severities: ["info"],
  },
  {
    name: "AWS_IAM URL: not public",
    build: () => {
      const { b, fn } = withUrl("AWS_IAM");
      publicUrlGrants(b, fn);
      return b;
    },
    titles: [],
  },
  {
    name: "URL configuration could not be read: no verdict",
    build: () => {
      const { b, fn } = withUrl("NONE");
      publicUrlGrants(b, fn);
      b.error({ operation: "GetFunctionUrlConfig", target: fn, code: "AccessDeniedException", message: "denied" });
      return b;
    },
    titles: [],
  },
];

describe("function-url-public", () => {
  testRuleCases(functionUrlPublic, cases);

  it("an uncallable new URL's detail names what is missing (InvokeFunction), not the grant it has", () => {
    const c = cases.find((x) => x.name.startsWith("new URL with InvokeFunctionUrl alone"))!;
    const f = outcome(functionUrlPublic, c).findings[0]!;
    expect(f.detail).toMatch(/does not allow unauthenticated callers today \(no statement of .* allows \* lambda:InvokeFunction on /);
  });

  it("shows the URL configuration and the granting statements", () => {
    const f = outcome(functionUrlPublic, cases[0]!).findings[0];
    expect(f?.evidence.map((e) => e.kind)).toEqual(["function-url", "resource-statement", "resource-statement"]);
    expect(f?.remediation).toContain("--auth-type AWS_IAM");
  });
});
