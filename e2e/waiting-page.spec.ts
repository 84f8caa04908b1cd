/**
 * A large account's first visit: the page paints a named waiting state at once (account, size, an announced status),
 * and its step line moves on while the analysis runs, until the account's page replaces it. The step line used to be
 * polled from inside the streamed fallback, which React never hydrates: on a first visit it said "Reading the
 * snapshot" until the report came.
 */
import { expect, test } from "./test";
import { seriousViolations } from "./axe";
import { generateSyntheticSnapshot } from "../bench/synthetic";

/** Before the page's own scripts: every text the waiting page's step line shows, in order. */
function recordStepLine() {
  const seen: string[] = [];
  (window as unknown as { lpgSteps: string[] }).lpgSteps = seen;
  new MutationObserver(() => {
    const text = document.querySelector('[data-testid="analysis-progress"] span')?.textContent;
    if (text && seen.at(-1) !== text) seen.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/**
 * Before the page's own scripts: at every change of the document, how many elements hold the skip link's target id,
 * how many main landmarks are shown, and whether the account's page had arrived (in React's hidden node, until it
 * is revealed, from ~300 ms after the first paint) while the waiting state was still there.
 */
function recordMains() {
  const seen: { ids: number; shown: number; both: boolean }[] = [];
  (window as unknown as { lpgMains: typeof seen }).lpgMains = seen;
  new MutationObserver(() => {
    const mains = [...document.querySelectorAll("main")];
    seen.push({
      ids: document.querySelectorAll("#content").length,
      shown: mains.filter((m) => m.checkVisibility()).length,
      both: !!document.querySelector('[data-testid="report-loading"]') && !!document.querySelector('[data-testid="functions-table"]'),
    });
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

test("a large account's first visit says what is analysed and the step reached, then shows the account", async ({ page, request }) => {
  test.setTimeout(180_000);
  // Captured before the demo, so that it never becomes the latest for other specs. 10,000 functions take seconds to
  // analyse even on a quiet machine (a cold analysis ~3.5 s), several polls' worth; 3,000 were done before the first
  // poll on a quiet one.
  // A seed of its own per run and retry: the same content again would be "Already stored", its report ready at once.
  const seed = 7 + 100 * test.info().repeatEachIndex + test.info().retry;
  const snapshot = { ...generateSyntheticSnapshot({ functions: 10_000, roles: 5_000, seed }), capturedAt: "2026-05-01T10:00:00Z" };
  const upload = await request.post("/api/snapshots", {
    multipart: { file: { name: "large.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(snapshot)) } },
  });
  expect([200, 201]).toContain(upload.status());
  const id = (await upload.json()).snapshot.id as string;

  await page.addInitScript(recordStepLine);
  await page.addInitScript(recordMains);
  let polls = 0;
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/analysis") polls += 1;
  });
  await page.goto(`/?snapshot=${id}`, { waitUntil: "commit" });
  const waiting = page.getByRole("status").filter({ hasText: "Analysing account 123456789012: 10,000 functions in 3 regions…" });
  await expect(waiting).toBeVisible();
  // The bar beside the status, not in it: the status says the headline once, not each step the polls bring.
  await expect(page.getByRole("main").getByRole("progressbar", { name: "Analysis progress" })).toBeVisible();
  await expect(page.locator('[role="status"] [data-testid="analysis-progress"], [aria-live] [data-testid="analysis-progress"]')).toHaveCount(0);
  // Alone, the waiting state is the page's main landmark, with its h1.
  await expect(page.getByRole("main").getByRole("heading", { level: 1, name: /^Analysing account/ })).toBeVisible();
  expect(await seriousViolations(page), "waiting").toEqual([]);

  // The account's page, in place of the waiting state.
  await expect(page.getByRole("heading", { level: 1, name: "Account 123456789012", exact: true })).toBeVisible({ timeout: 150_000 });
  await expect(waiting).toHaveCount(0);
  // One main landmark and one skip-link target at every moment, the reveal included: the waiting state's <main>
  // held the id too, and stood beside the page's until React swapped them.
  const mains = await page.evaluate(() => (window as unknown as { lpgMains: { ids: number; shown: number; both: boolean }[] }).lpgMains);
  expect(mains.some((m) => m.both), "the reveal was sampled: the page arrived beside the waiting state").toBe(true);
  expect([...new Set(mains.filter((m) => m.ids > 1 || m.shown > 1).map((m) => JSON.stringify(m)))]).toEqual([]);
  expect(mains.at(-1)).toMatchObject({ ids: 1, shown: 1 });
  // Meanwhile the step line moved on from what the server drew, to steps of the analysis.
  const steps = await page.evaluate(() => (window as unknown as { lpgSteps: string[] }).lpgSteps);
  expect(steps.filter((s) => /^Step \d+ of \d+: \S/.test(s)).length).toBeGreaterThanOrEqual(1);
  expect(new Set(steps).size).toBeGreaterThanOrEqual(2);
  // and the polls stop with the wait: none in the next seconds (they came every second while it lasted).
  expect(polls).toBeGreaterThanOrEqual(1);
  const after = polls;
  await page.waitForTimeout(2_500);
  expect(polls).toBe(after);
});
