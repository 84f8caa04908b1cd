import { expect, test } from "./test";

test("overview shows account, counts and a sortable, searchable table", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("header-account")).toContainText("123456789012");
  await expect(page.getByTestId("count-high")).toBeVisible();
  const rows = page.getByTestId("function-row");
  const total = await rows.count();
  expect(total).toBeGreaterThan(2);

  await page.getByTestId("table-search").fill("orders-processor");
  await expect(page).toHaveURL(/q=orders-processor/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("SQS trigger lacks sqs:ReceiveMessage");
  await page.reload();
  await expect(page.getByTestId("table-search")).toHaveValue("orders-processor");
  await expect(rows).toHaveCount(1);

  await page.getByTestId("table-search").fill("");
  await expect(rows).toHaveCount(total);
  await page.getByTestId("sort-name").click();
  const names = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-name") ?? ""));
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  await page.getByTestId("sort-name").click();
  const desc = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-name") ?? ""));
  expect(desc).toEqual([...names].reverse());

  // The function link opens the graph focused on it.
  await page.getByTestId("table-search").fill("orders-processor");
  await rows.first().getByRole("link", { name: "orders-processor" }).click();
  await expect(page).toHaveURL(/\/graph\?.*focus=/);
  await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
});
