/** Names and descriptions at AWS's limits (e2e/fixtures/long-names.ts): wrapped, or cut with the whole text at hand. */
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./test";
import { flowNode, graphNode, liveRegionsSaying, openGraph, sidewaysOverflow } from "./helpers";
import { DESCRIPTION, FUNCTION_NAME, ROLE_NAME, longNamesSnapshot } from "./fixtures/long-names";
import { printable } from "../lib/view/long-words";

/** A snapshot's text, uploaded and stored. */
async function stored(request: APIRequestContext, text: string): Promise<{ id: string }> {
  const upload = await request.post("/api/snapshots", {
    multipart: { file: { name: "huge-name.json", mimeType: "application/json", buffer: Buffer.from(text) } },
  });
  expect(upload.ok()).toBe(true);
  return ((await upload.json()) as { snapshot: { id: string } }).snapshot;
}

test("a 64-character role name is shown whole in the details panel's neighbour list, and the focus chip names the function in full", async ({ page, request }) => {
  const upload = await request.post("/api/snapshots", {
    multipart: { file: { name: "long-names.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(longNamesSnapshot())) } },
  });
  expect(upload.ok()).toBe(true);
  const { snapshot } = (await upload.json()) as { snapshot: { id: string } };
  await openGraph(page, `?snapshot=${snapshot.id}`);
  await graphNode(page, FUNCTION_NAME).click();
  const panel = page.getByTestId("details-panel");
  await expect(page.getByTestId("details-title")).toHaveText(FUNCTION_NAME);
  await expect(panel.getByTestId("function-description")).toHaveText(DESCRIPTION);

  // The neighbour button was cut with an ellipsis and no way to read the rest but a screen reader.
  const neighbour = panel.getByRole("button", { name: `Execution role: ${ROLE_NAME}` });
  await expect(neighbour).toBeVisible();
  expect(await neighbour.evaluate((el) => el.scrollWidth <= el.clientWidth), "the role name is not cut").toBe(true);

  const chip = page.getByTestId("focus-chip");
  await expect(chip).toContainText("Focus:");
  await expect(chip.getByTitle(FUNCTION_NAME)).toHaveCount(1);
});

test("in a 320 px window the focus chip cuts a 64-character name: the page does not scroll sideways and Clear focus is on screen", async ({ page, request }) => {
  const snapshot = await stored(request, JSON.stringify(longNamesSnapshot()));
  await openGraph(page, `?snapshot=${snapshot.id}`);
  await graphNode(page, FUNCTION_NAME).click();
  const chip = page.getByTestId("focus-chip");
  await expect(chip.getByTitle(FUNCTION_NAME)).toHaveCount(1);
  await page.setViewportSize({ width: 320, height: 640 });
  // The chip kept its full width beside the function count and pushed the page 25 px past the screen's edge.
  await expect(page.getByRole("button", { name: "Clear focus" })).toBeInViewport({ ratio: 1 });
  expect(await sidewaysOverflow(page)).toBe(0);
  const value = chip.getByTitle(FUNCTION_NAME);
  expect(await value.evaluate((el) => el.scrollWidth > el.clientWidth), "the name is cut to fit").toBe(true);
});

test("a 64-character function name keeps both its ends on its node, and is whole in its accessible name and the panel", async ({ page, request }) => {
  const snapshot = await stored(request, JSON.stringify(longNamesSnapshot()));
  await openGraph(page, `?snapshot=${snapshot.id}`);
  const node = graphNode(page, FUNCTION_NAME);
  // Cut at its end, every function of the account named "orders-xxx…" read alike: its last part stays in view.
  const head = node.locator("[elementtiming]");
  expect(await head.evaluate((el) => el.scrollWidth > el.clientWidth), "the start is cut to fit").toBe(true);
  const tail = node.getByText("-handle", { exact: true });
  await expect(tail).toBeVisible();
  const [nodeBox, tailBox] = [(await node.boundingBox())!, (await tail.boundingBox())!];
  expect(tailBox.x + tailBox.width, "the end lies inside the node").toBeLessThanOrEqual(nodeBox.x + nodeBox.width);
  await expect(flowNode(page, FUNCTION_NAME)).toHaveAttribute("aria-label", new RegExp(`^Function: ${FUNCTION_NAME}`));
  await node.click();
  await expect(page.getByTestId("details-title")).toHaveText(FUNCTION_NAME);
});

test("a 1,000-character description is clamped in the details panel, so its findings are on the first screen; a button shows it whole", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const upload = await request.post("/api/snapshots", {
    multipart: { file: { name: "long-names.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(longNamesSnapshot())) } },
  });
  const { snapshot } = (await upload.json()) as { snapshot: { id: string } };
  await openGraph(page, `?snapshot=${snapshot.id}`);
  await graphNode(page, FUNCTION_NAME).click();
  const panel = page.getByTestId("details-panel");
  await expect(panel.getByRole("heading", { name: /^Findings/ })).toBeInViewport();
  const description = panel.getByTestId("function-description");
  await expect(description).toHaveText(DESCRIPTION); // all of it in the markup: screen readers read it whole
  const more = panel.getByTestId("function-description-toggle");
  await expect(more).toHaveText("Show the whole description");
  await expect(more).toHaveAttribute("aria-expanded", "false");
  const clamped = (await description.boundingBox())!.height;
  await more.click();
  await expect(more).toHaveAttribute("aria-expanded", "true");
  await expect(more).toHaveText("Show less");
  // Named for its value, as "Show the whole description" was: with the role ARN shown whole too, a screen reader's
  // list of buttons had two of one name, "Show less".
  await expect(more).toHaveAccessibleName("Show less of the description");
  expect((await description.boundingBox())!.height).toBeGreaterThan(clamped * 2);
});

test("a label of thousands of characters takes three lines of the details header: Close and the panel's first row stay on screen", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // A queue name past SQS's 80 characters, as a crafted snapshot can hold (a function name that long is set aside:
  // Lambda cannot give one).
  const huge = `orders-${"y".repeat(2000)}`;
  const withQueue = longNamesSnapshot((b, fn) => b.esm({ functionArn: fn, sourceArn: `arn:aws:sqs:us-east-1:123456789012:${huge}` }));
  const snapshot = await stored(request, JSON.stringify(withQueue));
  await openGraph(page, `?snapshot=${snapshot.id}`);
  await graphNode(page, huge).click();
  const panel = page.getByTestId("details-panel");
  await expect(page.getByTestId("details-title")).toHaveText(huge); // whole in the markup
  await expect(panel.getByRole("button", { name: "Close details" })).toBeInViewport();
  // The reference (the queue's ARN) starts right below the header, clamped to four lines: whole, it was 40 lines and
  // pushed the rest of the panel off the screen. The whole ARN is a button away, and copied by another.
  await expect(panel.getByText("Reference", { exact: true })).toBeInViewport();
  expect((await page.getByTestId("details-title").boundingBox())!.height).toBeLessThan(100);
  const reference = panel.getByTestId("node-reference");
  await expect(reference).toHaveText(`arn:aws:sqs:us-east-1:123456789012:${huge}`); // whole in the markup
  const clamped = (await reference.boundingBox())!.height;
  expect(clamped).toBeLessThan(100);
  await expect(panel.getByRole("heading", { name: /^Findings/ })).toBeInViewport();
  const whole = panel.getByTestId("node-reference-toggle");
  await expect(whole).toHaveText("Show the whole reference");
  await whole.focus();
  await page.keyboard.press("Enter");
  await expect(whole).toHaveAttribute("aria-expanded", "true");
  expect((await reference.boundingBox())!.height).toBeGreaterThan(clamped * 4);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await panel.getByRole("button", { name: "Copy the whole reference" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`arn:aws:sqs:us-east-1:123456789012:${huge}`);
});

test("a 1 MB queue name is cut in the search results, on its node and in what the details say, and found by text it no longer shows", async ({ page, request }) => {
  // Each carried the name whole: a megabyte listbox option (and accessible name), attribute and live announcement.
  const huge = `orders-${"y".repeat(500_000)}-middle-${"y".repeat(500_000)}`;
  const withQueue = longNamesSnapshot((b, fn) => b.esm({ functionArn: fn, sourceArn: `arn:aws:sqs:us-east-1:123456789012:${huge}` }));
  const snapshot = await stored(request, JSON.stringify(withQueue));
  await openGraph(page, `?snapshot=${snapshot.id}`);
  const shown = printable(huge);
  expect(shown).toMatch(/^orders-y+…\(\d+ characters\)…y+$/);
  await expect(graphNode(page, shown)).toHaveCount(1);

  await page.keyboard.press("/");
  // The search matches the whole name: "-middle-" is in the part the result no longer shows.
  await page.getByTestId("search-input").fill("-middle-");
  const option = page.getByTestId("search-dialog").getByRole("option");
  await expect(option).toHaveCount(1);
  await expect(option).toHaveAttribute("data-name", shown);
  await expect(option).toHaveAccessibleName(/^orders-y+…\(\d+ characters\)…y+/);
  expect((await option.evaluate((el) => el.outerHTML)).length).toBeLessThan(3 * shown.length);

  const refused: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) refused.push(`${r.status()} ${r.url().slice(0, 80)}`);
  });
  await page.keyboard.press("Enter");
  const status = page.getByTestId("details-status");
  // The node's id was its megabyte name: its `?node=` was refused (431) and the details said "Loading" for ever.
  await expect(status).toHaveText(/^Details of orders-y+…\(\d+ characters\)…y+: /);
  expect((await status.textContent())!.length).toBeLessThan(shown.length + 100);
  await expect(page.getByTestId("details-title")).toHaveText(shown);
  expect(refused).toEqual([]);
  const link = page.url();
  expect(link.length).toBeLessThan(2_000);

  // The link, shared, opens the same node's details.
  await page.goto(link);
  await expect(page.getByTestId("details-title")).toHaveText(shown);
  await expect(page.getByTestId("details-status")).toHaveText(/^Details of orders-y+…\(\d+ characters\)…y+: /);
});

test("details the server refuses say so in the panel, with Close and Try again, rather than loading for ever", async ({ page, request }) => {
  const snapshot = await stored(request, JSON.stringify(longNamesSnapshot()));
  await openGraph(page, `?snapshot=${snapshot.id}`);
  // The view with the node (a first click) and the node's details alone (a click on the graph already drawn).
  const details = /\/api\/graph(\/details)?\?.*node=/;
  // As a proxy refuses a request whose URL is too long: no JSON, a status only.
  await page.route(details, (route) => route.fulfill({ status: 431, body: "" }));
  const said = `Could not load the details of ${FUNCTION_NAME}: the server answered 431.`;
  await graphNode(page, FUNCTION_NAME).click();
  const failed = page.getByTestId("details-failed");
  await expect(failed).toContainText(said);
  await expect(page.getByTestId("details-status")).toHaveText(said);
  await expect(page.getByTestId("details-panel")).toHaveCount(0);
  // Said once, by the panel's live region: the banner over the graph said it again, and that the graph below was
  // the previous view.
  await expect(page.getByTestId("graph-error")).toHaveCount(0);
  await expect.poll(() => liveRegionsSaying(page, "the server answered 431")).toEqual([said]);

  // Closed, the selection goes with it.
  await failed.getByRole("button", { name: "Close details" }).click();
  await expect(failed).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]node=/);

  await graphNode(page, FUNCTION_NAME).click();
  await expect(failed).toContainText(said);
  await page.unroute(details);
  await failed.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("details-title")).toHaveText(FUNCTION_NAME);
  await expect(page.getByTestId("details-status")).toHaveText(new RegExp(`^Details of ${FUNCTION_NAME}: `));
  await expect(failed).toHaveCount(0);
});

test("a 20,000-character function name is set aside and said so on the overview: no request refused (431), no console error", async ({ page, request }) => {
  // Past any name Lambda gives, as a hand-made snapshot can hold: its graph link was 40,000 characters, and every
  // prefetch of it came back 431 (request header fields too large). Such a function is now set aside when read.
  const huge = `orders-${"z".repeat(20_000)}`;
  const snapshot = await stored(request, JSON.stringify(longNamesSnapshot()).replaceAll(FUNCTION_NAME, huge));
  const refused: string[] = [];
  const errors: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) refused.push(`${r.status()} ${r.url().slice(0, 80)}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text().slice(0, 200));
  });
  await page.goto(`/?snapshot=${snapshot.id}`);
  const gaps = page.getByTestId("data-gaps");
  await gaps.locator("summary").click();
  await expect(gaps.getByTestId("data-gap").filter({ hasText: "ListFunctions" })).toHaveText(
    /^ListFunctions \(us-east-1\): MalformedResponse — Functions\.0\.FunctionName: not a Lambda function name \(set aside when the snapshot was read\)$/,
  );
  await expect(page.getByTestId("function-row").filter({ hasText: "orders-zzz" })).toHaveCount(0);
  expect(await page.locator("body").innerText()).not.toContain("z".repeat(100));
  // Prefetches start once the links are in view and the page is idle.
  await page.waitForLoadState("networkidle");
  expect(refused).toEqual([]);
  expect(errors).toEqual([]);
});
