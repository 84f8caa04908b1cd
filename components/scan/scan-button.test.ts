import { describe, expect, it, vi } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {}, replace() {} }) }));
const { ScanButton } = await import("./scan-button");

describe("ScanButton", () => {
  it("in serve FILE mode stays focusable but aria-disabled, described by the reason", () => {
    const html = renderToStaticMarkup(createElement(ScanButton, { readOnly: true }));
    const button = /<button[^>]*>Scan now<\/button>/.exec(html)?.[0] ?? "";
    expect(button).toContain('aria-disabled="true"');
    expect(button).not.toMatch(/\sdisabled=/);
    const describedBy = /aria-describedby="([^"]+)"/.exec(button)?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toContain(`id="${describedBy}"`);
    expect(html).toContain("Scans off: one file, read-only");
  });

  it("is an ordinary button otherwise", () => {
    const html = renderToStaticMarkup(createElement(ScanButton));
    expect(html).toMatch(/<button type="button" class="[^"]*">Scan now<\/button>/);
    expect(html).not.toContain("read-only");
  });
});
