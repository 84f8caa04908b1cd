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
