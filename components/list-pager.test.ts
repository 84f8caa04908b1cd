/** The pager both paged lists use (the overview's function table, the snapshots' history), as the server draws it. */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ListPager } from "./list-pager";

const state = { page: 2, pages: 3, offset: 50, shown: 50, of: 120 };
const render = (busy: boolean) => renderToStaticMarkup(createElement(ListPager, { label: "Pages of the snapshot history", noun: "snapshot", state, busy, onPage: () => undefined }));
const opening = (html: string, pattern: string) => new RegExp(`<${pattern}[^>]*>`).exec(html)?.[0] ?? "";

describe("ListPager", () => {
  it("says what its rows are", () => {
    expect(render(false)).toContain("Showing 51–100 of 120 snapshots (page 2 of 3)");
  });

  it("says it is busy while the page asked for loads, its buttons unavailable but still focusable", () => {
    const busy = render(true);
    expect(opening(busy, "nav")).toContain('aria-busy="true"');
    for (const id of ["table-previous", "table-next"]) {
      const button = opening(busy, `button[^>]*data-testid="${id}"`);
      expect(button).toContain('aria-disabled="true"');
      expect(button).not.toMatch(/\sdisabled=/);
    }
    const idle = render(false);
    expect(opening(idle, "nav")).toContain('aria-busy="false"');
    expect(opening(idle, 'button[^>]*data-testid="table-next"')).toContain('aria-disabled="false"');
  });
});
