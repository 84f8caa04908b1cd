/** Error and empty states of the dashboard pages say what happened and where to go next. */
import { describe, expect, it, vi } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NuqsTestingAdapter } from "nuqs/adapters/testing";

// The header reads the session (an async server component); these tests are about the page body.
vi.mock("@/components/app-header", () => ({ AppHeader: () => null, MAIN_ID: "content" }));
const { NoReport } = await import("./no-report");
const { default: ErrorPage } = await import("./error");
const { FunctionsTable } = await import("@/components/overview/functions-table");

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;|&apos;/g, "'");

describe("dashboard error page", () => {
  it("offers the latest snapshot and the list of snapshots, not only Try again", () => {
    const html = renderToStaticMarkup(createElement(ErrorPage, { error: new Error("boom"), reset: () => undefined }));
    expect(html).toMatch(/<a href="\/"[^>]*>Open the latest snapshot<\/a>/);
    expect(html).toMatch(/<a href="\/snapshots"[^>]*>All snapshots<\/a>/);
  });

  it("says the server failed instead of React's withheld-message text, and gives the reference to look up", () => {
    // A production build replaces a server error's message before it reaches the page.
    const error = Object.assign(new Error("Minified React error #441; visit https://react.dev/errors/441 for the full message"), { digest: "1299009673" });
    const out = text(renderToStaticMarkup(createElement(ErrorPage, { error, reset: () => undefined })));
    expect(out).not.toContain("Minified React error");
    expect(out).toContain("The server failed while building this view");
    expect(out).toContain("Reference 1299009673");
    // An error of the page itself keeps its own message.
    expect(text(renderToStaticMarkup(createElement(ErrorPage, { error: new Error("boom"), reset: () => undefined })))).toContain("boom");
  });
});

describe("a link whose snapshot cannot be shown", () => {
  const render = (load: Parameters<typeof NoReport>[0]["load"], current: "overview" | "graph" = "graph") => renderToStaticMarkup(createElement(NoReport, { load, current }));

  it("an invalid snapshot id offers the same view on the latest snapshot, and the list", () => {
    const html = render({ kind: "invalid", error: "not a snapshot id", search: "snapshot=nope&node=fn%3Ax" });
    expect(text(html)).toContain("Invalid snapshot id");
    expect(html).toMatch(/<a [^>]*href="\/graph\?node=fn%3Ax"[^>]*>Open the latest snapshot<\/a>/);
    expect(html).toMatch(/<a [^>]*href="\/snapshots"[^>]*>All snapshots<\/a>/);
  });

  it("a stored snapshot that no longer reads says so with the reader's reason, as text, and where to go instead", () => {
    const reason = 'snapshot 20260201T000000Z-abc: not valid JSON (<b>Unterminated</b> string)';
    const latest = render({ kind: "unreadable", snapshotId: "20260201T000000Z-abc", requested: "latest", reason, search: "" });
    expect(text(latest)).toContain("Snapshot could not be read");
    expect(latest).toContain("&lt;b&gt;Unterminated&lt;/b&gt;");
    expect(text(latest)).toContain("scan again with Scan now");
    // The latest is the one that failed: no link back to it.
    expect(latest).not.toContain('data-testid="open-latest"');
    expect(latest).toMatch(/<a [^>]*href="\/snapshots"[^>]*>All snapshots<\/a>/);
    const pinned = render({ kind: "unreadable", snapshotId: "20260101T000000Z-abc", requested: "20260101T000000Z-abc", reason, search: "snapshot=20260101T000000Z-abc" }, "overview");
    expect(pinned).toMatch(/<a [^>]*href="\/"[^>]*>Open the latest snapshot<\/a>/);
  });
});

describe("no snapshot yet", () => {
  it("names Scan now and upload, with a link to Snapshots, besides the CLI", () => {
    const html = renderToStaticMarkup(createElement(NoReport, { load: { kind: "missing", snapshotId: "latest", search: "" }, current: "overview" }));
    expect(text(html)).toContain("Press Scan now above");
    expect(html).toMatch(/<a[^>]*href="\/snapshots"[^>]*>Snapshots<\/a>/);
    expect(text(html)).toContain("npm run cli -- scan");
  });
});

describe("overview table of a snapshot without functions", () => {
  const render = (rows: never[], regions: string[], search = "") =>
    text(renderToStaticMarkup(createElement(NuqsTestingAdapter, { searchParams: search, children: createElement(FunctionsTable, { page: { rows, matched: 0, total: 0, page: 1, pages: 1, offset: 0 }, snapshotQuery: "", regions }) })));

  it("says the snapshot has no functions and where to look, instead of 'No function matches'", () => {
    const out = render([], ["eu-west-1"]);
    expect(out).toContain("This snapshot has no Lambda functions in the region it covers (eu-west-1)");
    expect(out).toContain("LPG_SCAN_REGIONS");
    expect(out).not.toContain("No function matches");
  });
});

describe("compare page whose scans cannot be compared", () => {
  it("keeps one h1, the page's: the message under it is a section of the page, not a second title", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    process.env.LPG_DATA_DIR = mkdtempSync(path.join(tmpdir(), "lpg-compare-empty-"));
    const { default: ComparePage } = await import("./snapshots/compare/page");
    for (const searchParams of [{ from: "no such id!" }, { from: "20260101T000000Z-abc", to: "20260102T000000Z-abc" }]) {
      const html = renderToStaticMarkup(await ComparePage({ searchParams: Promise.resolve(searchParams) }));
      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(html).toMatch(/<h1[^>]*>Compare scans<\/h1>/);
      expect(text(html)).toMatch(/Invalid snapshot id|Snapshot not found/);
    }
  });
});
