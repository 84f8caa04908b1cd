/**
 * The compare page and the graph's compare banner on what one scan could not read: listed apart under its reason,
 * never counted as removed, fixed or lost, never "could not before"; as text.
 */
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import type { FunctionChange, ReportDiff } from "@/lib/diff/diff-reports";
import { EMPTY_DIFF } from "@/lib/diff/scan-fixtures";
import { DiffView } from "./diff-view";
import { CompareBanner, comparisonCounts, type Comparison } from "./compare-banner";

const ARN = "arn:aws:lambda:eu-west-1:123456789012:function:eu-cart-api";
const fnRef = { arn: ARN, name: "eu-cart-api", region: "eu-west-1", nodeId: `fn:${ARN}` };
const LISTING = "Functions in eu-west-1 could not be listed (AccessDeniedException)";

const empty = EMPTY_DIFF;

const unread: ReportDiff = {
  ...empty,
  functionsUnseen: [{ ...fnRef, why: LISTING }],
  findingsUnverified: [
    { id: `public-invoke:${ARN}#open`, rule: "public-invoke", severity: "critical", title: "Anyone can invoke <b>this</b> function", functions: [ARN], why: `eu-cart-api: ${LISTING}` },
  ],
  accountInvokersUnverified: [{ text: "arn:aws:iam::123456789012:role/ops-admin", why: "GetAccountAuthorizationDetails: AccessDenied" }],
};

const render = (diff: ReportDiff, props: Partial<Parameters<typeof DiffView>[0]> = {}) =>
  renderToString(createElement(DiffView, { diff, newlyPublic: [], graphQuery: "snapshot=x", ...props }));

/** The section with this test id, up to the next section. */
const section = (html: string, testId: string) => html.slice(html.indexOf(`data-testid="${testId}"`)).split("</section>")[0]!;

describe("DiffView: what the newer scan could not read", () => {
  it("is left out when the newer scan read everything", () => {
    expect(render(empty)).not.toContain("diff-unverified");
  });

  it("lists functions, findings and roles under their reason, and counts none of them removed or fixed", () => {
    const html = render(unread);
    const part = section(html, "diff-unverified");
    expect(part).toContain('data-count="3"');
    expect(part).toMatch(/<h2[^>]*>Not verifiable in the newer scan/);
    expect(part).toMatch(/<h3[^>]*>Functions not listed/);
    expect(part).toMatch(/Not verifiable in the newer scan: <span[^>]*>Functions in eu-west-1 could not be listed/);
    expect(part).toContain('data-testid="diff-finding-unverified" data-rule="public-invoke"');
    expect(part).toContain("Anyone can invoke &lt;b&gt;this&lt;/b&gt; function");
    expect(part).toContain("role/ops-admin");
    expect(html).toContain('data-testid="diff-removed" data-count="0"');
    expect(html).toContain('data-testid="diff-findings-fixed" data-count="0"');
  });

  it("shows a function's ways in and actions it could not check apart from those lost", () => {
    const change: FunctionChange = {
      ...fnRef,
      invokersGained: [],
      invokersLost: [],
      invokersChanged: [],
      invokersUnverified: [{ key: "k", text: "* · public", public: true, why: "GetPolicy: AccessDeniedException" }],
      actionsGained: [],
      actionsLost: [], actionsChanged: [],
      actionsUnverified: [{ text: "s3:GetObject on arn:aws:s3:::b/*", why: "GetAccountAuthorizationDetails: AccessDenied" }],
      invokersUnknownBefore: [],
      actionsUnknownBefore: [],
      becamePublic: false,
    };
    const item = section(render({ ...empty, functionsChanged: [change] }), "diff-changed");
    expect(item).not.toContain("Invokers lost");
    expect(item).toMatch(/Invokers not verifiable.*GetPolicy: AccessDeniedException.*\* · public.*Actions not verifiable.*s3:GetObject/s);
  });
});

describe("DiffView: public now where the older scan could not read whether it was before", () => {
  it("says before is unknown, never that anyone could not invoke it before", () => {
    const html = render(empty, { publicBeforeUnknown: [{ ...fnRef, why: "GetPolicy: AccessDeniedException" }] });
    const part = section(html, "diff-public-unknown-before");
    expect(part).toContain("Whether anyone could before is unknown");
    expect(part).toMatch(/Not verifiable in the older scan: <span[^>]*>GetPolicy: AccessDeniedException/);
    expect(part).toContain('data-name="eu-cart-api"');
    expect(html).not.toContain("diff-newly-public");
    expect(html).not.toContain("could not before");
  });

  it("shows a function's ways in and actions the older scan could not check apart from those gained", () => {
    const change: FunctionChange = {
      ...fnRef,
      invokersGained: [],
      invokersLost: [],
      invokersChanged: [],
      invokersUnverified: [],
      invokersUnknownBefore: [{ key: "k", text: "* · public", public: true, why: "GetPolicy: AccessDeniedException" }],
      actionsGained: [],
      actionsLost: [], actionsChanged: [],
      actionsUnverified: [],
      actionsUnknownBefore: [{ text: "s3:GetObject on arn:aws:s3:::b/*", why: "GetAccountAuthorizationDetails: AccessDenied" }],
      becamePublic: false,
    };
    const item = section(render({ ...empty, functionsChanged: [change] }), "diff-changed");
    expect(item).not.toContain("Invokers gained");
    expect(item).toMatch(
      /Invokers now, not known gained.*Not verifiable in the older scan: <span[^>]*>GetPolicy: AccessDeniedException.*\* · public.*Actions now, not known gained.*s3:GetObject/s,
    );
  });

  it("names the newer scan where its unread guardrails leave a gained action unknown, once for all it covers", () => {
    const scps = "The organization's SCPs and RCPs: ListRoots failed (AccessDeniedException); every \"allowed\" assumes they permit it";
    const gained = (text: string) => ({ text, why: scps, unreadIn: "newer" as const });
    const change: FunctionChange = {
      ...fnRef,
      invokersGained: [], invokersLost: [], invokersChanged: [], invokersUnverified: [], invokersUnknownBefore: [],
      actionsGained: [], actionsLost: [], actionsChanged: [], actionsUnverified: [],
      actionsUnknownBefore: [gained("sqs:ReceiveMessage on arn:aws:sqs:eu-west-1:123456789012:q"), gained("sqs:DeleteMessage on arn:aws:sqs:eu-west-1:123456789012:q"), { text: "s3:GetObject on arn:aws:s3:::b/*", why: "GetAccountAuthorizationDetails: AccessDenied" }],
      becamePublic: false,
    };
    const item = section(render({ ...empty, functionsChanged: [change] }), "diff-changed").replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
    expect(item.split("Not verifiable in the newer scan: ").length - 1).toBe(1);
    expect(item).toMatch(/Not verifiable in the newer scan: <span[^>]*>The organization's SCPs and RCPs.*sqs:ReceiveMessage.*sqs:DeleteMessage.*Not verifiable in the older scan: <span[^>]*>GetAccountAuthorizationDetails.*s3:GetObject/s);
  });

  it("lists findings and roles the older scan could not check under their reason, and counts none of them new", () => {
    const html = render({
      ...empty,
      findingsUnknownBefore: [{ ...unread.findingsUnverified[0]!, why: "eu-cart-api: GetPolicy: AccessDeniedException" }],
      accountInvokersUnknownBefore: unread.accountInvokersUnverified,
    });
    const part = section(html, "diff-unknown-before");
    expect(part).toContain('data-count="2"');
    expect(part).toMatch(/whether they are new is unknown/);
    expect(part).toMatch(/Not verifiable in the older scan: <span[^>]*>eu-cart-api: GetPolicy: AccessDeniedException/);
    expect(part).toContain('data-testid="diff-finding-unknown-before" data-rule="public-invoke"');
    expect(part).toContain("Anyone can invoke &lt;b&gt;this&lt;/b&gt; function");
    expect(part).toContain("role/ops-admin");
    expect(html).toContain('data-testid="diff-findings-new" data-count="0"');
    expect(render(empty)).not.toContain("diff-unknown-before");
  });

  it("lists a finding both scans have that reads otherwise under the guardrails one could not read apart, with what it was", () => {
    const scps = "The organization's SCPs and RCPs: ListRoots failed (AccessDeniedException); every \"allowed\" assumes they permit it";
    const trigger = { id: `event-source-missing-permissions:${ARN}#m`, rule: "event-source-missing-permissions", severity: "high" as const, functions: [ARN], why: scps };
    const lacks = "SQS trigger lacks sqs:DeleteMessage";
    const mayLack = `${lacks}; may lack sqs:ReceiveMessage`;
    const html = render({
      ...empty,
      findingsUnverified: unread.findingsUnverified,
      findingsChangeUnverified: [
        { ...trigger, title: lacks, was: { severity: "high", title: mayLack }, unreadIn: "newer" },
        { ...trigger, title: mayLack, was: { severity: "high", title: lacks }, unreadIn: "older" },
      ],
    });
    const plain = (part: string) => part.replace(/<!-- -->/g, "").replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
    const newer = plain(section(html, "diff-unverified"));
    expect(newer).toMatch(/<h3[^>]*>Findings <span[^>]*>\(1\).*diff-finding-unverified.*<h3[^>]*>Findings that changed <span[^>]*>\(1\).*Not verifiable in the newer scan: <span[^>]*>The organization's SCPs.*data-testid="diff-finding-changed-unverified"[^>]*>.*SQS trigger lacks sqs:DeleteMessage.*was High: SQS trigger lacks sqs:DeleteMessage; may lack sqs:ReceiveMessage/s);
    expect(newer).toMatch(/read otherwise, where the newer scan could not read the guardrails that decide them, are not counted as changed/);
    const older = plain(section(html, "diff-unknown-before"));
    expect(older).toMatch(/<h3[^>]*>Findings that changed.*Not verifiable in the older scan: <span[^>]*>The organization's SCPs.*data-testid="diff-finding-changed-unknown-before"/s);
    expect(older).not.toContain('data-testid="diff-finding-unknown-before"');
    expect(html).not.toContain('data-testid="diff-findings-changed"');
  });

  it("lists who may assume a role now, where a scan could not read the RCPs, apart from those gained, naming whose gap", () => {
    const rcps = "The organization's RCPs: DescribePolicy p-perimeter failed (ThrottlingException); every \"allowed\" assumes they permit it";
    const html = render({
      ...empty,
      assumersUnknownBefore: [
        { text: "caller: account 210987654321", why: rcps, unreadIn: "newer" },
        { text: "caller: * (any principal) (conditional) within the organization's RCPs", why: rcps },
      ],
    });
    const part = section(html, "diff-unknown-before").replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
    expect(part).toContain('data-count="2"');
    expect(part).toMatch(/Who may assume the invoking roles.*Listed now.*Not verifiable in the newer scan: <span[^>]*>The organization's RCPs.*caller: account 210987654321.*Not verifiable in the older scan: <span[^>]*>The organization's RCPs.*caller: \* \(any principal\)/s);
    expect(html).not.toContain('data-testid="diff-assumers"');
  });

  it("lists functions of a region the older scan did not list apart from those added", () => {
    const html = render({ ...empty, functionsFirstSeen: [{ ...fnRef, why: "eu-west-1 was not scanned" }] });
    expect(section(html, "diff-first-seen")).toMatch(/may have existed before.*Not verifiable in the older scan: <span[^>]*>eu-west-1 was not scanned.*eu-cart-api/s);
    expect(html).toContain('data-testid="diff-added" data-count="0"');
  });
});

describe("CompareBanner", () => {
  const ok = (counts: Partial<Extract<Comparison, { kind: "ok" }>>): Comparison => ({
    kind: "ok",
    from: { id: "a", capturedAt: "2026-11-01T00:00:00Z" } as never,
    to: { id: "b", capturedAt: "2026-11-02T00:00:00Z" } as never,
    guardrailsUnread: [],
    changed: [],
    added: 0,
    removed: 0,
    unseen: 0,
    findingsNew: 0,
    findingsFixed: 0,
    findingsUnverified: 0,
    findingsUnknownBefore: 0,
    findingsChanged: 0,
    findingsChangedUnverified: 0,
    ...counts,
  });
  const text = (c: Comparison) => renderToString(createElement(CompareBanner, { comparison: c })).replace(/<!-- -->/g, "").replace(/<[^>]+>/g, "");

  it("counts functions this scan did not list and findings it could not check apart from removed and fixed", () => {
    expect(text(ok({ unseen: 18, findingsUnverified: 5, findingsFixed: 1 }))).toMatch(/0 removed, 18 not listed by this scan, 0 new findings, 1 fixed, 5 not known fixed\./);
  });

  it("counts new findings the older scan could not check apart from new ones", () => {
    expect(text(ok({ findingsNew: 1, findingsUnknownBefore: 3 }))).toMatch(/1 new finding, 0 fixed, 3 not known new\./);
  });

  it("counts findings of both scans read otherwise where one could not read the guardrails as not known changed, not fixed or new", () => {
    expect(text(ok({ findingsChanged: 1, findingsChangedUnverified: 2 }))).toMatch(/0 new findings, 0 fixed, 1 changed, 2 not known changed\./);
  });

  it("counts each finding one scan could not check once, under the list the diff puts it in", () => {
    const changedFinding = { id: "event-source-missing-permissions:x#m", rule: "event-source-missing-permissions", severity: "high" as const, title: "lacks", functions: [ARN] };
    const why = "The organization's SCPs and RCPs: ListRoots failed (AccessDeniedException)";
    const diff: ReportDiff = {
      ...unread,
      findingsChangeUnverified: [
        { ...changedFinding, was: { severity: "high", title: "may lack" }, why, unreadIn: "newer" },
        { ...changedFinding, id: "event-source-missing-permissions:y#m", was: { severity: "low", title: "may lack" }, why, unreadIn: "older" },
      ],
    };
    const counts = comparisonCounts(diff);
    expect([counts.findingsUnverified, counts.findingsUnknownBefore, counts.findingsChangedUnverified]).toEqual([1, 0, 2]);
    expect(text(ok(counts))).toMatch(/0 new findings, 0 fixed, 1 not known fixed, 2 not known changed\./);
  });

  it("names the scan that could not read the organization's guardrails as why findings are not known, and none when neither scan is alone in that", () => {
    const c = ok({ findingsUnverified: 1, findingsChangedUnverified: 1, guardrailsUnread: [{ scan: "newer", name: "SCPs and RCPs" }] });
    expect(text(c).replace(/&#x27;/g, "'")).toMatch(
      /1 not known fixed, 1 not known changed\. The newer scan could not read the organization's SCPs and RCPs: what they decide is counted as not known, never as fixed, new or changed\. See the list/,
    );
    expect(text(ok({ findingsUnverified: 1 }))).not.toContain("could not read");
  });

  it("says neither when there is none", () => {
    expect(text(ok({}))).toMatch(/0 removed, 0 new findings, 0 fixed\./);
  });

  it("says a scan compared with itself is the same scan, not that nothing changed", () => {
    const same = ok({ to: { id: "a", capturedAt: "2026-11-01T00:00:00Z" } as never });
    expect(text(same)).toBe("The scan to compare with is this same scan: there is nothing to compare; nothing is outlined.");
  });

  it("warns that the changes read backwards when compared with a later scan, and only then", () => {
    const reversed = ok({ from: { id: "b", capturedAt: "2026-11-02T00:00:00Z" } as never, to: { id: "a", capturedAt: "2026-11-01T00:00:00Z" } as never, findingsFixed: 1 });
    expect(text(reversed)).toMatch(/1 fixed\. That scan was captured after this one: the changes read backwards\. See the list/);
    expect(text(ok({}))).not.toContain("backwards");
  });
});
