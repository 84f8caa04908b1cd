/**
 * The compare page on what both scans could not read alike: the gap is listed apart, as text, never dropped as if all
 * were fine; a change judged beside it says the gap; nothing when both scans read everything.
 */
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import type { FunctionChange, ReportDiff } from "@/lib/diff/diff-reports";
import { EMPTY_DIFF } from "@/lib/diff/scan-fixtures";
import { DiffView } from "./diff-view";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:api";
const GAP = "GetPolicy: AccessDeniedException <b>x</b>";

const render = (diff: ReportDiff) => renderToString(createElement(DiffView, { diff, newlyPublic: [], graphQuery: "snapshot=x" }));
const section = (html: string, testId: string) => html.slice(html.indexOf(`data-testid="${testId}"`)).split("</section>")[0]!;

const change: FunctionChange = {
  arn: ARN, name: "api", region: "us-east-1", nodeId: `fn:${ARN}`,
  invokersGained: [], invokersLost: [], invokersChanged: [], invokersUnverified: [], invokersUnknownBefore: [],
  actionsGained: ["sqs:DeleteMessage on arn:aws:sqs:us-east-1:123456789012:orders"], actionsLost: [], actionsChanged: [],
  actionsUnverified: [], actionsUnknownBefore: [], becamePublic: false, unreadInBoth: [GAP],
};

describe("DiffView: what both scans could not read", () => {
  it("is left out when nothing was unread in both", () => {
    expect(render(EMPTY_DIFF)).not.toContain("diff-unread-in-both");
  });

  it("lists each gap under whose it is, as text, saying no change is known either way", () => {
    const html = section(render({ ...EMPTY_DIFF, unreadInBoth: [{ text: "api · us-east-1", why: GAP }] }), "diff-unread-in-both");
    expect(html).toContain("Unread in both scans");
    expect(html).toContain("api · us-east-1");
    expect(html).toContain("GetPolicy: AccessDeniedException &lt;b&gt;x&lt;/b&gt;");
    expect(html).not.toContain("<b>x</b>");
    expect(html).toMatch(/neither changed nor unchanged/);
  });

  it("notes the shared gap on a function whose readable part changed", () => {
    const html = render({ ...EMPTY_DIFF, functionsChanged: [change] });
    const card = html.slice(html.indexOf('data-testid="diff-changed-function"'));
    expect(card).toContain('data-testid="diff-unread-in-both-note"');
    expect(card).toContain("Unread in both scans");
    expect(card).toContain("&lt;b&gt;x&lt;/b&gt;");
  });

  it("notes the shared gap on a finding judged beside it", () => {
    const finding = { id: "f", rule: "role-admin-access", severity: "high" as const, title: "t", functions: [ARN], unreadInBoth: `api: ${GAP}` };
    const html = section(render({ ...EMPTY_DIFF, findingsFixed: [finding] }), "diff-findings-fixed");
    expect(html).toContain("Unread in both scans");
    expect(html).toContain("api: GetPolicy: AccessDeniedException &lt;b&gt;x&lt;/b&gt;");
  });
});

describe("DiffView: what both scans could not read, in crafted text with spaces", () => {
  it("cuts a 1 MB item and its reason (an AWS message) in the middle", () => {
    const spaced = `START ${"word ".repeat(209_715)}END`;
    const html = section(render({ ...EMPTY_DIFF, unreadInBoth: [{ text: spaced, why: spaced }] }), "diff-unread-in-both");
    expect(html.length).toBeLessThan(200_000);
    // renderToString marks where two text nodes meet with <!-- -->.
    const item = /data-testid="diff-unread-in-both-item">(.*?)(?:<!-- -->)?: <span[^>]*>(.*?)<\/span>/s.exec(html);
    for (const part of [item?.[1], item?.[2]]) expect(part).toMatch(/^START word .*…\(\d+ characters\)….* word END$/s);
  });
});
