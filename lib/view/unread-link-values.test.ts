import { describe, expect, it } from "vitest";
import { parseViewport } from "./share-link";
import { pageOf } from "./paging";
import { loadGraphViewState, loadOverviewState } from "./url-state";
import { OVERVIEW_LINK, unreadLinkValues } from "./unread-link-values";

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

describe("unreadLinkValues of the overview's link", () => {
  const overview = (qs: string, pages = 3) => unreadLinkValues(new URLSearchParams(qs), OVERVIEW_LINK, pages);

  it("names the table's sort, direction and severity values it drops, with what it does instead", () => {
    const qs = "sort=owner&dir=up&sev=urgent,high&q=orders";
    // What the page reads of it: the unreadable values are gone, the defaults in their place.
    expect(loadOverviewState(new URLSearchParams(qs))).toMatchObject({ sort: "severity", dir: "asc", sev: ["high"], q: "orders" });
    expect(overview(qs)).toEqual([
      "sort “owner” (not one of name, region, runtime, invokers, severity; sorted by severity)",
      "dir “up” (not asc or desc; ascending)",
      "severity “urgent” (not one of critical, high, medium, low, info)",
    ]);
  });

  it("names a Can reach action that is no service:Action, which the table then does not ask", () => {
    expect(overview("reach=PutObject&on=orders-prod")).toEqual(["can reach “PutObject” (not service:Action, such as s3:PutObject or s3:*; every function is shown)"]);
    expect(overview("reach=s3:*&on=orders-prod")).toEqual([]);
    expect(overview("reach=s3:Put*")).toEqual([]);
  });

  it("names an invoker kind it drops, which would otherwise widen the table without a word", () => {
    const qs = "who=everyone,public&rule=function-url-public";
    expect(loadOverviewState(new URLSearchParams(qs))).toMatchObject({ who: ["public"], rule: ["function-url-public"] });
    expect(overview(qs)).toEqual(["invoked by “everyone” (not one of public, other-account, service, iam)"]);
    expect(overview("who=public,other-account,service,iam")).toEqual([]);
  });

  it("says which page is shown for a page it cannot read, before the first or past the last", () => {
    const rows = Array.from({ length: 450 }, (_, i) => i);
    for (const [page, shown] of [["x", 1], ["0", 1], ["-2", 1], ["9", 3]] as const) {
      expect(pageOf(rows, loadOverviewState(new URLSearchParams(`page=${page}`)).page, 200).page).toBe(shown);
    }
    expect(overview("page=x")).toEqual(["page “x” (not a whole number; page 1 is shown)"]);
    expect(overview("page=0")).toEqual(["page “0” (pages start at 1; page 1 is shown)"]);
    expect(overview("page=-2")).toEqual(["page “-2” (pages start at 1; page 1 is shown)"]);
    expect(overview("page=9")).toEqual(["page “9” (there are 3 pages; page 3 is shown)"]);
    expect(overview("page=2", 1)).toEqual(["page “2” (there is 1 page; page 1 is shown)"]);
    expect(overview("page=1200", 1_001)).toEqual(["page “1200” (there are 1,001 pages; page 1,001 is shown)"]);
  });

  it("says nothing of a link it reads whole, of an empty value, or of the graph's params", () => {
    expect(overview("")).toEqual([]);
    expect(overview("q=x&sort=name&dir=desc&sev=critical,high&rule=public-invoke&who=public&page=3&snapshot=latest")).toEqual([]);
    expect(overview("sort=&dir=&page=&sev=")).toEqual([]);
    expect(overview("findings=yes&limit=lots&vp=abc&node=a&node=b")).toEqual([]);
  });

  it("names every repeated param the overview reads, and reads the first", () => {
    expect(loadOverviewState(new URLSearchParams("sort=name&sort=region"))).toMatchObject({ sort: "name" });
    expect(overview("q=a&q=b&sort=name&sort=region&dir=asc&dir=desc&sev=high&sev=low&page=1&page=2&snapshot=s1&snapshot=s2&sort=name")).toEqual([
      "search given 2 times (only the first is read)",
      "sort given 3 times (only the first is read)",
      "dir given 2 times (only the first is read)",
      "severity given 2 times (only the first is read)",
      "page given 2 times (only the first is read)",
      "snapshot given 2 times (only the first is read)",
    ]);
    expect(overview("sort=name&sort=name&page=2&page=2")).toEqual([]);
  });

  it("shows a crafted value's hidden characters as escapes and shortens a long one", () => {
    expect(overview(`sort=\u202eeman&dir=x${"y".repeat(5_000)}`)).toEqual([
      "sort “\\u202eeman” (not one of name, region, runtime, invokers, severity; sorted by severity)",
      `dir “x${"y".repeat(39)}…${"y".repeat(20)}” (not asc or desc; ascending)`,
    ]);
  });
});
