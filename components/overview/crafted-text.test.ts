/**
 * The overview's notes on text a crafted snapshot or suppressions file holds: a megabyte of short words (an AWS
 * message, a finding's title naming a crafted value, a reason) has no long word to cut, so it is cut as a whole.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataGapsNote } from "./data-gaps";
import { AcceptedFindingsNote } from "./accepted-findings";

const spaced = `START ${"word ".repeat(209_715)}END`;
const cut = /^START word .*…\(\d+ characters\)….* word END$/s;

describe("overview notes of crafted text with spaces", () => {
  it("what could not be read: each item cut in the middle", () => {
    const html = renderToStaticMarkup(createElement(DataGapsNote, { gaps: { summary: "1 API call failed during the scan", parts: [], items: [spaced], more: 0 } }));
    expect(html.length).toBeLessThan(200_000);
    expect(/data-testid="data-gap">(.*?)<\/li>/s.exec(html)?.[1]).toMatch(cut);
  });

  it("accepted findings: the place, the title and the reason each cut", () => {
    const item = { id: "x", severity: "high" as const, rule: "public-invoke", place: spaced, title: spaced, reason: spaced };
    const html = renderToStaticMarkup(createElement(AcceptedFindingsNote, { view: { kind: "applied", summary: "1 finding accepted", items: [item], warnings: [] } }));
    expect(html.length).toBeLessThan(300_000);
    const line = /data-testid="accepted-finding">.*?<span class="font-medium text-slate-900">(.*?)<\/span>: (.*?) <span class="text-slate-600">— accepted: (.*?)<\/span>/s.exec(html);
    expect(line?.slice(1)).toHaveLength(3);
    for (const part of line?.slice(1) ?? []) expect(part).toMatch(cut);
  });
});
