import { describe, expect, it } from "vitest";
import { carriedHref } from "./carried-filters";
import { MAX_LINK_URL } from "./graph-link";

const href = (base: string, query: string) => carriedHref(base, new URLSearchParams(query));

describe("carriedHref: the filters the other tab keeps", () => {
  it("carries severity, finding and invoked-by from the overview to the graph, not the table's search, sort or page", () => {
    expect(href("/graph", "q=orders&sort=name&page=2&sev=high,critical&rule=function-url-public&who=public")).toBe(
      "/graph?sev=high,critical&rule=function-url-public&who=public",
    );
  });

  it("carries them from the graph to the overview, not the graph's service, region, focus or viewport", () => {
    expect(href("/?snapshot=s1", "snapshot=s1&svc=sqs&region=us-east-1&focus=fn:x&vp=1,2,1&findings=true&limit=50&sev=low&who=iam,service")).toBe(
      "/?snapshot=s1&sev=low&who=iam,service",
    );
  });

  it("carries the Can do question both ways: its action and the resource asked about", () => {
    expect(href("/graph", "q=orders&reach=s3:PutObject&on=arn:aws:s3:::acme-reports-prod&page=2")).toBe(
      "/graph?reach=s3:PutObject&on=arn:aws:s3:::acme-reports-prod",
    );
    expect(href("/", "svc=s3&reach=s3:*&focus=fn:x")).toBe("/?reach=s3:*");
  });

  it("leaves out a question neither page can read, and a resource asked about without its action", () => {
    expect(href("/graph", "reach=PutObject&on=b")).toBe("/graph");
    expect(href("/graph", "on=b&sev=low")).toBe("/graph?sev=low");
  });

  it("is the plain tab with no filter set", () => {
    expect(href("/graph", "q=orders")).toBe("/graph");
  });

  it("leaves out a value neither page reads", () => {
    expect(href("/graph", "sev=urgent&who=everyone")).toBe("/graph");
  });

  it("drops the filters rather than draw a link too long to open", () => {
    expect(href("/graph", `rule=${"r".repeat(MAX_LINK_URL)}`)).toBe("/graph");
  });
});
