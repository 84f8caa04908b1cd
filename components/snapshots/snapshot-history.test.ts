import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NuqsTestingAdapter } from "nuqs/adapters/testing";
import type { SnapshotMeta } from "@/lib/store/file-store";
import { HISTORY_PAGE } from "@/lib/view/paging";
import { SnapshotHistory } from "./snapshot-history";

/** `count` snapshots, newest capture first (as the store lists them): day count, count-1, … 1 of 2026-01..03. */
function stored(count: number): SnapshotMeta[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2026, 0, count - i)).toISOString();
    return { id: `snap-${String(count - i).padStart(3, "0")}`, account: "123456789012", capturedAt: day, regions: ["us-east-1"], functionCount: 1, savedAt: day };
  });
}

const render = (snapshots: SnapshotMeta[], page: number) =>
  renderToStaticMarkup(createElement(NuqsTestingAdapter, null, createElement(SnapshotHistory, { snapshots, page })));
const rowIds = (html: string) => [...html.matchAll(/data-testid="snapshot-row" data-id="([^"]+)"/g)].map((m) => m[1]);
const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("SnapshotHistory", () => {
  it("draws a page of the history, newest first, with a pager above the rows that says where it is", () => {
    const snapshots = stored(HISTORY_PAGE * 2 + 10);
    const first = render(snapshots, 1);
    expect(rowIds(first)).toEqual(snapshots.slice(0, HISTORY_PAGE).map((s) => s.id));
    expect(rowIds(first)[0]).toBe(`snap-${HISTORY_PAGE * 2 + 10}`);
    expect(text(first)).toContain(`History (${HISTORY_PAGE * 2 + 10})`);
    expect(text(first)).toContain(`Showing 1–${HISTORY_PAGE} of ${HISTORY_PAGE * 2 + 10} snapshots (page 1 of 3)`);
    expect(first).toMatch(/aria-label="Pages of the snapshot history"/);
    expect(first.indexOf('data-testid="table-next"')).toBeLessThan(first.indexOf("<table"));

    const last = render(snapshots, 3);
    expect(rowIds(last)).toEqual(snapshots.slice(HISTORY_PAGE * 2).map((s) => s.id));
    expect(text(last)).toContain(`Showing ${HISTORY_PAGE * 2 + 1}–${HISTORY_PAGE * 2 + 10} of ${HISTORY_PAGE * 2 + 10} snapshots (page 3 of 3)`);
    // A page past the end (a link kept from a larger store, a hand edit) draws the last one.
    expect(rowIds(render(snapshots, 9))).toEqual(rowIds(last));
  });

  it("draws no pager when the history fits on one page", () => {
    const html = render(stored(HISTORY_PAGE), 1);
    expect(rowIds(html)).toHaveLength(HISTORY_PAGE);
    expect(html).not.toContain("Pages of the snapshot history");
  });
});
