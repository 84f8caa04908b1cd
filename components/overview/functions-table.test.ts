/** The function table's pager: which rows are drawn, and the way to the others (server-rendered markup). */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NuqsTestingAdapter } from "nuqs/adapters/testing";
import { FunctionsTable } from "./functions-table";
import type { TablePage, TableRow } from "@/lib/view/overview";

const row = (i: number): TableRow => ({
  arn: `arn:aws:lambda:us-east-1:123456789012:function:fn-${i}`,
  name: `fn-${i}`,
  region: "us-east-1",
  runtime: "nodejs22.x",
  description: "",
  invokers: 0,
  findings: 0,
});

function render(page: TablePage, search = ""): string {
  return renderToStaticMarkup(createElement(NuqsTestingAdapter, { searchParams: search, children: createElement(FunctionsTable, { page, snapshotQuery: "" }) }));
}

const button = (html: string, id: string) => new RegExp(`<button[^>]*data-testid="${id}"[^>]*>`).exec(html)?.[0] ?? "";

describe("the function table's pages", () => {
  it("says which rows of the matching ones it draws, and offers the pages before and after", () => {
    const html = render({ rows: [row(201), row(202)], matched: 450, total: 10_000, page: 2, pages: 3, offset: 200 }, "page=2");
    expect(html).toMatch(/aria-label="Pages of the function table"/);
    expect(html).toContain("Showing 201–202 of 450 functions (page 2 of 3)");
    expect(button(html, "table-previous")).toContain('aria-disabled="false"');
    expect(button(html, "table-next")).toContain('aria-disabled="false"');
  });

  it("puts the pager above the rows, so the button a keyboard user pressed stays in view over the new page", () => {
    const html = render({ rows: [row(201), row(202)], matched: 450, total: 10_000, page: 2, pages: 3, offset: 200 }, "page=2");
    expect(html.indexOf('data-testid="table-next"')).toBeGreaterThan(-1);
    expect(html.indexOf('data-testid="table-next"')).toBeLessThan(html.indexOf("<table"));
  });

  it("keeps the button that leads nowhere focusable but says it is unavailable", () => {
    const first = render({ rows: [row(1)], matched: 450, total: 450, page: 1, pages: 3, offset: 0 });
    expect(first).toContain("Showing 1–1 of 450 functions (page 1 of 3)");
    expect(button(first, "table-previous")).toContain('aria-disabled="true"');
    expect(button(first, "table-previous")).not.toMatch(/\sdisabled=/);
    const last = render({ rows: [row(401)], matched: 450, total: 450, page: 3, pages: 3, offset: 400 }, "page=3");
    expect(button(last, "table-next")).toContain('aria-disabled="true"');
  });

  it("names the table by its heading, so a screen reader's list of tables says which one it is", () => {
    const html = render({ rows: [row(1)], matched: 1, total: 1, page: 1, pages: 1, offset: 0 });
    expect(html).toMatch(/<h2 id="functions-heading"[^>]*>Functions<\/h2>/);
    expect(html).toMatch(/<table[^>]*aria-labelledby="functions-heading"/);
  });

  it("has no pager when every matching row is drawn", () => {
    const html = render({ rows: [row(1), row(2)], matched: 2, total: 450, page: 1, pages: 1, offset: 0 });
    expect(html).not.toContain("Pages of the function table");
    // Read out alone when it changes: the count says what it counts.
    expect(html).toMatch(/data-testid="table-count">2 of 450 functions</);
    expect(render({ rows: [row(1)], matched: 1, total: 1, page: 1, pages: 1, offset: 0 })).toMatch(/data-testid="table-count">1 of 1 function</);
  });
});

describe("the function table's links to the graph", () => {
  it("opens the graph on the function; a name too long for any server to take a link of is drawn without one", () => {
    const short = { ...row(1), nodeId: "fn:arn:aws:lambda:us-east-1:123456789012:function:fn-1" };
    const huge = "f".repeat(20_000);
    const long = { ...row(2), name: huge, arn: `arn:aws:lambda:us-east-1:123456789012:function:${huge}`, nodeId: `fn:arn:aws:lambda:us-east-1:123456789012:function:${huge}` };
    const html = render({ rows: [short, long], matched: 2, total: 2, page: 1, pages: 1, offset: 0 });
    const hrefs = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!);
    expect(Math.max(...hrefs.map((h) => h.length))).toBeLessThan(8_000);
    expect(hrefs).toContain("/graph?focus=fn%3Aarn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn-1&amp;node=fn%3Aarn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn-1");
    expect(html).toContain(`<span class="font-medium">${huge}</span>`);
    expect(html).toMatch(/data-testid="name-unlinked">\(no link to the graph: the name is 20,000 characters long\)</);
  });
});

describe("the function table's text from a crafted snapshot", () => {
  it("cuts a 1 MB description of short words in the middle, shown and on hover (a real one is 256 characters at most)", () => {
    const description = `START ${"word ".repeat(209_715)}END`;
    const html = render({ rows: [{ ...row(1), description }], matched: 1, total: 1, page: 1, pages: 1, offset: 0 });
    expect(html.length).toBeLessThan(200_000);
    const shown = /<p title="([^"]*)"[^>]*>(.*?)<\/p>/s.exec(html);
    expect(shown?.[1]).toMatch(/^START word .*…\(\d+ characters\)….* word END$/s);
    expect(shown?.[2]).toBe(shown?.[1]);
  });
});

describe("the Can do question's answer", () => {
  it("says how many matching functions are allowed, conditional and unknown, in a polite live region read once", () => {
    const html = render({ rows: [row(1)], matched: 6, total: 84, page: 1, pages: 1, offset: 0, reachCounts: { allowed: 4, conditional: 1, unknown: 1 } }, "reach=s3:PutObject");
    expect(html).toMatch(/<p[^>]*aria-live="polite"[^>]*data-testid="reach-counts">Answers to the Can do question: 4 allowed, 1 conditional, 1 unknown<\/p>/);
  });

  it("says in the live region which ARN a name typed was asked as, so a screen reader hears it too", () => {
    const askedAs = "asked as arn:aws:sqs:us-east-1:123456789012:orders (the only queue named orders)";
    const html = render({ rows: [row(1)], matched: 1, total: 1, page: 1, pages: 1, offset: 0, reachCounts: { allowed: 1, conditional: 0, unknown: 0 }, reachAskedAs: askedAs }, "reach=sqs:SendMessage&on=orders");
    expect(html).toMatch(/<p[^>]*aria-live="polite"[^>]*data-testid="reach-counts">Answers to the Can do question: 1 allowed, 0 conditional, 0 unknown; asked as arn:aws:sqs:us-east-1:123456789012:orders \(the only queue named orders\)<\/p>/);
  });

  it("keeps the live region, empty, when no question is asked, so the first answer is read out", () => {
    const html = render({ rows: [row(1)], matched: 1, total: 1, page: 1, pages: 1, offset: 0 });
    expect(html).toMatch(/<p[^>]*aria-live="polite"[^>]*data-testid="reach-counts"><\/p>/);
  });
});
