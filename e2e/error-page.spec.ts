/**
 * A dashboard view that fails while the server builds it shows the dashboard's error page (app/(dashboard)/error.tsx),
 * scanned by axe as every other page is. Made to fail as unreadable-snapshot.spec.ts makes a snapshot unreadable, in
 * the default server's store (E2E_DATA_DIR): here a directory where the snapshot's file belongs, which the store cannot
 * read (EISDIR) and which is no snapshot that does not read, so no page says so in its own words.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "./test";
import { seriousViolations } from "./axe";

/** Older than any scan, so "latest" stays the demo's for the specs after this one. */
const BROKEN_ID = "20200102T000000Z-0e770e770e77";

test("a view the server fails to build shows the error page, its message announced, with nothing axe calls serious", async ({ page, request }) => {
  const dir = process.env.E2E_DATA_DIR;
  const indexPath = join(dir ?? "", "index.json");
  const index = dir ? JSON.parse(await readFile(indexPath, "utf8").catch(() => "null")) : null;
  const listed = (await (await request.get("/api/snapshots")).json()).snapshots as { id: string }[];
  // A server this run did not start (E2E_REUSE_SERVER=1) keeps its store somewhere else.
  test.skip(!index || index.snapshots[0]?.id !== listed[0]?.id, "the server's store is not E2E_DATA_DIR");
  const file = join(dir!, "snapshots", `${BROKEN_ID}.json.gz`);
  await mkdir(file);
  const entry = { ...index.snapshots[0], id: BROKEN_ID, capturedAt: "2020-01-02T00:00:00.000Z" };
  await writeFile(indexPath, JSON.stringify({ ...index, snapshots: [...index.snapshots, entry] }));
  try {
    for (const path of ["/", "/graph"]) {
      await page.goto(`${path}?snapshot=${BROKEN_ID}`);
      await expect(page.getByRole("heading", { name: "This view could not be loaded" }), path).toBeVisible();
      await expect(page.getByRole("main").getByRole("alert"), path).toHaveText(/^The server failed while building this view\./);
      await expect(page.getByRole("button", { name: "Try again" }), path).toBeVisible();
      await expect(page.getByTestId("error-open-latest"), path).toHaveAttribute("href", "/");
      expect(await seriousViolations(page), path).toEqual([]);
    }
  } finally {
    // Other specs list the stored snapshots: the store is left as it was found.
    await writeFile(indexPath, `${JSON.stringify(index, null, 2)}\n`);
    await rm(file, { recursive: true, force: true });
  }
});
