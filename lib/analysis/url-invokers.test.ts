/**
 * Ways in through a function URL: the invoker list and the graph say what the findings say. A URL call needs
 * lambda:InvokeFunctionUrl and, since October 2025, lambda:InvokeFunction (lambda-permissions.md §3.4), so a
 * caller who holds one of them cannot invoke through the URL.
 */
import { describe, expect, it } from "vitest";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot, readSnapshotFile } from "@/lib/snapshot/read";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { buildAccountModel } from "./account-model";
import { analyzeModel } from "./analyze";
import type { AnalysisReport, Invoker } from "./types";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import { urlCallerAccess } from "./url-access";
import { invokersOf } from "./invokers";

const OTHER = "210987654321";

/** `createdAt`: every URL's CreationTime; "" leaves it out (other tools may not record it). */
function report(b: SnapshotBuilder, createdAt?: string): AnalysisReport {
  const input: SnapshotInput = b.build();
  for (const r of Object.values(input.regions ?? {})) {
    for (const u of Object.values(r.GetFunctionUrlConfig ?? {})) {
      if (createdAt) u.CreationTime = createdAt;
      else if (createdAt === "") delete u.CreationTime;
    }
  }
  return analyzeModel(buildAccountModel(parseSnapshot(JSON.stringify(input))));
}

/** `web` with a URL of the given auth type; `configure` writes its policy. */
function web(authType: "NONE" | "AWS_IAM", configure: (b: SnapshotBuilder, fn: string) => void, opts: { capturedAt?: string; createdAt?: string } = {}) {
  const b = opts.capturedAt ? new SnapshotBuilder({ account: ACCOUNT, capturedAt: opts.capturedAt, regions: [REGION] }) : newBuilder();
  const fn = b.fn({ region: REGION, name: "web", runtime: "nodejs22.x", role: b.role({ name: "web-role" }) });
  b.url(fn, { authType });
  configure(b, fn);
  const r = report(b, opts.createdAt);
  const invokers = r.functions.find((f) => f.arn === fn)?.invokers ?? [];
  return { report: r, fn, invokers };
}

const urlGrant = (b: SnapshotBuilder, fn: string, principal = "*", authType: "NONE" | "AWS_IAM" = "NONE") =>
  b.permission(fn, { sid: "url", principal, action: "lambda:InvokeFunctionUrl", urlAuthType: authType });
const invokeViaUrl = (b: SnapshotBuilder, fn: string, principal = "*") => b.permission(fn, { sid: "invoke", principal, invokedViaUrl: true });

/** [via, sid or auth type, decision, public] per way in. */
const ways = (invokers: Invoker[]) => invokers.map((i) => [i.via, i.sid ?? i.authType, i.decision, i.public === true]);

const principalLabels = (r: AnalysisReport) => r.graph.nodes.filter((n) => n.kind === "principal").map((n) => n.label);

describe("a function URL with AuthType NONE", () => {
  it("InvokeFunctionUrl granted to * without the InvokeFunction grant: no one can invoke, no public invoker is drawn", () => {
    const { report: r, invokers } = web("NONE", urlGrant);
    expect(ways(invokers)).toEqual([
      ["resource-policy", "url", "implicitly-denied", false],
      ["function-url", "NONE", "implicitly-denied", false],
    ]);
    expect(principalLabels(r)).toEqual([]);
    expect(r.graph.edges.filter((e) => e.kind === "invokes")).toEqual([]);
    // What the findings say about the same URL.
    expect(r.findings.map((f) => f.title)).toEqual(
      expect.arrayContaining(["Function URL callers lack lambda:InvokeFunction", "Function URL without authentication (policy admits no public caller yet)"]),
    );
  });

  it("the InvokeFunction grant (via the URL) without InvokeFunctionUrl: no one can invoke either", () => {
    const { report: r, invokers } = web("NONE", invokeViaUrl);
    expect(ways(invokers)).toEqual([
      ["resource-policy", "invoke", "implicitly-denied", false],
      ["function-url", "NONE", "implicitly-denied", false],
    ]);
    expect(principalLabels(r)).toEqual([]);
  });

  it("each URL key rides on its own action: InvokeFunction gated on the auth type, or InvokeFunctionUrl on 'via URL', admits no one", () => {
    const fnArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:web`;
    const doc = (urlCondition: object, invokeCondition: object) => ({
      Version: "2012-10-17",
      Statement: [
        { Sid: "url", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: fnArn, Condition: urlCondition },
        { Sid: "invoke", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fnArn, Condition: invokeCondition },
      ],
    });
    const authNone = { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } };
    const viaUrl = { Bool: { "lambda:InvokedViaFunctionUrl": "true" } };
    const viaUrlWays = (d: object) => ways(web("NONE", (b, fn) => b.resourcePolicy(fn, d as never)).invokers).filter((w) => w[0] === "function-url");
    expect(viaUrlWays(doc(authNone, viaUrl))).toEqual([["function-url", "NONE", "allowed", true]]);
    // InvokeFunction requests never carry lambda:FunctionUrlAuthType; InvokeFunctionUrl requests never carry
    // lambda:InvokedViaFunctionUrl: either condition is false there.
    expect(viaUrlWays(doc(authNone, authNone))).toEqual([["function-url", "NONE", "implicitly-denied", false]]);
    expect(viaUrlWays(doc(viaUrl, viaUrl))).toEqual([["function-url", "NONE", "implicitly-denied", false]]);
  });

  it("both grants: anyone can invoke through the URL, drawn once, from the URL's node", () => {
    const { report: r, invokers } = web("NONE", (b, fn) => {
      urlGrant(b, fn);
      invokeViaUrl(b, fn);
    });
    expect(ways(invokers)).toEqual([
      ["resource-policy", "url", "allowed", true],
      ["resource-policy", "invoke", "allowed", true],
      ["function-url", "NONE", "allowed", true],
    ]);
    expect(invokers.map((i) => i.urlOnly === true)).toEqual([true, true, false]);
    // An "Anyone (*)" node beside it would say anyone may also call Invoke directly, which neither grant allows.
    expect(principalLabels(r)).toEqual(["Internet (function URL, no auth)"]);
    expect(r.graph.edges.filter((e) => e.kind === "invokes").map((e) => e.source)).toEqual(["p:url:*"]);
  });

  it("the same grants and a direct grant to anyone: both nodes, as both ways are open", () => {
    const { report: r } = web("NONE", (b, fn) => {
      urlGrant(b, fn);
      invokeViaUrl(b, fn);
      b.permission(fn, { sid: "direct", principal: "*" });
    });
    expect(principalLabels(r).sort()).toEqual(["Anyone (*)", "Internet (function URL, no auth)"]);
  });

  it("an AWS_IAM URL: anyone's URL-only grants are the URL's IAM-authenticated callers, one node", () => {
    const { report: r } = web("AWS_IAM", (b, fn) => {
      urlGrant(b, fn, "*", "AWS_IAM");
      invokeViaUrl(b, fn);
    });
    expect(principalLabels(r)).toEqual(["Function URL (AWS_IAM)"]);
  });

  it("no resource policy at all: the URL admits no one (Lambda still checks the function policy)", () => {
    const { report: r, invokers } = web("NONE", () => {});
    expect(ways(invokers)).toEqual([["function-url", "NONE", "implicitly-denied", false]]);
    expect(principalLabels(r)).toEqual([]);
  });

  it("a URL from before October 2025, during AWS's exception: InvokeFunctionUrl alone still lets anyone in", () => {
    const { invokers } = web("NONE", urlGrant, { capturedAt: "2026-06-01T00:00:00Z", createdAt: "2025-03-01T00:00:00.000000Z" });
    expect(ways(invokers)).toEqual([
      ["resource-policy", "url", "allowed", true],
      ["function-url", "NONE", "allowed", true],
    ]);
    // The same URL after the exception ended (1 Nov 2026).
    const after = web("NONE", urlGrant, { capturedAt: "2026-11-20T00:00:00Z", createdAt: "2025-03-01T00:00:00.000000Z" });
    expect(ways(after.invokers).map((w) => w[2])).toEqual(["implicitly-denied", "implicitly-denied"]);
  });

  it("a URL whose creation date is unknown: InvokeFunctionUrl alone may or may not suffice (conditional)", () => {
    const { invokers } = web("NONE", urlGrant, { capturedAt: "2026-06-01T00:00:00Z", createdAt: "" });
    expect(ways(invokers)).toEqual([
      ["resource-policy", "url", "conditional", true],
      ["function-url", "NONE", "conditional", true],
    ]);
  });

  it("a URL created on 1 October 2025 itself already needs both actions; one created the day before has the exception", () => {
    const on = web("NONE", urlGrant, { capturedAt: "2026-06-01T00:00:00Z", createdAt: "2025-10-01T00:00:00.000000Z" });
    expect(ways(on.invokers)).toEqual([
      ["resource-policy", "url", "implicitly-denied", false],
      ["function-url", "NONE", "implicitly-denied", false],
    ]);
    const before = web("NONE", urlGrant, { capturedAt: "2026-06-01T00:00:00Z", createdAt: "2025-09-30T23:59:59.000000Z" });
    expect(ways(before.invokers).map((w) => w[2])).toEqual(["allowed", "allowed"]);
  });

  it("the exception is over on 1 November 2026 itself: an old URL granted InvokeFunctionUrl alone admits no one", () => {
    const on = web("NONE", urlGrant, { capturedAt: "2026-11-01T00:00:00Z", createdAt: "2025-03-01T00:00:00.000000Z" });
    expect(ways(on.invokers)).toEqual([
      ["resource-policy", "url", "implicitly-denied", false],
      ["function-url", "NONE", "implicitly-denied", false],
    ]);
    const lastDay = web("NONE", urlGrant, { capturedAt: "2026-10-31T23:59:59Z", createdAt: "2025-03-01T00:00:00.000000Z" });
    expect(ways(lastDay.invokers).map((w) => w[2])).toEqual(["allowed", "allowed"]);
  });

  it("a URL of unknown age granted both actions: whichever rule applies, anyone can invoke (allowed, not conditional)", () => {
    const { invokers } = web(
      "NONE",
      (b, fn) => {
        urlGrant(b, fn);
        invokeViaUrl(b, fn);
      },
      { capturedAt: "2026-06-01T00:00:00Z", createdAt: "" },
    );
    expect(ways(invokers)).toEqual([
      ["resource-policy", "url", "allowed", true],
      ["resource-policy", "invoke", "allowed", true],
      ["function-url", "NONE", "allowed", true],
    ]);
  });

  it("a function policy that could not be read: the URL may be public (conditional), never closed", () => {
    const { invokers } = web("NONE", (b, fn) => b.error({ region: REGION, operation: "GetPolicy", target: fn, code: "AccessDeniedException", message: "denied" }));
    expect(ways(invokers)).toEqual([["function-url", "NONE", "conditional", true]]);
  });
});

describe("a function URL with AuthType AWS_IAM", () => {
  const roleCaller = `arn:aws:iam::${ACCOUNT}:role/dashboard`;

  it("another account granted InvokeFunctionUrl only: it needs both in the function policy, so it cannot invoke", () => {
    const { report: r, invokers } = web("AWS_IAM", (b, fn) => urlGrant(b, fn, OTHER, "AWS_IAM"));
    expect(ways(invokers)).toEqual([["resource-policy", "url", "implicitly-denied", false], ["function-url", "AWS_IAM", undefined, false]]);
    expect(principalLabels(r)).toEqual(["Function URL (AWS_IAM)"]);
    const both = web("AWS_IAM", (b, fn) => {
      urlGrant(b, fn, OTHER, "AWS_IAM");
      invokeViaUrl(b, fn, OTHER);
    });
    expect(ways(both.invokers).map((w) => w[2])).toEqual(["allowed", "allowed", undefined]);
  });

  it("a role of another account, granted both with a negated aws:SourceAccount: its direct URL call carries none, so it gets in", () => {
    // The confused-deputy guard "not from that account's resources" holds for a caller that signs the URL request
    // itself: only a service acting for a resource sends aws:SourceAccount. A positive test of it shuts the role out.
    const otherRole = `arn:aws:iam::${OTHER}:role/dashboard`;
    const grants = (operator: "StringNotEquals" | "StringEquals") => (b: SnapshotBuilder, fn: string) =>
      b.resourcePolicy(fn, policy(
        { Sid: "url", Effect: "Allow", Principal: { AWS: otherRole }, Action: "lambda:InvokeFunctionUrl", Resource: fn, Condition: { [operator]: { "aws:SourceAccount": "444455556666" } } },
        { Sid: "invoke", Effect: "Allow", Principal: { AWS: otherRole }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" }, [operator]: { "aws:SourceAccount": "444455556666" } } },
      ));
    const negated = web("AWS_IAM", grants("StringNotEquals"));
    expect(ways(negated.invokers).map((w) => w[2])).toEqual(["allowed", "allowed", undefined]);
    expect(negated.report.findings.map((f) => f.rule)).not.toContain("function-url-permission-mismatch");
    expect(ways(web("AWS_IAM", grants("StringEquals")).invokers).map((w) => w[2])).toEqual(["implicitly-denied", "implicitly-denied", undefined]);
  });

  it("a role of the account granted InvokeFunctionUrl: its identity policy may hold InvokeFunction (asked, as the findings do)", () => {
    const setup = (identity: boolean) =>
      web("AWS_IAM", (b, fn) => {
        b.role({ name: "dashboard", ...(identity ? { inline: { p: policy(allow("lambda:InvokeFunction", fn)) } } : {}) });
        urlGrant(b, fn, roleCaller, "AWS_IAM");
      });
    expect(ways(setup(true).invokers)[0]).toEqual(["resource-policy", "url", "allowed", false]);
    const without = setup(false);
    expect(ways(without.invokers)[0]).toEqual(["resource-policy", "url", "implicitly-denied", false]);
    expect(without.report.findings.map((f) => f.title)).toContain("Function URL callers lack lambda:InvokeFunction");
  });
});

describe("CloudFront origin access control in front of an AWS_IAM URL", () => {
  // As the CloudFront guide writes the two grants, each pinned by --source-arn to the distribution.
  const distribution = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHEXAMPLE`;

  function resourcePolicyWays(urlAuthType: "NONE" | "AWS_IAM", grantAuthType?: "AWS_IAM") {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.url(fn, { authType: urlAuthType });
    b.permission(fn, { sid: "AllowCloudFrontServicePrincipal", principal: "cloudfront.amazonaws.com", action: "lambda:InvokeFunctionUrl", sourceArn: distribution, ...(grantAuthType ? { urlAuthType: grantAuthType } : {}) });
    b.permission(fn, { sid: "AllowCloudFrontServicePrincipalInvokeFunction", principal: "cloudfront.amazonaws.com", invokedViaUrl: true, sourceArn: distribution });
    b.permission(fn, { sid: "apigw", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc123/*/GET/items` });
    const model = modelOf(b);
    return invokersOf(model, model.functions[0]!)
      .filter((i) => i.via === "resource-policy")
      .map((i) => [i.sid, i.decision]);
  }

  it("its grants are answered for the distribution they name, as any service grant is for its SourceArn", () => {
    expect(resourcePolicyWays("AWS_IAM")).toEqual([
      ["AllowCloudFrontServicePrincipal", "allowed"],
      ["AllowCloudFrontServicePrincipalInvokeFunction", "allowed"],
      ["apigw", "allowed"],
    ]);
  });

  it("a grant's own URL key does not ride on the other action: InvokeFunctionUrl gated on 'via URL' still admits no one", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.url(fn, { authType: "AWS_IAM" });
    b.resourcePolicy(fn, policy(
      { Sid: "url", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"], Resource: fn, Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" }, ArnLike: { "AWS:SourceArn": distribution } } },
    ));
    const model = modelOf(b);
    expect(invokersOf(model, model.functions[0]!).filter((i) => i.via === "resource-policy").map((i) => i.decision)).toEqual(["implicitly-denied"]);
  });

  it("the URL's own auth type decides, not the one the statement was written for", () => {
    expect(resourcePolicyWays("NONE", "AWS_IAM").slice(0, 2)).toEqual([
      ["AllowCloudFrontServicePrincipal", "implicitly-denied"],
      ["AllowCloudFrontServicePrincipalInvokeFunction", "implicitly-denied"],
    ]);
  });
});

describe("a role of the account asked about an AWS_IAM URL (urlCallerAccess)", () => {
  it("its identity policy's URL conditions are judged on the action each key rides on", () => {
    // InvokeFunction as part of a URL call carries lambda:InvokedViaFunctionUrl, InvokeFunctionUrl carries
    // lambda:FunctionUrlAuthType: grants gated on each are allowed, not left conditional on a key the request lacks.
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "web", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
    b.url(fn, { authType: "AWS_IAM" });
    const roleArn = b.role({
      name: "dashboard",
      inline: {
        p: {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: "lambda:InvokeFunctionUrl", Resource: fn, Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } } },
            { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn, Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } },
          ],
        } as never,
      },
    });
    const model = modelOf(b);
    const target = model.functions.find((f) => f.name === "web")!;
    const access = urlCallerAccess(model, target, { qualifiedArn: fn, config: { AuthType: "AWS_IAM" } as never }, { type: "role", id: roleArn, account: ACCOUNT });
    expect([access.url.decision, access.invoke.decision]).toEqual(["allowed", "allowed"]);
  });
});

describe("the invoker list agrees with the URL findings (data/DEMO.md)", () => {
  it("every AuthType NONE URL of the demo is a public invoker exactly when function-url-public says anyone can call it", async () => {
    const r = analyzeModel(buildAccountModel(await readSnapshotFile("data/demo-snapshot.json")));
    const urls = r.functions.flatMap((f) => f.invokers.filter((i) => i.via === "function-url" && i.authType === "NONE").map((i) => ({ fn: f, inv: i })));
    expect(urls.length).toBeGreaterThan(1);
    for (const { fn, inv } of urls) {
      const target = inv.qualifier ?? fn.arn;
      const finding = r.findings.find((f) => f.rule === "function-url-public" && f.detail.includes(` of ${target} has AuthType NONE`));
      expect(finding, target).toBeDefined();
      const open = finding?.severity === "high";
      expect(inv.public === true, `${target}: ${finding?.title}`).toBe(open);
      // A public grant that goes through this URL only is an effective public invoker exactly when the URL is.
      for (const g of fn.invokers.filter((i) => i.via === "resource-policy" && i.principal === "*" && (i.qualifier ?? fn.arn) === target && !i.actions?.includes("lambda:InvokeFunction"))) {
        expect(g.public === true, `${target} ${g.sid}`).toBe(open);
      }
    }
    const landing = r.functions.find((f) => f.name === "marketing-landing-form");
    expect(landing?.invokers.map((i) => [i.via, i.decision, i.public])).toEqual([
      ["resource-policy", "implicitly-denied", false],
      ["function-url", "implicitly-denied", false],
    ]);
    const landingNode = r.graph.nodes.find((n) => n.kind === "function" && n.label === "marketing-landing-form");
    expect(r.graph.edges.filter((e) => e.kind === "invokes" && e.target === landingNode?.id)).toEqual([]);
  });
});
