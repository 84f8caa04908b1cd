import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { DetailsFailed } from "./details-failed";

const html = (label: string | undefined, message: string, signedOut = false) =>
  renderToStaticMarkup(createElement(DetailsFailed, { label, message, signedOut, onRetry: () => {}, onClose: () => {} }));

describe("DetailsFailed", () => {
  it("says what the server said about the node, as text, with Close and Try again", () => {
    const out = html("<img src=x onerror=alert(1)>", "invalid query: node: <b>bad</b>");
    expect(out).toContain("Could not load the details of &lt;img src=x onerror=alert(1)&gt;: invalid query: node: &lt;b&gt;bad&lt;/b&gt;.");
    expect(out).not.toContain("<img");
    expect(out).toContain('aria-label="Close details"');
    expect(out).toContain(">Try again</button>");
  });

  it("names a node it has no name for as this node, and cuts a crafted megabyte name", () => {
    expect(html(undefined, "Failed to fetch")).toContain("Could not load the details of this node: Failed to fetch.");
    const out = html(`orders-${"y".repeat(1_000_000)}`, "the server answered 431");
    expect(out).toMatch(/Could not load the details of orders-y+…\(\d+ characters\)…y+: the server answered 431\./);
    expect(out.length).toBeLessThan(10_000);
  });

  it("leaves the session's end, its reason and the way to sign in again to the page's one notice", () => {
    const out = html("orders-processor", "sign-in required", true);
    expect(out).toContain("Could not load the details of orders-processor.");
    expect(out).not.toContain("sign-in required");
    expect(out).toContain("Your session has ended: sign in again to load them.");
    expect(out).not.toContain("<a ");
    expect(out).not.toContain("role=");
    expect(out).not.toContain(">Try again</button>");
  });
});
