import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { CopyButton, CopyStatus } from "./copy-button";

/** The page's text as find-in-page and a text reader see it: every text node, aria-hidden or visually hidden alike. */
const pageText = (html: string) => html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();

describe("CopyButton", () => {
  it("puts its label in the page's text once, and names the button by it", () => {
    const html = renderToStaticMarkup(createElement(CopyButton, { text: "x", label: "Copy link", testId: "copy-link" }));
    expect(pageText(html).match(/Copy link/g)).toHaveLength(1);
    expect(html).toMatch(/<button [^>]*aria-label="Copy link"/);
    // The status region beside it is empty until a copy: nothing else on the page says the label.
    expect(html).toMatch(/<span role="status"[^>]*><\/span>/);
  });

  it("names the button by the label and what is copied, with the label once in the text", () => {
    const html = renderToStaticMarkup(createElement(CopyButton, { text: "x", label: "Copy fix", purpose: "for Public invoke" }));
    expect(html).toMatch(/<button [^>]*aria-label="Copy fix for Public invoke"/);
    expect(pageText(html)).toBe("Copy fix");
  });

  it("shows a refused copy beside the button in the words its status region says, with what to do instead", () => {
    const refused = (whenRefused?: string) => renderToStaticMarkup(createElement(CopyStatus, { state: "failed", testId: "copy-link", whenRefused }));
    const link = refused("copy the address bar instead");
    expect(pageText(link)).toBe("Could not copy: copy the address bar instead");
    expect(link).toMatch(/^<span role="status"/);
    // Visible, not only to screen readers: the ✕ in the button alone said nothing of what to do.
    expect(link).not.toMatch(/sr-only/);
    expect(pageText(refused())).toBe("Could not copy to the clipboard");
    // A success is said only: the button's tick shows it.
    const copied = renderToStaticMarkup(createElement(CopyStatus, { state: "copied", testId: "copy-link" }));
    expect(copied).toMatch(/class="sr-only"/);
    expect(pageText(copied)).toBe("Copied to the clipboard");
  });
});
