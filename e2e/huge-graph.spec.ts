/**
 * The graph page on a function with thousands of ways in (bench/synthetic.ts generateHubSnapshot): 2,000 grants in its
 * policy, 500 queues mapped and a role reaching 1,000 ARNs. Each invoker was a node of its own: 2,500 nodes in one
 * column, a 1.5 MB view for ELK and the browser (docs/large-accounts.md).
 */
import { expect, test } from "./test";
import { graphNode, waitForGraph } from "./helpers";
import { decodePng } from "./png";
import { generateHubSnapshot } from "../bench/synthetic";

const HUB = "fn:arn:aws:lambda:us-east-1:123456789012:function:hub";

test("a function's crowded invokers are drawn as groups the page says it draws, each listing its members", async ({ page, request }) => {
  test.setTimeout(180_000);
  // Captured before the demo, so that it never becomes the latest for other specs.
  const snapshot = { ...generateHubSnapshot({ grants: 2_000, mappings: 500, resources: 1_000, others: 30 }), capturedAt: "2026-06-01T10:00:00Z" };
  const upload = await request.post("/api/snapshots", {
    multipart: { file: { name: "hub.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(snapshot)) } },
  });
  expect([200, 201]).toContain(upload.status());
  const id = (await upload.json()).snapshot.id as string;

  await page.goto(`/graph?snapshot=${id}`);
  await waitForGraph(page);
  await expect(page.getByTestId("aggregation-note")).toContainText("resources and crowded invokers grouped by service");
  await expect(page.locator('[data-testid="graph-node"][data-kind="principal"]', { hasText: /^Account \d+$/ })).toHaveCount(0);
  const accounts = graphNode(page, "account · 1,000 invokers");
  await expect(accounts).toBeVisible();
  await expect(graphNode(page, "sqs · 500 event sources")).toBeVisible();

  await accounts.click();
  const panel = page.getByTestId("details-panel");
  await expect(panel.getByRole("heading", { name: "Grouped invokers (1,000)" })).toBeVisible();
  await expect(panel.getByRole("button", { name: /^Invoker: Account 1000000000\d\d$/ })).toHaveCount(50);

  // Around the function itself too, and the PNG report of that view renders.
  await page.goto(`/graph?snapshot=${id}&focus=${encodeURIComponent(HUB)}`);
  await waitForGraph(page);
  await expect(graphNode(page, "sns · 1,000 invokers")).toBeVisible();
  // A group carries its first 50 member ids only; a member past them is still drawn, in its group.
  const lastQueue = `src:arn:aws:sqs:us-east-1:123456789012:hub-queue-499`;
  await page.goto(`/graph?snapshot=${id}&focus=${encodeURIComponent(HUB)}&node=${encodeURIComponent(lastQueue)}`);
  await waitForGraph(page);
  await expect(page.getByTestId("details-title")).toHaveText("hub-queue-499");
  await expect(page.getByTestId("details-off-graph")).toHaveCount(0);
  // Its details: 1,503 findings, of which the panel draws a page of 50 (all of them held the tab for 18 s); the
  // count stays exact, and the pager reaches the others, from the keyboard too.
  await page.goto(`/graph?snapshot=${id}&focus=${encodeURIComponent(HUB)}&node=${encodeURIComponent(HUB)}`);
  await waitForGraph(page);
  const details = page.getByTestId("details-panel");
  await expect(details.getByRole("heading", { name: "Findings (1,503)" })).toBeVisible();
  const pager = details.getByRole("navigation", { name: "Pages of the node's findings" });
  await expect(pager).toContainText("Showing 1–50 of 1,503 findings (page 1 of 31)");
  const cards = details.getByTestId("finding");
  await expect(cards).toHaveCount(50);
  // Each card names its queue in its evidence; their titles are alike.
  const firstCard = await cards.first().textContent();
  await pager.getByRole("button", { name: "Next page" }).focus();
  await page.keyboard.press("Enter");
  await expect(pager).toContainText("Showing 51–100 of 1,503 findings (page 2 of 31)");
  await expect(pager.getByRole("button", { name: "Next page" })).toBeFocused();
  await expect(cards).toHaveCount(50);
  await expect(cards.first()).not.toHaveText(firstCard ?? "");
  await pager.getByRole("button", { name: "Previous page" }).click();
  await expect(pager).toContainText("Showing 1–50 of 1,503 findings (page 1 of 31)");
  await expect(cards.first()).toHaveText(firstCard ?? "");

  // Its own 2,500 ways in and 1,000 reaches, a page of each (all of them were 1.2 MB of the answer, all drawn); the
  // counts stay exact, and each list's pager asks the server for the next page, from the keyboard too.
  const invokerPager = details.getByRole("navigation", { name: "Pages of the function's invokers" });
  await expect(invokerPager).toContainText("Showing 1–50 of 2,500 invokers (page 1 of 50)");
  const ways = details.getByTestId("invoker-list").locator("li");
  await expect(ways).toHaveCount(50);
  const firstWay = await ways.first().textContent();
  await invokerPager.getByRole("button", { name: "Next page" }).focus();
  await page.keyboard.press("Enter");
  await expect(invokerPager).toContainText("Showing 51–100 of 2,500 invokers (page 2 of 50)");
  await expect(invokerPager.getByRole("button", { name: "Next page" })).toBeFocused();
  await expect(ways).toHaveCount(50);
  await expect(ways.first()).not.toHaveText(firstWay ?? "");
  const reachPager = details.getByRole("navigation", { name: "Pages of what the function can reach" });
  await expect(reachPager).toContainText(/^Showing 1–50 of 1,0\d\d resources \(page 1 of 2\d\)/);
  await expect(details.getByTestId("reach")).toHaveCount(50);
  await reachPager.getByRole("button", { name: "Next page" }).click();
  await expect(reachPager).toContainText(/^Showing 51–100 of 1,0\d\d resources \(page 2 of 2\d\)/);
  await expect(details.getByTestId("reach")).toHaveCount(50);
  await expect(details.getByTestId("reach").first().getByTestId("reach-evidence")).toContainText("Granted by");

  const png = await request.get(`/api/report.png?snapshot=${id}&focus=${encodeURIComponent(HUB)}`, { timeout: 120_000 });
  expect(png.status()).toBe(200);
  expect(decodePng(await png.body()).width).toBeGreaterThan(0);
});
