import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ReportDownloads } from "./report-downloads";

const html = (functionCount: number) => renderToStaticMarkup(createElement(ReportDownloads, { snapshotId: "20261206T000000Z-0123456789ab", functionCount }));

describe("ReportDownloads", () => {
  it("warns of a large account's JSON report before the click, beside the link and in its description", () => {
    const out = html(10_000);
    expect(out).toContain("(large: 10,000 functions, about 65 MB)");
    expect(out).toMatch(/<a[^>]*aria-describedby="report-json-size"[^>]*>JSON<\/a>/);
    expect(out).toContain('id="report-json-size"');
  });

  it("says nothing more for a small account", () => {
    const out = html(84);
    expect(out).not.toContain("large:");
    expect(out).not.toContain("aria-describedby");
  });
});
