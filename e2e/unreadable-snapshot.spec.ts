/**
 * A stored snapshot that no longer reads (edited on disk, cut short, of a format this version refuses) is a page
 * that says so with the reader's reason, on the overview and the graph alike, not a crash. Written into the default
 * server's store directly (E2E_DATA_DIR, playwright.config.ts): no request stores a snapshot that does not read.
 */
import { writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { expect, test } from "./test";
import { seriousViolations } from "./axe";
import { withUnusableSnapshot } from "./stored-snapshot";

/** Older than any scan, so "latest" stays the demo's for the specs after this one. */
const BAD_ID = "20200101T000000Z-0bad0bad0bad";
/** A snapshot file that ends in the middle of its function list. */
const CUT_SHORT = gzipSync('{"format":"lambda-permissions-graph/snapshot@1","capturedAt":"2020-01-01T00:00:00Z","functions":[');

test("a stored snapshot cut short shows 'Snapshot could not be read' with the reader's reason", async ({ page, request }) => {
  await withUnusableSnapshot(request, { id: BAD_ID, capturedAt: "2020-01-01T00:00:00.000Z" }, (file) => writeFile(file, CUT_SHORT), async () => {
    for (const path of ["/", "/graph"]) {
      await page.goto(`${path}?snapshot=${BAD_ID}`);
      await expect(page.getByRole("heading", { name: "Snapshot could not be read" }), path).toBeVisible();
      await expect(page.getByTestId("snapshot-unreadable"), path).toContainText(BAD_ID);
      await expect(page.getByTestId("snapshot-unreadable-reason"), path).toContainText(`snapshot ${BAD_ID}`);
      await expect(page.getByTestId("open-latest"), path).toHaveText("Open the latest snapshot");
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });
});
