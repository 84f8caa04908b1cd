import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { SnapshotMeta } from "@/lib/store/file-store";
import { SnapshotList } from "./snapshot-list";

const meta = (id: string, account: string, capturedAt: string): SnapshotMeta => ({
  id,
  account,
  capturedAt,
  regions: ["us-east-1"],
  functionCount: 3,
  savedAt: capturedAt,
});

describe("SnapshotList links", () => {
  it("name the scan each row's Overview and Graph lead to, starting with the visible word, the id only where needed", () => {
    const html = renderToStaticMarkup(
      createElement(SnapshotList, {
        snapshots: [
          meta("snap-b", "123456789012", "2026-12-05T13:00:10Z"),
          meta("snap-a", "123456789012", "2026-12-05T13:00:40Z"),
          meta("snap-c", "210987654321", "2026-12-04T09:30:00Z"),
        ],
      }),
    );
    const names = [...html.matchAll(/<a [^>]*aria-label="([^"]*)"[^>]*>(\w+)<\/a>/g)].map((m) => `${m[2]} → ${m[1]}`);
    expect(names).toEqual([
      "Overview → Overview of the 2026-12-05 13:00 UTC scan of 123456789012 (snap-b)",
      "Graph → Graph of the 2026-12-05 13:00 UTC scan of 123456789012 (snap-b)",
      "Overview → Overview of the 2026-12-05 13:00 UTC scan of 123456789012 (snap-a)",
      "Graph → Graph of the 2026-12-05 13:00 UTC scan of 123456789012 (snap-a)",
      "Overview → Overview of the 2026-12-04 09:30 UTC scan of 210987654321",
      "Graph → Graph of the 2026-12-04 09:30 UTC scan of 210987654321",
    ]);
  });
});
