/**
 * A dashboard view that fails while the server builds it shows the dashboard's error page (app/(dashboard)/error.tsx),
 * scanned by axe as every other page is. Made to fail as unreadable-snapshot.spec.ts makes a snapshot unreadable, in
 * the default server's store (E2E_DATA_DIR): here a directory where the snapshot's file belongs, which the store cannot
 * read (EISDIR) and which is no snapshot that does not read, so no page says so in its own words.
 */
import { mkdir } from "node:fs/promises";
import { expect, test } from "./test";
import { seriousViolations } from "./axe";
import { withUnusableSnapshot } from "./stored-snapshot";

/** Older than any scan, so "latest" stays the demo's for the specs after this one. */
const BROKEN_ID = "20200102T000000Z-0e770e770e77";

test("a view the server fails to build shows the error page, its message announced, with nothing axe calls serious", async ({ page, request }) => {
  await withUnusableSnapshot(request, { id: BROKEN_ID, capturedAt: "2020-01-02T00:00:00.000Z" }, (file) => mkdir(file), async () => {
    for (const path of ["/", "/graph"]) {
      await page.goto(`${path}?snapshot=${BROKEN_ID}`);
      await expect(page.getByRole("heading", { name: "This view could not be loaded" }), path).toBeVisible();
      await expect(page.getByRole("main").getByRole("alert"), path).toHaveText(/^The server failed while building this view\./);
      await expect(page.getByRole("button", { name: "Try again" }), path).toBeVisible();
      await expect(page.getByTestId("error-open-latest"), path).toHaveAttribute("href", "/");
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });
});
