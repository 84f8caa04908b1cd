/**
 * Share links (sign-in on): a link copied in one browser context opens the same view (snapshot, focus,
 * selection, filters, viewport) for a signed-out teammate in another, through the sign-in page; links to a snapshot or node that no
 * longer exists say so and offer the latest snapshot.
 */
import type { Page } from "@playwright/test";
import { expect, hydrating, test } from "./test";
import { signedInContext, signIn } from "./auth-helpers";
import { graphNode, waitForGraph } from "./helpers";

async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/.exec(transform);
  expect(m, transform).not.toBeNull();
  return { x: Number(m![1]), y: Number(m![2]), zoom: Number(m![3]) };
}

test("a copied link opens the same view for a teammate in another signed-in context", async ({ browser, baseURL }) => {
  const a = await signedInContext(browser, baseURL!, "alice");
  await a.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await a.page.goto("/graph?sev=high");
  await waitForGraph(a.page);
  await graphNode(a.page, "orders-processor").click();
  await expect(a.page.getByTestId("details-title")).toHaveText("orders-processor");
  await waitForGraph(a.page, false);
  await a.page.getByTestId("rf__controls").getByRole("button", { name: /zoom out/i }).click();
  await a.page.waitForTimeout(400);

  const copy = a.page.getByTestId("copy-link");
  await expect(copy).toHaveAccessibleName("Copy link");
  await copy.click();
  await expect(copy).toHaveAttribute("data-state", "copied");
  const link = await a.page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(link);
  expect(url.pathname).toBe("/graph");
  expect(url.searchParams.get("snapshot")).toMatch(/^[0-9A-Za-z]{1,32}-[0-9a-f]{12}$/);
  expect(url.searchParams.get("sev")).toBe("high");
  expect(url.searchParams.get("focus")).toBeTruthy();
  expect(url.searchParams.get("node")).toBe(url.searchParams.get("focus"));
  expect(url.searchParams.get("vp")).toMatch(/^-?\d+,-?\d+,[\d.]+$/);
  expect(link).not.toMatch(/token|secret|password|session/i);
  const viewA = await viewport(a.page);

  // The teammate is signed out: the link goes through the sign-in page and lands on the same URL.
  const bContext = await browser.newContext({ baseURL });
  const b = { context: bContext, page: hydrating(await bContext.newPage()) };
  await signIn(b.page, "bob@example.com", link);
  expect(b.page.url()).toBe(link);
  await waitForGraph(b.page, false);
  await expect(b.page.getByTestId("details-title")).toHaveText("orders-processor");
  await expect(b.page.getByTestId("focus-chip")).toContainText("orders-processor");
  await expect(b.page.getByTestId("filter-sev-high")).toHaveAttribute("aria-pressed", "true");
  await expect(b.page.locator('[data-testid="graph-node"][data-kind="function"]')).toHaveCount(1);
  await b.page.waitForTimeout(300);
  const viewB = await viewport(b.page);
  expect(Math.abs(viewB.x - viewA.x)).toBeLessThanOrEqual(1);
  expect(Math.abs(viewB.y - viewA.y)).toBeLessThanOrEqual(1);
  expect(Math.abs(viewB.zoom - viewA.zoom)).toBeLessThan(0.002);
  await a.context.close();
  await b.context.close();
});

test("a link to a snapshot that no longer exists says so and opens the latest", async ({ browser, baseURL }) => {
  const { context, page } = await signedInContext(browser, baseURL!);
  await page.goto("/graph?snapshot=20200101T000000Z-0123456789ab&sev=high");
  await expect(page.getByRole("heading", { name: "Snapshot not found" })).toBeVisible();
  await expect(page.getByTestId("snapshot-missing")).toContainText("20200101T000000Z-0123456789ab");
  await page.getByTestId("open-latest").click();
  await expect(page).toHaveURL(/\/graph\?sev=high$/);
  await waitForGraph(page);
  await expect(page.getByTestId("filter-sev-high")).toHaveAttribute("aria-pressed", "true");
  await context.close();
});

test("a link to a node that no longer exists says so and offers the latest snapshot", async ({ browser, baseURL }) => {
  const { context, page } = await signedInContext(browser, baseURL!);
  const id = (await page.request.get("/api/report")).headers()["x-snapshot-id"];
  expect(id).toBeTruthy();
  await page.goto(`/graph?snapshot=${id}&focus=function%3Agone-function&node=function%3Agone-function`);
  await waitForGraph(page);
  const notice = page.getByTestId("missing-node");
  await expect(notice).toContainText("not in this snapshot");
  await expect(notice).toContainText("function:gone-function");
  await expect(notice.getByTestId("open-latest")).toHaveAttribute("href", /^\/graph\?focus=function%3Agone-function&node=function%3Agone-function$/);
  await notice.getByRole("button", { name: "Show the whole graph" }).click();
  await expect(page.getByTestId("missing-node")).toHaveCount(0);
  await expect(page).not.toHaveURL(/focus=/);
  await context.close();
});

test("a link with filter values the graph cannot read says which, instead of passing for the view it asked for", async ({ browser, baseURL }) => {
  const { context, page } = await signedInContext(browser, baseURL!);
  await page.goto("/graph?sev=urgent,high&findings=yes&vp=zoomed%E0%A4&region=us-east-1&region=eu-west-1");
  await waitForGraph(page);
  const notice = page.getByTestId("unread-link-values");
  await expect(notice).toContainText("severity “urgent” (not one of critical, high, medium, low, info)");
  await expect(notice).toContainText("findings “yes” (not true or false)");
  await expect(notice).toContainText("viewport “zoomed\uFFFD” (not x,y,zoom within the canvas's range)");
  await expect(notice).toContainText("region given 2 times (only the first is read)");
  await expect(page.getByTestId("filter-sev-high")).toHaveAttribute("aria-pressed", "true");
  // Setting the filter again writes only values the graph reads; the rest of the link is still unread.
  await page.getByTestId("filter-sev-high").click();
  await expect(page).not.toHaveURL(/sev=/);
  await expect(notice).not.toContainText("urgent");
  await expect(notice).toContainText("findings “yes”");
  await context.close();
});

test("a signed-out teammate's link keeps its fragment through the sign-in page", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = hydrating(await context.newPage());
  // The server's redirect to sign in never sees the fragment: the browser keeps it on the sign-in page's address.
  await signIn(page, "bob@example.com", "/graph?sev=high#details");
  expect(new URL(page.url()).hash).toBe("#details");
  await expect(page).toHaveURL(/\/graph\?sev=high#details$/);
  await context.close();
});

test("Copy link is reached by Tab and says it copied; typing a search makes no history entries", async ({ browser, baseURL }) => {
  const { context, page } = await signedInContext(browser, baseURL!);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/graph?sev=high");
  await waitForGraph(page);
  const copy = page.getByTestId("copy-link");
  await page.getByTestId("filter-sev-high").focus();
  for (let i = 0; i < 40 && !(await copy.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(copy).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("copy-link-status")).toHaveText("Copied to the clipboard");
  expect(new URL(await page.evaluate(() => navigator.clipboard.readText())).searchParams.get("sev")).toBe("high");

  // Opening the search is one entry; each key replaces it, so Back leaves the search rather than undoing a letter.
  await page.keyboard.press("/");
  const input = page.getByTestId("search-input");
  await expect(input).toBeFocused();
  const entries = await page.evaluate(() => history.length);
  await input.pressSequentially("orders", { delay: 30 });
  await expect(page).toHaveURL(/q=orders/);
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await page.goBack();
  await expect(page.getByTestId("search-dialog")).toHaveCount(0);
  await expect(page).toHaveURL(/\/graph\?sev=high$/);
  await context.close();
});
