import { describe, expect, it } from "vitest";
import { parseViewport } from "./share-link";
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

  it("reads the first of a repeated param, as the page does, and says the others are not read", () => {
    const repeated = "severity given 2 times (only the first is read)";
    expect(unread("sev=high&sev=urgent")).toEqual([repeated]);
    expect(unread("sev=urgent&sev=high")).toEqual(["severity “urgent” (not one of critical, high, medium, low, info)", repeated]);
    expect(loadGraphViewState(new URLSearchParams("sev=high&sev=low"))).toMatchObject({ sev: ["high"] });
  });

  it("names every repeated param the graph page reads, the snapshot and the compared scan included, but not a value said twice alike", () => {
    expect(unread("node=a&node=b&vp=1,2,1&vp=3,4,1&snapshot=s1&snapshot=s2&compare=c1&compare=c2&q=x&q=y&other=1&other=2")).toEqual([
      "node given 2 times (only the first is read)",
      "search given 2 times (only the first is read)",
      "viewport given 2 times (only the first is read)",
      "snapshot given 2 times (only the first is read)",
      "compare given 2 times (only the first is read)",
    ]);
    expect(unread("region=eu-west-1&region=eu-west-1&findings=true&findings=true")).toEqual([]);
  });

  it("names a viewport the canvas cannot take, which it drops for the fitted view", () => {
    for (const vp of ["abc", "1,2", "1,2,3", "1,2,0.001", "1e3,2,1", "%E0%A4%A"]) {
      expect(parseViewport(vp)).toBeNull();
      expect(unread(`vp=${encodeURIComponent(vp)}`)).toEqual([`viewport “${vp}” (not x,y,zoom within the canvas's range)`]);
    }
    expect(unread(`vp=${"1".repeat(8_001)}`)).toEqual(["viewport of 8,001 characters (longer than the 8,000 a link's value may have)"]);
  });

  it("shows a crafted value's hidden characters as escapes and shortens a long one", () => {
    expect(unread(`findings=\u202eeurt&limit=x${"y".repeat(5_000)}`)).toEqual([
      "findings “\\u202eeurt” (not true or false)",
      `limit “x${"y".repeat(39)}…${"y".repeat(20)}” (not a whole number)`,
    ]);
  });
});
