import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { OVERVIEW_LINK, unreadLinkValues } from "@/lib/view/unread-link-values";
import { UnreadLinkNotice } from "./unread-link-notice";

const html = (qs: string) => renderToStaticMarkup(createElement(UnreadLinkNotice, { unread: unreadLinkValues(new URLSearchParams(qs)) }));

describe("UnreadLinkNotice", () => {
  it("names the link's values the graph drops, as text", () => {
    const out = html("sev=urgent&findings=<img src=x onerror=alert(1)>");
    expect(out).toContain('role="status"');
    expect(out).toContain("This link has values the graph cannot read, so they are not applied and the graph is drawn without them:");
    expect(out).toContain("severity “urgent” (not one of critical, high, medium, low, info); findings “&lt;img src=x onerror=alert(1)&gt;” (not true or false)");
    expect(out).not.toContain("<img");
  });

  it("on the overview, says the table is shown without the value and the rest of the view loaded", () => {
    const out = renderToStaticMarkup(
      createElement(UnreadLinkNotice, { unread: unreadLinkValues(new URLSearchParams("sort=<b>owner</b>"), OVERVIEW_LINK, 1), view: "overview" }),
    );
    expect(out).toContain(
      "This link has a value the overview cannot read, so it is not applied and the table is shown without it: sort “&lt;b&gt;owner&lt;/b&gt;”",
    );
    expect(out).toContain("The rest of the view loaded;");
    expect(out).not.toContain("<b>");
  });

  it("is not there for a link the graph reads whole", () => {
    expect(html("sev=high&findings=true")).toBe("");
  });
});
