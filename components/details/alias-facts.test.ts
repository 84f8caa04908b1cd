/** An alias's Role and Can reach in the details panel, rendered as the server renders them, with crafted names. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AliasDetails } from "@/lib/view/alias-details";
import { AliasReach, AliasRoles } from "./alias-facts";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:orders";

describe("AliasRoles and AliasReach with a crafted 1 MB role name", () => {
  const name = "q".repeat(1_000_000);
  const role = { arn: `arn:aws:iam::123456789012:role/${name}`, label: name };
  const alias: AliasDetails = { arn: `${FN}:next`, label: "alias next", roles: [role, { ...role, arn: `${role.arn}2` }], invokers: [], unanswered: [] };

  it("cuts the name and the role ARN, keeping start, end and the count", () => {
    const html = renderToStaticMarkup(createElement(AliasRoles, { alias, fn: { name: "orders", role: "arn:aws:iam::123456789012:role/stable", unknown: [] } }));
    expect(html.length).toBeLessThan(40_000);
    expect(html).toMatch(/data-testid="alias-role-arn"[^>]*>arn:aws:iam::123456789012:role\/q+…\(\d+ characters\)…q+<\/span>/);
    expect(html).toMatch(/<span class="font-medium">q+…\(\d+ characters\)…q+<\/span>/);
  });

  it("cuts it in each role's heading and where its reach is listed", () => {
    const html = renderToStaticMarkup(createElement(AliasReach, { alias, fn: { arn: FN } }));
    expect(html.length).toBeLessThan(40_000);
    expect(html).toMatch(/As q+…\(\d+ characters\)…q+:/);
    expect(html).toMatch(/Listed on the node of role q+…\(\d+ characters\)…q+ \(under Connected\)/);
  });
});
