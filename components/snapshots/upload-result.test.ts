import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { UploadResult } from "./upload-result";

const text = (html: string) => html.replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

describe("UploadResult", () => {
  it("names the stored upload by its file name, account and capture time, the id still the link to its graph", () => {
    const scan = { account: "111111111111", capturedAt: "2026-03-02T09:30:12Z" };
    const html = renderToStaticMarkup(createElement(UploadResult, { id: "20260302-abc", duplicate: false, name: "prod.json.gz", scan }));
    expect(text(html)).toBe("Stored: prod.json.gz, the 2026-03-02 09:30 UTC scan of 111111111111 (20260302-abc)");
    expect(html).toMatch(/<a [^>]*href="\/graph\?snapshot=20260302-abc"[^>]*>20260302-abc<\/a>/);
    // Heard alone, in a screen reader's list of links, an id says nothing of where it goes; its name starts with it.
    expect(html).toContain('aria-label="20260302-abc: graph of the 2026-03-02 09:30 UTC scan of 111111111111"');
    const again = renderToStaticMarkup(createElement(UploadResult, { id: "20260302-abc", duplicate: true, name: "prod.json.gz", scan }));
    expect(text(again)).toMatch(/^Already stored: prod\.json\.gz, the 2026-03-02 09:30 UTC scan/);
  });

  it("shows a file name as text, never as markup", () => {
    const html = renderToStaticMarkup(createElement(UploadResult, { id: "s1", duplicate: false, name: "<img src=x onerror=alert(1)>.json" }));
    expect(html).not.toContain("<img");
    expect(text(html)).toBe("Stored: <img src=x onerror=alert(1)>.json (s1)");
    expect(html).toContain('aria-label="s1: graph of this snapshot"');
  });
});
