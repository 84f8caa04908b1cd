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
    text(renderToStaticMarkup(createElement(NuqsTestingAdapter, { searchParams: search, children: createElement(FunctionsTable, { rows, snapshotQuery: "", regions }) })));

  it("says the snapshot has no functions and where to look, instead of 'No function matches'", () => {
    const out = render([], ["eu-west-1"]);
    expect(out).toContain("This snapshot has no Lambda functions in the region it covers (eu-west-1)");
    expect(out).toContain("LPG_SCAN_REGIONS");
    expect(out).not.toContain("No function matches");
  });
});
