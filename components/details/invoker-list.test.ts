/**
 * The details panel's invoker lines, rendered as the server renders them: a way in on an alias says which alias, as an
 * identity invoker on a version says which version (the demo's pricing-engine has an API Gateway grant on each alias).
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { ACCOUNT, REGION, newBuilder } from "@/lib/analysis/test-support";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot } from "@/lib/snapshot/read";
import { InvokerList } from "./invoker-list";

const report = analyzeSnapshot(parseSnapshot(JSON.stringify(buildAcmeRetailDemo().snapshot)));

/** The text of each element with this test id (tags dropped, entities decoded). */
function linesOf(html: string, testId: string): string[] {
  return [...html.matchAll(new RegExp(`<li[^>]*data-testid="${testId}"[^>]*>(.*?)</li>`, "g"))].map((m) =>
    (m[1] ?? "").replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'"),
  );
}

describe("InvokerList", () => {
  it("says which alias each grant is on: pricing-engine's two API Gateway grants are two lines that read apart", () => {
    const fn = report.functions.find((f) => f.name === "pricing-engine")!;
    const lines = linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: fn.invokers, identity: undefined })), "way-in");
    expect(lines).toHaveLength(2);
    expect(new Set(lines).size).toBe(2);
    expect(lines.map((l) => / · on (alias \w+) · /.exec(l)?.[1]).sort()).toEqual(["alias canary", "alias live"]);
    for (const line of lines) expect(line).toMatch(/^apigateway\.amazonaws\.com via resource policy · on alias \w+ · SourceArn = arn:aws:execute-api:/);
  });

  it("says nothing of a qualifier for a grant on the function itself", () => {
    const fn = report.functions.find((f) => f.name === "eu-checkout-api")!;
    const [line] = linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: fn.invokers, identity: undefined })), "way-in");
    expect(line).toMatch(/^apigateway\.amazonaws\.com via resource policy · SourceArn = /);
    expect(line).not.toContain(" · on ");
  });

  it("names a grant to anyone as the graph does, \"Anyone (*)\", and keeps \"*\" for one that lets no one in", () => {
    const lines = (name: string) => {
      const fn = report.functions.find((f) => f.name === name)!;
      return linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: fn.invokers, identity: undefined })), "way-in");
    };
    expect(lines("debug-echo")).toEqual(["Anyone (*) via resource policy Granted by statement AllowAnyoneToInvoke"]);
    for (const line of lines("public-status-page")) expect(line).toMatch(/^Anyone \(\*\) via /);
    for (const line of lines("marketing-landing-form")) expect(line).toMatch(/^\* via .* · cannot invoke /);
  });

  it("names the statement behind each grant and the mapping behind each trigger, so two grants to \"*\" read apart", () => {
    const lines = (name: string) => {
      const fn = report.functions.find((f) => f.name === name)!;
      return linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: fn.invokers, identity: undefined })), "way-in");
    };
    const grants = lines("public-status-page").filter((l) => l.includes("via resource policy"));
    expect(grants.map((l) => / Granted by statement (\S+)$/.exec(l)?.[1]).sort()).toEqual(["FunctionURLAllowPublicAccess", "FunctionURLInvokeAllowPublicAccess"]);
    // A function URL is the function's own: no statement to name.
    expect(lines("public-status-page").filter((l) => l.includes("via function URL"))).toEqual(["Anyone (*) via function URL (auth NONE)"]);
    const processor = report.functions.find((f) => f.name === "orders-processor")!;
    const mapping = processor.invokers.find((i) => i.via === "event-source-mapping")!;
    expect(lines("orders-processor").filter((l) => l.includes("via event source mapping"))).toEqual([expect.stringMatching(new RegExp(` Through mapping ${mapping.uuid}$`))]);
  });

  it("leaves the statement out where the line above names it already (an invoker node's ways)", () => {
    const fn = report.functions.find((f) => f.name === "debug-echo")!;
    const html = renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: fn.invokers, identity: undefined, statementNamed: true }));
    expect(linesOf(html, "way-in")).toEqual(["Anyone (*) via resource policy"]);
  });

  it("says whether an account granted invoke is the function's own or another, so a cross-account grant reads as one", () => {
    const fn = report.functions.find((f) => f.name === "deploy-hook")!;
    const lines = linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: fn.invokers, identity: undefined })), "way-in");
    expect(lines).toEqual([expect.stringMatching(/^Account 210987654321 \(another account\) via resource policy /)]);
    const b = newBuilder();
    const own = b.fn({ region: REGION, name: "own", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
    b.resourcePolicy(own, {
      Version: "2012-10-17",
      Statement: [{ Sid: "self", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "lambda:InvokeFunction", Resource: own }],
    });
    const ownFn = analyzeSnapshot(parseSnapshot(b.build())).functions.find((f) => f.name === "own")!;
    const [line] = linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: ownFn.arn, invokers: ownFn.invokers, identity: undefined })), "way-in");
    expect(line).toMatch(/^(Account \d{12}|arn:aws:iam::\d{12}:root) \(this account\) via resource policy/);
  });

  it("says a grant to the account itself delegates to its identity policies, and names whom they let in", () => {
    // reference_policies_elements_principal.html ("AWS account principals"): the account ARN and the bare id both
    // delegate to the account, whose principals then need an identity Allow of their own.
    const render = (setup: (b: ReturnType<typeof newBuilder>, fn: string) => void) => {
      const b = newBuilder();
      const own = b.fn({ region: REGION, name: "own", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
      b.resourcePolicy(own, { Version: "2012-10-17", Statement: [{ Sid: "self", Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "lambda:InvokeFunction", Resource: own }] });
      setup(b, own);
      const fn = analyzeSnapshot(parseSnapshot(b.build())).functions.find((f) => f.name === "own")!;
      const grant = fn.invokers.filter((i) => i.via === "resource-policy");
      return linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: grant, identity: undefined })), "way-in")[0];
    };
    const ci = render((b, fn) => {
      b.role({ name: "ci", inline: { invoke: { Version: "2012-10-17", Statement: [{ Sid: "InvokeOwn", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }] } } as never });
    });
    expect(ci).toContain("(this account) via resource policy · delegates to this account's identity policies: 1 role may invoke through it ci · identity policy (invoke#InvokeOwn)");
    expect(render(() => {})).toContain("· delegates to this account's identity policies: none of its roles or users may invoke through it");
    const unread = render((b) => {
      b.role({ name: "broken", inline: { p: "{not json" } as never });
    });
    expect(unread).toContain("none of its roles or users may invoke through it; 1 role whose policies could not be read: unknown");
    expect(unread).toContain("Unknown (identity policies not read): broken");
  });

  it("names an Allow with NotPrincipal as everyone but its list, as the graph does, not \"Anyone (*)\"", () => {
    // reference_policies_elements_notprincipal.html: the principals NotPrincipal lists are the exceptions.
    const b = newBuilder();
    const fnArn = b.fn({ region: REGION, name: "np", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
    b.resourcePolicy(fnArn, {
      Version: "2012-10-17",
      Statement: [{ Sid: "most", Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "lambda:InvokeFunction", Resource: fnArn } as never],
    });
    const fn = analyzeSnapshot(parseSnapshot(b.build())).functions.find((f) => f.name === "np")!;
    const [line] = linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: fn.invokers, identity: undefined })), "way-in");
    expect(line).toBe(`Anyone but the NotPrincipal list via resource policy · NotPrincipal arn:aws:iam::${ACCOUNT}:root Granted by statement most`);
  });

  /** One function "f" whose policy holds these statements, analysed; its way-in lines. */
  function wayInsWith(statements: (fnArn: string) => unknown[]): { fnArn: string; lines: string[] } {
    const b = newBuilder();
    const fnArn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.resourcePolicy(fnArn, { Version: "2012-10-17", Statement: statements(fnArn) as never });
    const fn = analyzeSnapshot(parseSnapshot(b.build())).functions.find((f) => f.name === "f")!;
    return { fnArn, lines: linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: fn.invokers, identity: undefined })), "way-in") };
  }

  it("names the Deny of the function's policy that may refuse a grant, and the key it turns on", () => {
    const { fnArn, lines } = wayInsWith((fn) => [
      { Sid: "S3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn },
      { Sid: "DenyOthers", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnNotLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } } },
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`May be denied by function policy of ${fnArn}#DenyOthers.`);
    expect(lines[0]).toContain("Conditional on aws:SourceArn: the snapshot has no value for this key.");
  });

  it("names the policy value AWS may read otherwise that a role's conditional way in turns on, as text", () => {
    const b = newBuilder();
    const fnArn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    // The role's own tags are in its requests; "1e3" is a number in no form AWS documents.
    const grant = { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fnArn, Condition: { NumericLessThan: { "aws:PrincipalTag/tier": "1e3" } } };
    b.role({ name: "ops", tags: { tier: "5" }, inline: { invoke: { Version: "2012-10-17", Statement: [grant] } as never } });
    const fn = analyzeSnapshot(parseSnapshot(b.build())).functions.find((f) => f.name === "f")!;
    const lines = linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: fn.invokers, identity: undefined })), "identity-invoker");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Conditional on how AWS reads aws:PrincipalTag/tier "1e3": AWS does not document how it reads this value.');
  });

  it("names the Deny with NotPrincipal that refuses a grant, by its index", () => {
    const { fnArn, lines } = wayInsWith((fn) => [
      { Sid: "Partner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "lambda:InvokeFunction", Resource: fn },
      { Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/ci" }, Action: "lambda:InvokeFunction", Resource: fn },
    ]);
    expect(lines[0]).toContain(`Denied by function policy of ${fnArn}#1.`);
    expect(lines[0]).not.toContain("May be denied");
  });

  it("shows a crafted Sid of the Deny with its hidden characters escaped", () => {
    const { lines } = wayInsWith((fn) => [
      { Sid: "S3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn },
      { Sid: "Deny\u202esrehtO", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnNotLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } } },
    ]);
    expect(lines[0]).toContain("#Deny\\u202esrehtO.");
    expect(lines[0]).not.toContain("\u202e");
  });

  it("names the demo break-glass user's MFA Deny on its identity-policy way in to ledger-api", () => {
    const fn = report.functions.find((f) => f.name === "ledger-api")!;
    const lines = linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: fn.invokers, identity: undefined })), "identity-invoker");
    const line = lines.find((l) => l.includes("break-glass-admin"))!;
    expect(line).toContain("May be denied by require-mfa#DenyWithoutMFA.");
    expect(line).toContain("Conditional on aws:MultiFactorAuthPresent: the snapshot has no value for this key.");
    // Ways in that let their caller in cite no Deny.
    for (const l of lines.filter((l) => !l.includes("break-glass-admin"))) expect(l).not.toContain("denied by");
  });

  it("names the version an identity invoker may invoke, as before", () => {
    const fn = report.functions.find((f) => f.name === "pricing-engine")!;
    const [line] = linesOf(renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers: fn.invokers, identity: undefined })), "identity-invoker");
    expect(line).toContain("pricing-release-smoke-test-role · identity policy (invoke-candidate#InvokeCanaryVersion) · on version 28");
  });
});

describe("InvokerList with crafted 1 MB names", () => {
  const BIG = "q".repeat(1_000_000);

  it("cuts a way in's caller, a role's name and statements, and the Deny it cites, keeping start, end and the count", () => {
    const fn = report.functions.find((f) => f.name === "ledger-api")!;
    const way = fn.invokers.find((i) => i.via !== "identity-policy")!;
    const role = fn.invokers.find((i) => i.via === "identity-policy")!;
    const invokers = [
      { ...way, principal: `arn:aws:iam::123456789012:role/${BIG}`, principalType: "role" as const, public: false, deniedBy: [`p#${BIG}`] },
      { ...role, principal: `arn:aws:iam::123456789012:role/${BIG}`, statements: [`invoke#${BIG}`] },
    ];
    const html = renderToStaticMarkup(createElement(InvokerList, { fnArn: fn.arn, invokers, identity: undefined }));
    expect(html.length).toBeLessThan(40_000);
    const [wayIn] = linesOf(html, "way-in");
    expect(wayIn).toMatch(/^arn:aws:iam::123456789012:role\/q+…\(\d+ characters\)…q+ via /);
    expect(wayIn).toMatch(/denied by p#q+…\(\d+ characters\)…q+\./);
    const [identityLine] = linesOf(html, "identity-invoker");
    expect(identityLine).toMatch(/^q+…\(\d+ characters\)…q+ · identity policy \(invoke#q+…\(\d+ characters\)…q+\)/);
  });
});
