import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ErrorPage from "./error";

describe("the dashboard's error page", () => {
  it("keeps its main landmark for the skip link, and announces only the message", () => {
    const html = renderToStaticMarkup(createElement(ErrorPage, { error: new Error("the view broke"), reset: () => {} }));
    expect(html.match(/<main\b[^>]*>/g)).toEqual([expect.stringContaining('id="content"')]);
    expect(html).not.toMatch(/<main[^>]*role=/);
    const alerts = [...html.matchAll(/<(\w+)[^>]*role="alert"[^>]*>(.*?)<\/\1>/g)].map((m) => m[2]);
    expect(alerts).toEqual(["the view broke"]);
  });
});
