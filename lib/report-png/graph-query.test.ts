import { describe, expect, it } from "vitest";
import { loadGraphViewState } from "@/lib/view/url-state";
import { MAX_LINK_VALUE } from "@/lib/view/graph-link";
import { unreadLinkValues } from "@/lib/view/unread-link-values";
import { parseReportQuery, printPath } from "./graph-query";

const parse = (qs: string) => parseReportQuery(new URLSearchParams(qs));

describe("report query", () => {
  it("keeps the graph page's params and adds print=1", () => {
    const r = parse("snapshot=20261120T093000Z-0123456789ab&focus=fn%3Aarn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Ax&sev=high,critical&findings=true&limit=40");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.query.view.sev).toEqual(["high", "critical"]);
    const path = printPath(r.query);
    const back = new URLSearchParams(path.split("?")[1]);
    expect(path.startsWith("/graph?")).toBe(true);
    expect(Object.fromEntries(back)).toEqual({
      snapshot: "20261120T093000Z-0123456789ab",
      focus: "fn:arn:aws:lambda:us-east-1:1:function:x",
      sev: "high,critical",
      findings: "true",
      limit: "40",
      print: "1",
    });
  });

  it("refuses a param repeated with different values, which the graph page notes (only the first read), and reads one repeated with the same value", () => {
    const r = parse("focus=fn%3Aa&focus=fn%3Ab&sev=critical&sev=low&snapshot=latest&snapshot=20261120T093000Z-0123456789ab");
    expect(r).toEqual({
      ok: false,
      issues: ["cannot read focus given 2 times (only the first is read)", "cannot read severity given 2 times (only the first is read)", "cannot read snapshot given 2 times (only the first is read)"],
    });
    const same = parse("focus=fn%3Aa&focus=fn%3Aa&sev=critical");
    expect(same.ok && same.query.view).toMatchObject({ focus: "fn:a", sev: ["critical"] });
  });

  it("ignores a viewport or search it does not draw, even one the page could not read: the image is fitted, with no search", () => {
    const r = parse("sev=high&vp=zoomed&vp=elsewhere&q=a&q=b");
    expect(r.ok && printPath(r.query)).toBe("/graph?sev=high&print=1");
  });

  it("defaults to the latest snapshot", () => {
    const r = parse("");
    expect(r.ok && printPath(r.query)).toBe("/graph?print=1");
  });

  it("accepts the viewport and search that shared graph URLs carry, and leaves them out of the print page", () => {
    const r = parse("sev=high&vp=-120,40,0.5&q=orders");
    expect(r.ok).toBe(true);
    if (r.ok) expect(printPath(r.query)).toBe("/graph?sev=high&print=1");
  });

  // One reading of a link for the page and the export (url-state.ts, unread-link-values.ts): a link the page opens
  // whole, the export draws; a stricter twin refused a chat tool's utm_source and a focus past 2,048 characters.
  it("draws a link the page reads whole: a param the graph has no use for is ignored by both, as the page ignores it", () => {
    const link = new URLSearchParams("sev=high&utm_source=chat&fbclid=x1");
    const r = parseReportQuery(link);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.query.view).toEqual(loadGraphViewState(link));
    expect(printPath(r.query)).toBe("/graph?sev=high&print=1");
    expect(unreadLinkValues(link)).toEqual([]);
  });

  it.each(["focus", "node", "svc", "region", "sev"])("takes a %s at the longest a link's value may be, as the page reads it", (key) => {
    const value = key === "sev" ? `high${",".repeat(MAX_LINK_VALUE - 4)}` : `fn:${"x".repeat(MAX_LINK_VALUE - 3)}`;
    expect(value).toHaveLength(MAX_LINK_VALUE);
    const link = new URLSearchParams({ [key]: value });
    const r = parseReportQuery(link);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.query.view).toEqual(loadGraphViewState(link));
    expect(unreadLinkValues(link)).toEqual([]);
  });

  it.each(["focus", "node", "svc", "region", "sev"])("refuses a %s one character longer, in the words of the page's note, which reads it not", (key) => {
    const link = new URLSearchParams({ [key]: "x".repeat(MAX_LINK_VALUE + 1) });
    const r = parseReportQuery(link);
    expect(r.ok).toBe(false);
    const note = unreadLinkValues(link);
    const named = ({ sev: "severity", svc: "service" } as Record<string, string>)[key] ?? key;
    expect(note).toEqual([`${named} of ${(MAX_LINK_VALUE + 1).toLocaleString("en-US")} characters (longer than the ${MAX_LINK_VALUE.toLocaleString("en-US")} a link's value may have)`]);
    if (!r.ok) expect(r.issues).toEqual(note.map((n) => `cannot read ${n}`));
    expect(loadGraphViewState(link)[key as "focus"]).toEqual(loadGraphViewState(new URLSearchParams())[key as "focus"]);
  });

  it.each([
    ["bad snapshot", "snapshot=../../etc", /snapshot/],
    ["bad compare", "compare=../../etc", /compare/],
    ["bad severity", "sev=urgent", /sev/],
    // What the page names in its "not read" note: the image has no such note, and would pass for the asked view.
    ["unreadable limit", "limit=many", /limit “many” \(not a whole number\)/],
    ["unreadable findings", "findings=yes", /findings “yes”/],
    ["an unreadable value and an over-long one, both named", `sev=urgent&focus=${"x".repeat(MAX_LINK_VALUE + 1)}`, /cannot read focus of 8,001 characters.*; cannot read severity “urgent”/],
  ])("rejects %s", (_, qs, issue) => {
    const r = parse(qs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.join("; ")).toMatch(issue);
  });

  // Each value the graph page reads without a note, per param: the export takes it, and the print page it renders
  // reads the same view state the shared link shows (a stricter twin of these parsers answered 400 to some).
  it.each([
    ["findings", ["true", "TRUE", "True", "false", "FALSE"]],
    ["limit", ["40", "0", "-3", "99999", "12abc", "1.5"]],
    ["sev", ["high,critical", "critical,,low", ""]],
    ["svc", ["s3.amazonaws.com", "S3,,sns", "a b", ""]],
    ["region", ["us-east-1", "US-EAST-1", "us east", "eu-west-1,,us-east-1", ""]],
    ["focus", ["fn:arn:aws:lambda:us-east-1:1:function:x", "", "a,b"]],
    ["node", ["role:arn:aws:iam::1:role/r", ""]],
  ])("reads %s as the graph page does", (key, values) => {
    for (const value of values) {
      const link = new URLSearchParams({ [key]: value, vp: "1,2,0.5" });
      const page = loadGraphViewState(link);
      const r = parseReportQuery(link);
      expect(r.ok, `${key}=${value}`).toBe(true);
      if (!r.ok) continue;
      expect(r.query.view, `${key}=${value}`).toEqual(page);
      const printed = new URLSearchParams(printPath(r.query).split("?")[1]);
      expect(loadGraphViewState(printed), `${key}=${value} printed`).toEqual(page);
    }
  });

  it("reads an empty snapshot or compare as the page does: the latest snapshot, no comparison", () => {
    const r = parse("snapshot=&compare=&findings=TRUE");
    expect(r.ok).toBe(true);
    if (r.ok) expect(printPath(r.query)).toBe("/graph?findings=true&print=1");
  });
});
