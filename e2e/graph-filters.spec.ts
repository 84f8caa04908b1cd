/**
 * The filters the overview and the graph share (severity, finding, invoked by): the graph has them too, and the
 * header's tabs carry them from one page to the other, in the URL, so Back steps through each change.
 */
import { expect, test } from "./test";
import { graphNode, openGraph, waitForGraph } from "./helpers";

/** The demo's functions: 84 (data/DEMO.md). */
const TOTAL = 84;

test("the overview's filters follow the user to the graph, which draws the same functions", async ({ page }) => {
  await page.goto("/?sev=high&who=public&q=status&sort=name");
  await expect(page.getByTestId("function-row")).toHaveCount(1);
  await page.getByTestId("tab-graph").click();
  // The table's search and sort mean nothing on the graph and stay behind.
  await expect(page).toHaveURL(/\/graph\?sev=high&who=public$/);
  await waitForGraph(page);
  await expect(page.getByTestId("filter-sev-high")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("filter-who")).toHaveValue("public");
  await expect(page.getByTestId("graph-count")).toHaveText(`1 of 1 matching function (${TOTAL} total)`);
  await expect(graphNode(page, "public-status-page")).toHaveCount(1);
  await expect(graphNode(page, "debug-echo")).toHaveCount(0);
});

test("the graph filters by finding and by who may invoke, by keyboard; the overview tab keeps them and Back steps through each", async ({ page }) => {
  await openGraph(page);
  const who = page.getByTestId("filter-who");
  const rule = page.getByTestId("filter-rule");
  await expect(page.getByRole("combobox", { name: "Invoked by" })).toHaveCount(1);
  await expect(page.getByRole("combobox", { name: "Finding" })).toHaveCount(1);
  await who.focus();
  await who.selectOption({ label: "another account" });
  await expect(page).toHaveURL(/who=other-account/);
  await waitForGraph(page);
  await expect(page.getByTestId("graph-count")).toHaveText(`4 of 4 matching functions (${TOTAL} total)`);
  for (const name of ["partner-events-consumer", "org-shared-lookup", "deploy-hook", "price-quote-engine"]) await expect(graphNode(page, name)).toHaveCount(1);

  // An option names its rule by title, its id the value, and counts the functions the rule badges, as the overview's does.
  await expect(rule.locator('option[value="async-target-permission-missing"]')).toHaveText(`Cannot deliver to dead-letter queue or destination (3 of ${TOTAL} functions)`);
  const titles = await rule.locator("option").evaluateAll((os) => os.slice(1).map((o) => o.textContent!.replace(/ \(\d+ of \d+ functions?\)$/, "")));
  expect(titles, "by title").toEqual([...titles].sort((a, b) => a.localeCompare(b)));
  await rule.focus();
  await rule.selectOption("async-target-permission-missing");
  await expect(page).toHaveURL(/rule=async-target-permission-missing/);
  await waitForGraph(page);
  await expect(page.getByTestId("graph-count")).toHaveText(`1 of 1 matching function (${TOTAL} total)`);
  await expect(graphNode(page, "price-quote-engine")).toHaveCount(1);

  await page.getByTestId("tab-overview").click();
  await expect(page).toHaveURL(/\/\?rule=async-target-permission-missing&who=other-account$/);
  await expect(page.getByTestId("table-who")).toHaveValue("other-account");
  await expect(page.getByTestId("table-rule")).toHaveValue("async-target-permission-missing");
  await expect(page.getByTestId("function-row")).toHaveCount(1);
  await expect(page.getByTestId("function-row")).toHaveAttribute("data-name", "price-quote-engine");

  await page.goBack();
  await expect(page).toHaveURL(/\/graph\?.*rule=async-target-permission-missing/);
  await expect(page.getByTestId("graph-count")).toHaveText(`1 of 1 matching function (${TOTAL} total)`);
  await page.goBack();
  await expect(page).not.toHaveURL(/rule=/);
  await expect(page.getByTestId("filter-rule")).toHaveValue("");
  await expect(page.getByTestId("graph-count")).toHaveText(`4 of 4 matching functions (${TOTAL} total)`);
});

test("an empty graph says which filters emptied it, and Clear filters draws the account again", async ({ page }) => {
  await page.goto("/graph?sev=high&who=public&rule=cross-account-invoke");
  const empty = page.getByTestId("graph-empty");
  await expect(empty).toContainText(
    "No function matches all of: severity high; finding cross-account-invoke; invoked by anyone (public). Clear one of them to see more.",
  );
  await page.getByTestId("graph-clear-filters").focus();
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/sev=|who=|rule=/);
  await expect(empty).toHaveCount(0);
  await expect(page.getByTestId("graph-count")).toHaveText(`25 of ${TOTAL} matching functions (${TOTAL} total)`);
  // Checked before waitForGraph, whose click on Fit View takes focus.
  await expect(page.getByTestId("open-search")).toBeFocused();
  await waitForGraph(page);
});
