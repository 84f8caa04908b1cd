import { expect, test } from "./test";
import { graphNode, openGraph } from "./helpers";

const PAYLOAD = "<img src=x onerror=alert(1)>";

test("a function description with HTML renders as text and runs nothing", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });

  await page.goto("/");
  const row = page.locator('[data-testid="function-row"][data-name="xss-probe"]');
  await expect(row).toContainText(PAYLOAD);

  await openGraph(page, "");
  await page.keyboard.press("/");
  await page.getByTestId("search-input").fill("xss-probe");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("function-description")).toHaveText(PAYLOAD);
  await expect(graphNode(page, "xss-probe")).toBeVisible();

  // No element was created from the payload, and no script ran.
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test("API validates its query with zod", async ({ request }) => {
  expect((await request.get("/api/report")).status()).toBe(200);
  const bad = await request.get("/api/report?snapshot=../../etc/passwd");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toBe("invalid query");
  expect((await request.get("/api/report?snapshot=20990101T000000Z-000000000000")).status()).toBe(404);
  const report = await (await request.get("/api/report?snapshot=latest")).json();
  expect(report.functions.some((f: { name: string }) => f.name === "orders-processor")).toBe(true);
});
