/** The role node's "Assumed by": each assumer as text, the open ones marked; an unreadable trust policy said as such. */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import type { RoleAssumer } from "@/lib/analysis/types";
import { AssumerList } from "./assumer-list";

const github: RoleAssumer = {
  principal: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
  kind: "federated",
  action: "sts:AssumeRoleWithWebIdentity",
  sid: "<b>ci</b>",
  decision: "allowed",
  openTo: "GitHub Actions of any repository",
};
const codebuild: RoleAssumer = { principal: "codebuild.amazonaws.com", kind: "service", action: "sts:AssumeRole", sid: "#0", decision: "allowed" };
const render = (assumers: Parameters<typeof AssumerList>[0]["assumers"]) => renderToString(createElement(AssumerList, { assumers }));

describe("AssumerList", () => {
  it("lists each assumer with its call and statement, marks the open ones, and renders snapshot text as text", () => {
    const html = render({ assumers: [codebuild, github] });
    expect(html.match(/data-testid="assumer"/g)).toHaveLength(2);
    expect(html).toContain("codebuild.amazonaws.com · sts:AssumeRole (trust policy statement #0)");
    expect(html).toMatch(/data-open="true"[^>]*>OIDC provider token\.actions\.githubusercontent\.com — open to GitHub Actions of any repository/);
    expect(html.match(/data-open/g)).toHaveLength(1);
    expect(html).toContain("statement &lt;b&gt;ci&lt;/b&gt;");
  });

  it("cuts a crafted 1 MB Sid of short words in the middle, keeping the line's start, its end and the count", () => {
    const html = render({ assumers: [{ ...codebuild, sid: `START ${"word ".repeat(209_715)}END` }] });
    expect(html.length).toBeLessThan(200_000);
    expect(html).toMatch(/>codebuild\.amazonaws\.com · sts:AssumeRole \(trust policy statement START word .*…\(\d+ characters\)….* word END\)<\/li>/s);
  });

  it("says unknown for an unreadable trust policy and no one for an empty list", () => {
    expect(render({ assumers: [], trustUnreadable: true })).toContain("who may assume it is unknown (trust policy unreadable)");
    expect(render({ assumers: [] })).toContain("no one may assume it (trust policy)");
  });
});
