import { expect, test } from "./test";
import { graphNode, openGraph } from "./helpers";

/**
 * "Scan now" against the local AWS endpoint that e2e/start-server.mjs starts (a synthetic account whose function
 * names, `…-fn-<i>`, the demo lacks; 250 ms per answer so the progress is visible). Runs last (file order): it
 * makes the scanned account the latest snapshot.
 */
const runningJob = (id: string) => ({
  id,
  status: "running",
  startedAt: "2026-11-29T10:00:00Z",
  progress: { regionsTotal: 1, regionsDone: 0, functionsTotal: 10, functionsDone: 2, calls: 4, errors: 0 },
});

test("Scan now ends when the server no longer knows the scan (it restarted) instead of spinning forever", async ({ page }) => {
  let gets = 0;
  await page.route("**/api/scan", (route) => {
    if (route.request().method() === "POST") return route.fulfill({ status: 202, json: { job: runningJob("a"), joined: false } });
    gets += 1;
    // 1: the button's resume check on load; 2: progress; then the restarted server, which has no job.
    return route.fulfill({ json: { job: gets === 2 ? runningJob("a") : null } });
  });
  await page.goto("/");
  await page.getByRole("button", { name: "Scan now" }).click();
  await expect(page.getByRole("progressbar", { name: "Scan progress" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Scan now" })).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await expect(page.getByTestId("scan").getByRole("alert")).toContainText("no record of this scan");
});

test("Scan now stops polling when the session ends, and links to signing in again", async ({ page }) => {
  let gets = 0;
  await page.route("**/api/scan", (route) => {
    if (route.request().method() === "POST") return route.fulfill({ status: 202, json: { job: runningJob("a"), joined: false } });
    gets += 1;
    return gets === 1 ? route.fulfill({ json: { job: null } }) : route.fulfill({ status: 401, json: { error: "sign-in required" } });
  });
  await page.goto("/?q=orders");
  await expect.poll(() => gets).toBe(1);
  // Polling time is driven by the test, not waited for.
  await page.clock.install();
  await page.getByRole("button", { name: "Scan now" }).click();
  await expect(page.getByRole("button", { name: "Scanning…" })).toBeVisible();
  await page.clock.runFor(600);
  await expect(page.getByTestId("scan-signed-out")).toContainText("session has ended");
  // Said and linked by the page's one notice (components/auth/session-ended.ts).
  await expect(page.getByTestId("session-ended").getByRole("link", { name: "Sign in again" })).toHaveAttribute("href", "/signin?callbackUrl=%2F%3Fq%3Dorders");
  await expect(page.getByRole("link", { name: "Sign in again" })).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Scan now" })).toBeVisible();
  const asked = gets;
  await page.clock.runFor(5_000);
  expect(gets).toBe(asked);
});

test("a finished scan leaves a view pinned to a snapshot where it is, and offers the new one", async ({ page }) => {
  const pinned = (await page.request.get("/api/report")).headers()["x-snapshot-id"];
  const scanned = "20261129T120000Z-0123456789ab";
  let gets = 0;
  await page.route("**/api/scan", (route) => {
    if (route.request().method() === "POST") return route.fulfill({ status: 202, json: { job: runningJob("b"), joined: false } });
    gets += 1;
    const job = gets === 1 ? null : { ...runningJob("b"), status: "succeeded", snapshotId: scanned, functions: 10 };
    return route.fulfill({ json: { job } });
  });
  await page.goto(`/?snapshot=${pinned}&sev=high`);
  await page.getByRole("button", { name: "Scan now" }).click();
  await expect(page.getByText("Scanned 10 functions")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]snapshot=${pinned}`));
  await expect(page.getByTestId("open-scanned")).toHaveAttribute("href", `/?snapshot=${scanned}&sev=high`);
});

test("Scan now says while it stores the snapshot, then names the regions whose functions could not be listed", async ({ page }) => {
  const storing = { ...runningJob("s"), progress: { regionsTotal: 2, regionsDone: 2, functionsTotal: 0, functionsDone: 0, calls: 9, errors: 2, storing: true } };
  const done = { ...storing, status: "succeeded", snapshotId: "20261129T120000Z-0123456789ab", functions: 0, unlistedRegions: ["eu-west-1", "us-east-1"] };
  let gets = 0;
  await page.route("**/api/scan", (route) => {
    if (route.request().method() === "POST") return route.fulfill({ status: 202, json: { job: storing, joined: false } });
    gets += 1;
    return route.fulfill({ json: { job: gets === 1 ? null : gets < 4 ? storing : done } });
  });
  await page.goto("/?snapshot=latest");
  await expect.poll(() => gets).toBe(1);
  await page.getByRole("button", { name: "Scan now" }).click();
  await expect(page.getByTestId("scan-progress")).toHaveText("storing the snapshot… · 0/0 functions · 2/2 regions · 2 calls failed");
  const result = page.getByTestId("scan-result");
  await expect(result).toHaveText("Scanned 0 functions (the function list of eu-west-1, us-east-1 is incomplete), 2 calls failed");
  // Wrapped, not cut: the regions are the warning.
  expect(await result.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

test("scan progress says what is not known yet and what failed, and is announced politely: a step at once, counts at most every few seconds", async ({ page }) => {
  const progress = [
    { regionsTotal: 2, regionsDone: 0, functionsTotal: 0, functionsDone: 0, calls: 1, errors: 0 },
    { regionsTotal: 2, regionsDone: 0, functionsTotal: 10, functionsDone: 2, calls: 6, errors: 0 },
    { regionsTotal: 2, regionsDone: 1, functionsTotal: 20, functionsDone: 11, calls: 30, errors: 2 },
  ];
  let step = 0;
  let gets = 0;
  const job = () => ({ ...runningJob("p"), progress: progress[Math.min(step, progress.length - 1)] });
  await page.route("**/api/scan", (route) => {
    if (route.request().method() === "POST") return route.fulfill({ status: 202, json: { job: job(), joined: false } });
    gets += 1;
    return route.fulfill({ json: { job: gets === 1 ? null : job() } });
  });
  await page.goto("/");
  await expect.poll(() => gets).toBe(1);
  await page.clock.install();
  // Time moves only by runFor: flowing on while an assertion waits, it let a status 10 s behind catch up and pass.
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.getByRole("button", { name: "Scan now" }).click();
  const scan = page.getByTestId("scan");
  const status = scan.getByRole("status");
  // Before any function is listed the total is unknown: not "0/0 functions".
  await expect(page.getByTestId("scan-progress")).toHaveText("listing functions… · 0/2 regions");
  await expect(status).toHaveText("Scan running: listing functions… · 0/2 regions");
  step = 1;
  await page.clock.runFor(600);
  await expect(page.getByTestId("scan-progress")).toHaveText("2/10 functions · 0/2 regions");
  // The functions are listed: said at once, not "listing functions…" beside a bar that counts them.
  await expect(status).toHaveText("Scan progress: 2/10 functions · 0/2 regions");
  step = 2;
  await page.clock.runFor(600);
  await expect(page.getByTestId("scan-progress")).toHaveText("11/20 functions · 1/2 regions · 2 calls failed");
  // Polled twice a second, but new counts are not announced on every answer.
  await expect(status).toHaveText("Scan progress: 2/10 functions · 0/2 regions");
  await page.clock.runFor(10_000);
  await expect(status).toHaveText("Scan progress: 11/20 functions · 1/2 regions · 2 calls failed");
});

test("Scan now runs a scan with visible progress, then the views show the new snapshot", async ({ page }, testInfo) => {
  await page.goto("/");
  const beforeResponse = await page.request.get("/api/report");
  const before = await beforeResponse.json();
  // A retry starts from the first attempt's scan; there, the new snapshot's id tells this scan's result apart.
  if (testInfo.retry === 0) expect(before.functions.some((f: { name: string }) => /-fn-\d+$/.test(f.name))).toBe(false);

  await page.getByRole("button", { name: "Scan now" }).click();
  const bar = page.getByRole("progressbar", { name: "Scan progress" });
  await expect(bar).toBeVisible();
  // The busy button keeps keyboard focus (aria-disabled, not disabled) and ignores further presses.
  const busy = page.getByRole("button", { name: "Scanning…" });
  await expect(busy).toBeFocused();
  await expect(busy).toHaveAttribute("aria-disabled", "true");

  // A second request while it runs joins the same scan.
  const join = await page.request.post("/api/scan", { headers: { "content-type": "application/json" }, data: {} });
  expect(join.status()).toBe(202);
  expect((await join.json()).joined).toBe(true);

  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const v = await bar.getAttribute("aria-valuenow", { timeout: 200 }).catch(() => null);
        if (v !== null) seen.add(Number(v));
        return [...seen].filter((n) => n > 0).length;
      },
      { timeout: 30_000, intervals: [100] },
    )
    .toBeGreaterThan(1);

  // A reload mid-scan finds the scan still running and follows it to its end.
  await page.reload();
  await expect(page.getByRole("progressbar", { name: "Scan progress" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Scanning…" })).toHaveAttribute("aria-disabled", "true");

  await expect(page.getByRole("button", { name: "Scan now" })).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByText(/^Scanned \d+ functions/)).toBeVisible();
  await expect(page.getByTestId("scan").getByRole("alert")).toHaveCount(0); // (Next's route announcer is an alert too)

  const afterResponse = await page.request.get("/api/report");
  expect(afterResponse.headers()["x-snapshot-id"]).not.toBe(beforeResponse.headers()["x-snapshot-id"]);
  const after = await afterResponse.json();
  const scanned = after.functions.find((f: { name: string }) => /-fn-\d+$/.test(f.name));
  expect(scanned).toBeTruthy();
  // The overview already shows it (refreshed in place) ...
  await expect(page.getByText(scanned.name, { exact: true }).first()).toBeVisible();
  // ... and so does the graph.
  await openGraph(page);
  await expect(graphNode(page, scanned.name)).toBeAttached();
});
