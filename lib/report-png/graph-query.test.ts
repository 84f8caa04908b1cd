import { describe, expect, it } from "vitest";
import { loadGraphViewState } from "@/lib/view/url-state";
import { parseReportQuery, printPath } from "./graph-query";

const parse = (qs: string) => parseReportQuery(new URLSearchParams(qs));

describe("report query", () => {
  it("keeps the graph page's params and adds print=1", () => {
    const r = parse("snapshot=20261120T093000Z-0123456789ab&focus=fn%3Aarn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Ax&sev=high,critical&findings=true&limit=40");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.query.sev).toEqual(["high", "critical"]);
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

  it("reads a repeated param as the graph page does (its first value), so the PNG draws the view the URL opens", () => {
    const r = parse("focus=fn%3Aa&focus=fn%3Ab&sev=critical&sev=low&snapshot=latest&snapshot=20261120T093000Z-0123456789ab");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(loadGraphViewState(new URLSearchParams("focus=fn%3Aa&focus=fn%3Ab&sev=critical&sev=low"))).toMatchObject({ focus: "fn:a", sev: ["critical"] });
    expect(r.query).toMatchObject({ snapshot: "latest", focus: "fn:a", sev: ["critical"] });
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

  it.each([
    ["unknown param", "url=http://evil", /Unrecognized key/],
    ["bad snapshot", "snapshot=../../etc", /snapshot/],
    ["bad compare", "compare=../../etc", /compare/],
    ["bad severity", "sev=urgent", /sev/],
    ["bad limit", "limit=0", /limit/],
    ["bad region", "region=us east", /region/],
  ])("rejects %s", (_, qs, issue) => {
    const r = parse(qs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.join("; ")).toMatch(issue);
  });
});
