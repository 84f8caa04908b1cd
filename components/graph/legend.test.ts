import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Legend } from "./legend";

describe("Legend severity chips", () => {
  it("are a list named for what they are, each chip its severity's word, not a bare colour", () => {
    const html = renderToStaticMarkup(createElement(Legend, { open: true, room: 800, onToggle: () => undefined }));
    const list = /<ul[^>]*aria-label="Severity colours"[^>]*>(.*?)<\/ul>/.exec(html)?.[1];
    expect(list).toBeDefined();
    expect([...list!.matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((m) => m[1])).toEqual(["Critical", "High", "Medium", "Low", "Info"]);
  });
});
