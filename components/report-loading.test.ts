import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ReportLoading } from "./report-loading";

const meta = { id: "20261206T000000Z-0123456789ab", account: "123456789012", regions: ["eu-west-1", "us-east-1", "us-west-2"], functionCount: 10_000 };

describe("ReportLoading", () => {
  it("says the account and its size, and the step the analysis has reached, as a bar and in words", () => {
    const html = renderToStaticMarkup(createElement(ReportLoading, { waiting: { meta, progress: { done: 5, total: 40, step: "rule sqs-trigger-missing-receive" } } }));
    expect(html).toContain("Analysing account 123456789012: 10,000 functions in 3 regions…");
    expect(html).toMatch(/<progress[^>]*max="40"[^>]*value="5"/);
    expect(html).toContain("Step 6 of 40: rule sqs-trigger-missing-receive");
  });

  it("before the snapshot is read: an indeterminate bar; one function in one region said in the singular", () => {
    const html = renderToStaticMarkup(createElement(ReportLoading, { waiting: { meta: { ...meta, regions: ["us-east-1"], functionCount: 1 }, progress: null } }));
    expect(html).toContain("Analysing account 123456789012: 1 function in 1 region…");
    expect(html).not.toMatch(/<progress[^>]*value=/);
    expect(html).toContain("Reading the snapshot");
  });

  it("queued behind other snapshots' analyses: says it waits, and how many go first, under an indeterminate bar", () => {
    const one = renderToStaticMarkup(createElement(ReportLoading, { waiting: { meta, progress: { ahead: 1 } } }));
    expect(one).toContain("Analysing account 123456789012: 10,000 functions in 3 regions…");
    expect(one).toContain("Waiting for another analysis to finish");
    expect(one).not.toMatch(/<progress[^>]*value=/);
    expect(one).not.toContain("Reading the snapshot");
    const two = renderToStaticMarkup(createElement(ReportLoading, { waiting: { meta, progress: { ahead: 2 } } }));
    expect(two).toContain("Waiting for 2 other analyses to finish");
  });

  it("without a snapshot to name (the snapshots page), the general line", () => {
    expect(renderToStaticMarkup(createElement(ReportLoading))).toContain("Loading and analysing the snapshot…");
  });

  it("is the page's main landmark with an h1, and only the headline is a live status, not the step line each poll changes", () => {
    const html = renderToStaticMarkup(createElement(ReportLoading, { waiting: { meta, progress: { done: 5, total: 40, step: "rule sqs-trigger-missing-receive" } } }));
    expect(html.match(/<main\b[^>]*>/g)).toHaveLength(1);
    expect(html).toMatch(/<h1[^>]*>(<span[^>]*><\/span>)?Analysing account 123456789012: 10,000 functions in 3 regions…<\/h1>/);
    // One live region, closed right after the headline: the step line is outside it.
    expect(html.match(/role="status"|aria-live=/g)).toHaveLength(1);
    expect(html).toMatch(/<div role="status"><h1[^>]*>.*?<\/h1><\/div>/);
    expect(html.indexOf("Step 6 of 40")).toBeGreaterThan(html.indexOf("</h1></div>"));
  });

  it("leaves the skip link's target id to the page: React holds the streamed page beside it until it reveals it", () => {
    for (const waiting of [undefined, { meta, progress: null }]) {
      expect(renderToStaticMarkup(createElement(ReportLoading, { waiting }))).not.toMatch(/\bid="content"/);
    }
  });
});

