/**
 * The compare page's account-wide invoker and assumer sections: shown only when such a role or assumer came or went,
 * each on its own line, as text.
 */
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import type { ReportDiff } from "@/lib/diff/diff-reports";
import { EMPTY_DIFF } from "@/lib/diff/scan-fixtures";
import { DiffView } from "./diff-view";

const empty = EMPTY_DIFF;

const render = (diff: ReportDiff) => renderToString(createElement(DiffView, { diff, newlyPublic: [], graphQuery: "snapshot=x" }));

const sections = [
  {
    name: "roles that may invoke every function",
    testId: "diff-account-invokers",
    diff: { accountInvokersGained: ["arn:aws:iam::123456789012:role/<b>new-admin</b>"], accountInvokersLost: ["arn:aws:iam::123456789012:role/old"] },
    escaped: "role/&lt;b&gt;new-admin&lt;/b&gt;",
    order: /Gained.*new-admin.*Lost.*role\/old/s,
  },
  {
    name: "findings that changed",
    testId: "diff-findings-changed",
    diff: {
      findingsChanged: [
        { id: "a", rule: "confused-deputy", severity: "high" as const, title: "s3 may invoke <b>this</b> function without aws:SourceArn or aws:SourceAccount", functions: [], was: { severity: "medium" as const, title: "s3 may invoke this function without aws:SourceAccount" } },
        { id: "b", rule: "cross-account-invoke", severity: "info" as const, title: "Accounts in organization o-1 can invoke this function", functions: [], was: { severity: "medium" as const, title: "Accounts in organization o-1 can invoke this function" } },
      ],
    },
    escaped: "s3 may invoke &lt;b&gt;this&lt;/b&gt; function",
    // React separates adjacent text with <!-- -->; the second finding's title did not change, so only its severity shows.
    order: /High.*without aws:SourceArn or aws:SourceAccount.*was (<!-- -->)?Medium(<!-- -->)?: s3 may invoke this function without aws:SourceAccount.*Info.*was (<!-- -->)?Medium(<!-- -->)?<\/span>/s,
  },
  {
    name: "who may assume the invoking roles",
    testId: "diff-assumers",
    diff: { assumersGained: ["ci-role: OIDC provider <i>token.actions.githubusercontent.com</i>"], assumersLost: ["ci-role: account 210987654321"] },
    escaped: "OIDC provider &lt;i&gt;token.actions.githubusercontent.com&lt;/i&gt;",
    order: /Gained.*OIDC provider.*Lost.*account 210987654321/s,
  },
];

describe.each(sections)("DiffView: $name", ({ testId, diff, escaped, order }) => {
  it("is left out when none came or went", () => {
    expect(render(empty)).not.toContain(testId);
  });

  it("lists what was gained and lost, as text", () => {
    const html = render({ ...empty, ...diff });
    expect(html).toContain(`data-testid="${testId}" data-count="2"`);
    expect(html).toContain(escaped);
    expect(html).toMatch(order);
  });
});

describe("DiffView: the functions a new, fixed or changed finding badges", () => {
  const arn = (name: string, region = "us-east-1") => `arn:aws:lambda:${region}:123456789012:function:${name}`;
  const finding = (id: string, functions: string[]) => ({ id, rule: "public-invoke", severity: "critical" as const, title: "Anyone can invoke this function", functions });

  it("names them beside the title, as text, linked to the newer scan's graph for new findings", () => {
    const html = render({ ...empty, findingsNew: [finding("a", [arn("<b>checkout</b>")])], findingsFixed: [finding("b", [arn("cart-api", "eu-west-1")])] });
    // Two findings with one title: without the names the list cannot say which function is newly public.
    expect(html).toMatch(/Anyone can invoke this function.*on (<!-- -->)?<a [^>]*href="\/graph\?snapshot=x&amp;focus=fn%3Aarn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3A%3Cb%3Echeckout%3C%2Fb%3E[^"]*">&lt;b&gt;checkout&lt;\/b&gt;<\/a>(<!-- -->)? · us-east-1/s);
    // A fixed finding's function may be gone from the newer scan: named, not linked.
    expect(html).toMatch(/data-testid="diff-finding-fixed".*on (<!-- -->)?cart-api(<!-- -->)? · eu-west-1/s);
    expect(html).not.toMatch(/<a [^>]*>cart-api/);
  });

  it("names the first three and counts the rest (a role shared by many functions)", () => {
    const html = render({ ...empty, findingsNew: [finding("a", ["f1", "f2", "f3", "f4", "f5"].map((n) => arn(n)))] });
    expect(html).toContain(">f3</a>");
    expect(html).not.toContain(">f4</a>");
    expect(html).toMatch(/and 2 more/);
  });
});

describe("DiffView: links to the graph stay short enough for a server to take", () => {
  const huge = "f".repeat(20_000);
  const arn = `arn:aws:lambda:us-east-1:123456789012:function:${huge}`;
  const ref = { name: huge, arn, region: "us-east-1", nodeId: `fn:${arn}` };

  it("draws a function whose link would pass MAX_LINK_URL by name, unlinked, saying why, in every list that links", () => {
    const change = { ...ref, invokersGained: [], invokersLost: [], invokersUnverified: [], invokersUnknownBefore: [], actionsGained: [], actionsLost: [], actionsUnverified: [], actionsUnknownBefore: [] };
    const html = render({
      ...empty,
      functionsAdded: [ref],
      functionsChanged: [change as unknown as ReportDiff["functionsChanged"][number]],
      findingsNew: [{ id: "a", rule: "public-invoke", severity: "critical" as const, title: "Anyone can invoke this function", functions: [arn] }],
    });
    const hrefs = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!);
    expect(Math.max(...hrefs.map((h) => h.length))).toBeLessThan(8_000);
    expect(html.match(/data-testid="name-unlinked">\(no link to the graph: the name is 20,000 characters long\)</g)).toHaveLength(3);
  });
});
