/**
 * The overview's text from a crafted snapshot: an alias name or an AWS message in "what could not be read" holds
 * terminal escapes, NUL, carriage returns, U+2028 and a right-to-left override. Rendered raw, a carriage return or NUL
 * is rewritten by the HTML parser, so the page failed to hydrate (React error 418), and the override reversed the
 * hover text; shown as escapes (lib/view/visible-text.ts) like every name on the page, the server's HTML is the text.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { buildOverview } from "@/lib/view/overview";
import { dataGaps } from "@/lib/view/data-gaps";
import { HIDDEN_CHARACTERS } from "@/lib/view/visible-text";
import { CRAFTED_NAMES, CRAFTED_ROLES, hostileSnapshot } from "@/test/hostile/hostile-snapshot";
import { DataGapsNote } from "./data-gaps";
import { InvokersCell } from "./functions-table";

const report = analyzeSnapshot(parseSnapshotValue(hostileSnapshot()));
const hidden = (html: string) => [...html.matchAll(HIDDEN_CHARACTERS)].map((m) => m[0].charCodeAt(0).toString(16));

describe("overview text of a hostile snapshot", () => {
  it("the invoker cell's reason, shown and on hover, holds no raw control or bidirectional character", () => {
    const rows = buildOverview(report).rows.filter((r) => r.invokerGap);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => hidden(r.invokerGap!.why).length > 0)).toBe(true);
    for (const row of rows) expect(hidden(renderToStaticMarkup(createElement(InvokersCell, { row })))).toEqual([]);
  });

  it("a function named as Lambda names none has no row: the list of what could not be read says it was set aside", () => {
    const names = buildOverview(report).rows.map((r) => r.name);
    expect(names).toContain("checkout-api");
    for (const name of CRAFTED_NAMES) expect(names).not.toContain(name);
    const setAside = dataGaps(report)!.items.filter((item) => /^ListFunctions .*FunctionName: not a Lambda function name/.test(item));
    expect(setAside).toHaveLength(CRAFTED_NAMES.length);
  });

  it("a role named as IAM names none is set aside: the function running as it reads its role as unknown, never fine", () => {
    CRAFTED_ROLES.forEach((_, i) => {
      const fn = report.functions.find((f) => f.name === `fn-role-${i}`)!;
      expect(report.findings.filter((f) => f.function === fn.arn).map((f) => f.rule), fn.name).toEqual(["data-unavailable"]);
    });
    const setAside = dataGaps(report)!.items.filter((item) => /^GetAccountAuthorizationDetails.*: not an IAM (role name|path|policy name)/.test(item));
    expect(setAside).toHaveLength(CRAFTED_ROLES.length);
    // What the gaps and findings say names where the entry was and why, not its crafted text.
    const said = JSON.stringify([dataGaps(report), report.findings.map((f) => [f.title, f.remediation])]);
    for (const { name, path, policy } of CRAFTED_ROLES) for (const text of [name, path, policy]) if (text && text !== "pathed-role" && text !== "policy-named-role") expect(said).not.toContain(JSON.stringify(text).slice(1, -1));
  });

  it("the list of what could not be read holds none either", () => {
    const gaps = dataGaps(report)!;
    expect(hidden(gaps.summary + gaps.items.join("")).length).toBeGreaterThan(0);
    expect(hidden(renderToStaticMarkup(createElement(DataGapsNote, { gaps })))).toEqual([]);
  });
});
