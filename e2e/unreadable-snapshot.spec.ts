/**
 * A stored snapshot that no longer reads (edited on disk, cut short, of a format this version refuses) is a page
 * that says so with the reader's reason, on the overview and the graph alike, not a crash. Written into the default
 * server's store directly (E2E_DATA_DIR, playwright.config.ts): no request stores a snapshot that does not read.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "./test";
import { seriousViolations } from "./axe";

/** Older than any scan, so "latest" stays the demo's for the specs after this one. */
const BAD_ID = "20200101T000000Z-0bad0bad0bad";

test("a stored snapshot cut short shows 'Snapshot could not be read' with the reader's reason", async ({ page, request }) => {
  const dir = process.env.E2E_DATA_DIR;
  const indexPath = join(dir ?? "", "index.json");
  const index = dir ? JSON.parse(await readFile(indexPath, "utf8").catch(() => "null")) : null;
  const listed = (await (await request.get("/api/snapshots")).json()).snapshots as { id: string }[];
  // A server this run did not start (E2E_REUSE_SERVER=1) keeps its store somewhere else.
  test.skip(!index || index.snapshots[0]?.id !== listed[0]?.id, "the server's store is not E2E_DATA_DIR");
  const file = join(dir!, "snapshots", `${BAD_ID}.json.gz`);
  await writeFile(file, gzipSync('{"format":"lambda-permissions-graph/snapshot@1","capturedAt":"2020-01-01T00:00:00Z","functions":['));
  const entry = { ...index.snapshots[0], id: BAD_ID, capturedAt: "2020-01-01T00:00:00.000Z" };
  await writeFile(indexPath, JSON.stringify({ ...index, snapshots: [...index.snapshots, entry] }));
  try {
    for (const path of ["/", "/graph"]) {
      await page.goto(`${path}?snapshot=${BAD_ID}`);
      await expect(page.getByRole("heading", { name: "Snapshot could not be read" }), path).toBeVisible();
      await expect(page.getByTestId("snapshot-unreadable"), path).toContainText(BAD_ID);
      await expect(page.getByTestId("snapshot-unreadable-reason"), path).toContainText(`snapshot ${BAD_ID}`);
      await expect(page.getByTestId("open-latest"), path).toHaveText("Open the latest snapshot");
      expect(await seriousViolations(page), path).toEqual([]);
    }
  } finally {
    // Other specs list the stored snapshots: the store is left as it was found.
    await writeFile(indexPath, `${JSON.stringify(index, null, 2)}\n`);
    await rm(file, { force: true });
  }
});
