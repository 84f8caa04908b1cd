/**
 * The compare page says what the diff's JSON (GET /api/snapshots/diff, the same diffReports) says: every account-wide
 * list of the diff has a place on the page, so a line the JSON calls not verifiable, not known gained or unread in
 * both is never missing from the page. A list added to the diff without one fails here.
 */
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import type { ReportDiff } from "@/lib/diff/diff-reports";
import { EMPTY_DIFF } from "@/lib/diff/scan-fixtures";
import { DiffView } from "./diff-view";

const WHY = "The organization's RCPs: DescribePolicy p-1 failed (ThrottlingException)";
const finding = (id: string) => ({ id, rule: "public-invoke", severity: "high" as const, title: `finding ${id}`, functions: [] });
const fn = (name: string) => ({ arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, name, region: "us-east-1", nodeId: `fn:${name}` });

/** One line per list of the diff, each with a text of its own to find on the page. */
const ONE_EACH: { [K in keyof ReportDiff]?: (mark: string) => ReportDiff[K] } = {
  functionsAdded: (m) => [fn(m)],
  functionsRemoved: (m) => [fn(m)],
  functionsUnseen: (m) => [{ ...fn(m), why: WHY }],
  functionsFirstSeen: (m) => [{ ...fn(m), why: WHY }],
  findingsNew: (m) => [finding(m)],
  findingsFixed: (m) => [finding(m)],
  findingsUnverified: (m) => [{ ...finding(m), why: WHY }],
  findingsUnknownBefore: (m) => [{ ...finding(m), why: WHY, unreadIn: "newer" }],
  findingsChanged: (m) => [{ ...finding(m), was: { severity: "low", title: "before" } }],
  findingsChangeUnverified: (m) => [{ ...finding(m), was: { severity: "low", title: "before" }, why: WHY, unreadIn: "older" }],
  accountInvokersGained: (m) => [m],
  accountInvokersLost: (m) => [m],
  accountInvokersChanged: (m) => [{ text: m, was: "allowed", now: "conditional" }],
  accountInvokersUnverified: (m) => [{ text: m, why: WHY, unreadIn: "older" }],
  accountInvokersUnknownBefore: (m) => [{ text: m, why: WHY }],
  assumersGained: (m) => [m],
  assumersLost: (m) => [m],
  assumersUnverified: (m) => [{ text: m, why: WHY, unreadIn: "older" }],
  assumersUnknownBefore: (m) => [{ text: m, why: WHY, unreadIn: "newer" }],
  unreadInBoth: (m) => [{ text: m, why: WHY }],
};
/** Lists the page shows otherwise: each function's own lines (diff-view.test.ts), the graph's outline. */
const ELSEWHERE = ["functionsChanged", "changedNodeIds"];

describe("the compare page and the diff's JSON", () => {
  it("every list of the diff is one the page shows or is named as shown elsewhere", () => {
    const lists = Object.entries(EMPTY_DIFF).filter(([, v]) => Array.isArray(v)).map(([k]) => k);
    expect(lists.filter((k) => !(k in ONE_EACH) && !ELSEWHERE.includes(k))).toEqual([]);
  });

  it.each(Object.entries(ONE_EACH))("shows a line of %s", (key, make) => {
    const mark = `line-of-${key}`;
    const diff = { ...EMPTY_DIFF, [key]: make(mark) } as ReportDiff;
    const html = renderToString(createElement(DiffView, { diff, newlyPublic: [], graphQuery: "snapshot=x" }));
    expect(html).toContain(mark);
  });
});
