import { describe, expect, it } from "vitest";
import { loadGraphViewState } from "./url-state";
import { unreadLinkValues } from "./unread-link-values";

const unread = (qs: string) => unreadLinkValues(new URLSearchParams(qs));

describe("unreadLinkValues", () => {
  it("names each graph filter value of a link that the page cannot read, which it otherwise drops without a word", () => {
    const qs = "sev=urgent,high&findings=yes&limit=lots";
    // What the page reads of it: the unreadable values are gone, and the view is one the link did not ask for.
    expect(loadGraphViewState(new URLSearchParams(qs))).toMatchObject({ sev: ["high"], findings: false, limit: 25 });
    expect(unread(qs)).toEqual([
      "severity “urgent” (not one of critical, high, medium, low, info)",
      "findings “yes” (not true or false)",
      "limit “lots” (not a whole number)",
    ]);
  });

  it("says nothing of a link the page reads whole, or of params it has no filter for", () => {
    expect(unread("")).toEqual([]);
    expect(unread("sev=critical,high&findings=true&limit=40&svc=sqs&region=us-east-1&focus=fn%3Ax&vp=1,2,0.5&snapshot=latest")).toEqual([]);
  });

  it("reads the first of a repeated param, as the page does", () => {
    expect(unread("sev=high&sev=urgent")).toEqual([]);
    expect(unread("sev=urgent&sev=high")).toEqual(["severity “urgent” (not one of critical, high, medium, low, info)"]);
  });

  it("shows a crafted value's hidden characters as escapes and shortens a long one", () => {
    expect(unread(`findings=\u202eeurt&limit=x${"y".repeat(5_000)}`)).toEqual([
      "findings “\\u202eeurt” (not true or false)",
      `limit “x${"y".repeat(39)}…${"y".repeat(20)}” (not a whole number)`,
    ]);
  });
});
