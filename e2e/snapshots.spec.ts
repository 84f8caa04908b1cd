import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./test";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parseSnapshot } from "../lib/snapshot/read";
import { guardrailsUnreadPair, withDeadLetterQueue, withGuardrailsUnread, withPublicInvokeGrant, withRegionUnlisted, withUrlCors } from "../lib/diff/scan-fixtures";
import type { ReportDiff } from "../lib/diff/diff-reports";
import { seriousViolations } from "./axe";
import { graphNode, liveRegionsSaying, sidewaysOverflow, waitForGraph } from "./helpers";
import { drawnTexts, recordCanvasTexts } from "./png";
import { NOTHING_TO_COMPARE } from "../lib/view/same-scan";
import { createFileStore } from "../lib/store/file-store";
import { HISTORY_PAGE } from "../lib/view/paging";

async function storedIds(request: import("@playwright/test").APIRequestContext): Promise<string[]> {
  const res = await request.get("/api/snapshots");
  expect(res.ok()).toBe(true);
  return ((await res.json()).snapshots as { id: string }[]).map((s) => s.id);
}

/** The imported demo's id, found by its capture time: other specs store snapshots too, some captured before it. */
async function demoIdOf(request: import("@playwright/test").APIRequestContext, demo: { capturedAt: string }): Promise<string> {
  const res = await request.get("/api/snapshots");
  expect(res.ok()).toBe(true);
  const ids = ((await res.json()).snapshots as { id: string; capturedAt: string }[]).filter((s) => s.capturedAt === demo.capturedAt).map((s) => s.id);
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

/** Uploads a later scan through the API, as the page's upload does; its stored id. */
async function uploadScan(request: import("@playwright/test").APIRequestContext, snapshot: unknown, name: string): Promise<string> {
  const upload = await request.post("/api/snapshots", {
    multipart: { file: { name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(snapshot)) } },
  });
  expect(upload.status()).toBe(201);
  return (await upload.json()).snapshot.id as string;
}

test.describe("snapshot upload, history and diff", () => {
  test("a malformed upload shows its error and stores nothing", async ({ page, request }) => {
    const before = await storedIds(request);
    await page.goto("/snapshots");
    await expect(page.getByTestId("snapshot-row")).toHaveCount(before.length);
    const cases: [string, Buffer, RegExp][] = [
      ["broken.json", Buffer.from('{"format": "lambda-permissions-graph/snapshot@1", '), /broken\.json: not valid JSON/],
      ["broken.json.gz", Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), /not a valid gzip file/],
      ["other.json", Buffer.from(JSON.stringify({ format: "cyclonedx@1.5" })), /not a Lambda Permissions Graph snapshot/],
      [
        "bad-schema.json.gz",
        gzipSync(JSON.stringify({ format: "lambda-permissions-graph/snapshot@1", capturedAt: "2026-01-01T00:00:00Z", account: "123456789012", regions: { "us-east-1": { ListFunctions: { Functions: "none" } } } })),
        // A whole list of the wrong type: one malformed entry would be set aside and the rest stored (salvage-lists.ts).
        /invalid snapshot: regions\.us-east-1\.ListFunctions\.Functions: Invalid input: expected array/,
      ],
    ];
    for (const [name, buffer, message] of cases) {
      await page.getByTestId("upload-input").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
      await expect(page.getByTestId("upload-error")).toContainText(message);
      await expect(page.getByTestId("upload-error")).toContainText("Not stored");
    }
    expect(await storedIds(request)).toEqual(before);
    await page.reload();
    await expect(page.getByTestId("snapshot-row")).toHaveCount(before.length);
  });

  test("a file with one malformed function entry is stored, the notice names it, and the overview lists it as unknown", async ({ page }) => {
    const demo = JSON.parse(readFileSync("data/demo-snapshot.json", "utf8"));
    demo.capturedAt = "2026-11-27T11:45:00Z";
    const fn = demo.regions["us-east-1"].ListFunctions.Functions[3];
    fn.FunctionName = 42; // its FunctionArn stays readable, so the notice and the gap name the function
    await page.goto("/snapshots");
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/snapshots" && r.request().method() === "POST");
    await page.getByTestId("upload-input").setInputFiles({ name: "partly.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(demo)) });
    expect((await answer).status()).toBe(201);
    await expect(page.getByTestId("upload-result")).toContainText("Stored:");
    const notice = page.getByTestId("upload-set-aside");
    // Announced, by the upload's one live region alone (a role="status" of its own inside it made two).
    expect(await liveRegionsSaying(page, "1 malformed entry was set aside")).toEqual([expect.stringContaining("Stored: ")]);
    await expect(notice).toHaveText(`1 malformed entry was set aside; what it concerned shows as unknown: regions.us-east-1.ListFunctions.Functions.3 (${fn.FunctionArn}).`);
    const id = (await page.getByTestId("upload-result").getByRole("link").textContent())!.trim();

    await page.goto(`/?snapshot=${encodeURIComponent(id)}`);
    const gaps = page.getByTestId("data-gaps");
    await expect(gaps.locator("summary")).toContainText("1 answer in the snapshot could not be read");
    await gaps.locator("summary").click();
    await expect(gaps.getByTestId("data-gap").filter({ hasText: fn.FunctionArn })).toHaveText(
      /^ListFunctions on \S+ \(us-east-1\): MalformedResponse — Functions\.3\.FunctionName: .*\(set aside when the snapshot was read\)$/,
    );
  });

  test("an oversize upload is refused by the API with 413", async ({ request }) => {
    const before = await storedIds(request);
    const res = await request.post("/api/snapshots?name=huge.json", {
      headers: { "content-type": "application/json" },
      data: Buffer.alloc(51 * 1024 * 1024, 0x20),
      timeout: 60_000,
    });
    expect(res.status()).toBe(413);
    expect((await res.json()).error).toMatch(/upload limit is 50 MB/);
    expect(await storedIds(request)).toEqual(before);
  });

  test("a later scan that opens a function to everyone shows as newly public, in the list and on the graph", async ({ page, request }) => {
    // Upload, compare, graph and two axe runs: more than the default budget on a busy two-core machine.
    test.slow();
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    const later = withPublicInvokeGrant(demo, "store-locator", "2026-11-27T09:30:00Z");
    const before = await storedIds(request);
    const demoId = await demoIdOf(request, demo);

    await page.goto("/snapshots");
    await page.getByTestId("upload-input").setInputFiles({
      name: "later.json.gz",
      mimeType: "application/gzip",
      buffer: gzipSync(JSON.stringify(later)),
    });
    await expect(page.getByTestId("upload-result")).toContainText("Stored:");
    const newId = (await page.getByTestId("upload-result").getByRole("link").textContent())!.trim();
    await expect(page.getByTestId("snapshot-row")).toHaveCount(before.length + 1);
    // Rows are ordered by capture time; a scan stored by another spec may be newer than this upload.
    await expect(page.locator(`[data-testid="snapshot-row"][data-id="${newId}"]`)).toHaveCount(1);

    await page.getByTestId("compare-from").selectOption(demoId);
    await page.getByTestId("compare-to").selectOption(newId);
    await page.getByTestId("compare-submit").click();
    await expect(page).toHaveURL(/\/snapshots\/compare\?from=.*&to=/);
    const pub = page.getByTestId("diff-newly-public");
    await expect(pub).toBeVisible();
    await expect(pub.getByTestId("diff-function")).toHaveCount(1);
    await expect(pub.getByTestId("diff-function")).toHaveAttribute("data-name", "store-locator");
    const changed = page.locator('[data-testid="diff-changed-function"][data-name="store-locator"]');
    await expect(changed).toContainText("now public");
    await expect(changed).toContainText("Invokers gained");
    await expect(page.getByTestId("diff-findings-new").getByTestId("diff-finding-new").first()).toBeVisible();
    await expect(page.getByTestId("diff-added")).toHaveAttribute("data-count", "0");
    await expect(page.getByTestId("diff-findings-fixed")).toHaveAttribute("data-count", "0");

    await page.getByTestId("diff-graph-link").click();
    await expect(page).toHaveURL(/compare=/);
    await waitForGraph(page);
    await expect(page.getByTestId("compare-banner")).toContainText("1 function changed");
    const outlined = page.locator('.react-flow__node[data-changed="true"]');
    await expect(outlined).toHaveCount(1);
    await expect(outlined).toHaveAttribute("aria-label", /store-locator \(changed since the compared scan\)/);

    // The snapshots and compare pages have no serious or critical axe violations.
    for (const url of ["/snapshots", `/snapshots/compare?from=${demoId}&to=${newId}`]) {
      await page.goto(url);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
      expect(serious, url).toEqual([]);
    }
  });

  test("at 200 % zoom, Settings changed reads whole, has no serious axe violations, and Copy link works from the keyboard", async ({ page, request }) => {
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    // Captured before the demo, so it never becomes the latest scan other tests open.
    const earlier = withDeadLetterQueue(demo, "orders-processor", "arn:aws:sqs:us-east-1:123456789012:orders-dlq", "2026-10-30T09:30:00Z");
    const demoId = await demoIdOf(request, demo);
    const earlierId = await uploadScan(request, earlier, "dlq-earlier.json");
    await page.setViewportSize({ width: 640, height: 400 });
    await page.goto(`/snapshots/compare?from=${earlierId}&to=${demoId}`);
    const setting = page.locator('[data-testid="diff-changed-function"][data-name="orders-processor"]').getByTestId("diff-answer-changed");
    await expect(setting).toContainText("was: arn:aws:sqs:us-east-1:123456789012:orders-dlq");
    await expect(setting).toContainText("now: none");
    await expect(page.getByText("Settings changed", { exact: true })).toBeVisible();
    expect(await sidewaysOverflow(page), "nothing to scroll sideways to").toBeLessThanOrEqual(0);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const copy = page.getByRole("button", { name: "Copy link", exact: true });
    await copy.focus();
    await expect(copy).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("copy-link-status")).toHaveText(/^(Copied to the clipboard|Could not copy: copy the address bar instead)$/);
    await expect(copy).toBeFocused();
  });

  test("the compare page's function filter: a piece of a name in any case or a pasted ARN, in the URL, counted, and an empty state that says why", async ({ page, request }) => {
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    // Captured before the demo, so it never becomes the latest scan other tests open; its eu-west-1 functions are first seen in the demo.
    const earlier = withRegionUnlisted(demo, "eu-west-1", "2026-10-30T09:40:00Z");
    const earlierId = await uploadScan(request, earlier, "eu-unlisted-earlier.json");
    const demoId = await demoIdOf(request, demo);
    await page.goto(`/snapshots/compare?from=${earlierId}&to=${demoId}`);
    const count = page.getByTestId("compare-count");
    const firstSeen = page.getByTestId("diff-first-seen").getByTestId("diff-function");
    await expect(firstSeen).toHaveCount(18);
    const all = (await count.textContent())!.match(/^(\d+) of (\d+) functions in this comparison$/);
    expect(all?.[1]).toBe(all?.[2]);
    // A function's data both scans could not read goes with the function; the whole list shows it unfiltered.
    const payrollUnread = page.getByTestId("diff-unread-in-both-item").filter({ hasText: "hr-payroll-export" });
    await expect(payrollUnread).toHaveCount(1);

    const search = page.getByTestId("compare-search");
    await search.fill("EU-CART-A");
    await expect(page).toHaveURL(/[?&]q=EU-CART-A(&|$)/);
    await expect(firstSeen).toHaveCount(1);
    await expect(firstSeen).toHaveAttribute("data-name", "eu-cart-api");
    await expect(count).toHaveText(`1 of ${all?.[2]} functions in this comparison`);
    await expect(payrollUnread).toHaveCount(0);
    // Every finding listed badges it: the findings the older scan could not check are counted as the list shows them.
    const unknownBefore = page.getByTestId("diff-unknown-before");
    for (const item of await unknownBefore.getByTestId("diff-finding-unknown-before").all()) await expect(item).toContainText("eu-cart-api");

    // An alias's ARN from an alert finds the function; a reload keeps the filter (it is in the URL).
    await search.fill("arn:aws:lambda:eu-west-1:123456789012:function:eu-cart-api:live");
    await expect(page).toHaveURL(/function%3Aeu-cart-api%3Alive|function:eu-cart-api:live/);
    await page.reload();
    await expect(page.getByTestId("compare-search")).toHaveValue("arn:aws:lambda:eu-west-1:123456789012:function:eu-cart-api:live");
    await expect(firstSeen).toHaveCount(1);

    await page.getByTestId("compare-search").fill("no-such-function");
    const empty = page.getByTestId("compare-empty");
    await expect(empty).toContainText("No function matches the search “no-such-function”. Clear it to see every function.");
    await expect(count).toHaveText(`0 of ${all?.[2]} functions in this comparison`);
    await expect(page.getByTestId("diff-first-seen")).toHaveCount(0);
    await page.getByTestId("compare-clear-search").click();
    await expect(page).not.toHaveURL(/[?&]q=/);
    await expect(firstSeen).toHaveCount(18);
    await expect(page.getByTestId("compare-search")).toBeFocused();
  });

  test("a later scan that could not list a region calls nothing of it removed or fixed, in the list and on the graph", async ({ page, request }) => {
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    const later = withRegionUnlisted(demo, "eu-west-1", "2026-11-27T10:15:00Z");
    const demoId = await demoIdOf(request, demo);
    const newId = await uploadScan(request, later, "eu-denied.json");

    await page.goto(`/snapshots/compare?from=${demoId}&to=${newId}`);
    await expect(page.getByTestId("diff-removed")).toHaveAttribute("data-count", "0");
    await expect(page.getByTestId("diff-findings-fixed")).toHaveAttribute("data-count", "0");
    const unverified = page.getByTestId("diff-unverified");
    await expect(unverified.getByRole("heading", { level: 2 })).toContainText("Not verifiable in the newer scan");
    await expect(unverified.getByRole("heading", { name: /Functions not listed \(18\)/ })).toBeVisible();
    await expect(unverified.getByTestId("diff-why").first()).toContainText("Not verifiable in the newer scan: Functions in eu-west-1 could not be listed (AccessDeniedException)");
    await expect(unverified.getByTestId("diff-finding-unverified").first()).toBeVisible();
    // What both scans could not read alike (the demo's us-east-1 gaps) is listed apart, neither changed nor dropped.
    const both = page.getByTestId("diff-unread-in-both");
    await expect(both.getByRole("heading", { level: 2 })).toContainText("Unread in both scans");
    await expect(both.getByTestId("diff-unread-in-both-item").filter({ hasText: "hr-payroll-export" })).toContainText("GetPolicy: AccessDeniedException");
    const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await page.goto(`/graph?snapshot=${newId}&compare=${demoId}`);
    await waitForGraph(page);
    await expect(page.getByTestId("compare-banner")).toContainText("0 removed, 18 not listed by this scan");
    await expect(page.getByTestId("compare-banner")).toContainText("0 fixed");
    await expect(page.getByTestId("compare-banner")).toContainText("not known fixed");
  });

  test("a later scan that could not read the SCPs changes no answer the SCPs decide, on the page as in the JSON", async ({ page, request }) => {
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    const demoId = await demoIdOf(request, demo);
    const newId = await uploadScan(request, withGuardrailsUnread(demo, "2026-11-27T10:20:00Z"), "member-account.json");

    await page.goto(`/snapshots/compare?from=${demoId}&to=${newId}`);
    // The demo's SCP Deny of data deletions limits three functions' roles: read in one scan only, that is no change.
    const functions = page.getByTestId("diff-changed-function");
    await expect(functions).toHaveCount(3);
    await expect(page.getByTestId("diff-answer-changed")).toHaveCount(0);
    const transcoder = page.locator('[data-testid="diff-changed-function"][data-name="media-transcoder"]');
    await expect(transcoder).toContainText("Actions not verifiable");
    await expect(transcoder.getByTestId("diff-why").first()).toContainText("Not verifiable in the newer scan: The organization's SCPs and RCPs");

    // The JSON says the same: no answer changed, each function's lines not verifiable under the same reason.
    const res = await request.get(`/api/snapshots/diff?from=${demoId}&to=${newId}`);
    expect(res.ok()).toBe(true);
    const { diff } = (await res.json()) as { diff: import("../lib/diff/diff-reports").ReportDiff };
    expect(diff.functionsChanged.map((c) => c.name).sort()).toEqual(["media-transcoder", "ops-admin-toolkit", "support-ticket-router"]);
    expect(diff.functionsChanged.flatMap((c) => c.actionsChanged)).toEqual([]);
    expect(diff.functionsChanged.flatMap((c) => c.actionsUnverified.map((a) => a.why))).toEqual(Array(3).fill(expect.stringContaining("The organization's SCPs and RCPs")));
  });

  test("two scans, the newer unable to read the SCPs: the banner counts the API's lists, says why, and the SCP's findings are not known", async ({ page, request }) => {
    // Two uploads, the compare page, the graph and two axe runs on a busy two-core machine.
    test.slow();
    // Both captured before the demo (never the latest scan other specs open); their diff is pinned in lib/diff/guardrails-unread-pair.test.ts.
    const { older, newer } = guardrailsUnreadPair(parseSnapshot(readFileSync("data/demo-snapshot.json")));
    const fromId = await uploadScan(request, older, "scp-read.json");
    const toId = await uploadScan(request, newer, "scp-unread.json");
    const res = await request.get(`/api/snapshots/diff?from=${fromId}&to=${toId}`);
    expect(res.ok()).toBe(true);
    const { diff } = (await res.json()) as { diff: ReportDiff };
    // What the SCP the newer scan could not read caused: one finding absent, one reading otherwise.
    expect([diff.findingsUnverified.length, diff.findingsChangeUnverified.length]).toEqual([1, 1]);
    const [absent, reread] = [diff.findingsUnverified[0]!, diff.findingsChangeUnverified[0]!];

    await page.goto(`/snapshots/compare?from=${fromId}&to=${toId}`);
    await expect(page.getByTestId("diff-findings-new")).toHaveAttribute("data-count", String(diff.findingsNew.length));
    await expect(page.getByTestId("diff-findings-fixed")).toHaveAttribute("data-count", String(diff.findingsFixed.length));
    await expect(page.getByTestId("diff-finding-fixed")).toContainText(diff.findingsFixed.map((f) => f.title));
    const unverified = page.getByTestId("diff-unverified");
    await expect(unverified.getByRole("heading", { level: 2 })).toContainText("Not verifiable in the newer scan");
    await expect(unverified.getByRole("heading", { level: 3, name: `Findings (${diff.findingsUnverified.length})` })).toBeVisible();
    await expect(unverified.getByRole("heading", { level: 3, name: `Findings that changed (${diff.findingsChangeUnverified.length})` })).toBeVisible();
    await expect(unverified.getByTestId("diff-finding-unverified")).toContainText([absent.title]);
    await expect(unverified.getByTestId("diff-finding-changed-unverified")).toContainText([`was High: ${reread.was.title}`]);
    await expect(unverified.getByTestId("diff-why").first()).toContainText("Not verifiable in the newer scan: The organization's SCPs and RCPs");
    // Under no heading that calls them fixed, new or changed.
    for (const list of ["diff-findings-new", "diff-findings-fixed", "diff-findings-changed"]) {
      for (const f of [absent, reread]) await expect(page.getByTestId(list).filter({ hasText: f.title })).toHaveCount(0);
    }
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/graph?snapshot=${toId}&compare=${fromId}`);
    await waitForGraph(page, false);
    const banner = page.getByTestId("compare-banner");
    const said = (await banner.textContent()) ?? "";
    // A count the banner leaves out is none.
    const count = (words: RegExp) => Number(said.match(words)?.[1] ?? 0);
    expect({
      new: count(/(\d+) new findings?\b/),
      fixed: count(/(\d+) fixed\b/),
      changed: count(/(\d+) changed\b/),
      notKnownFixed: count(/(\d+) not known fixed\b/),
      notKnownNew: count(/(\d+) not known new\b/),
      notKnownChanged: count(/(\d+) not known changed\b/),
    }).toEqual({
      new: diff.findingsNew.length,
      fixed: diff.findingsFixed.length,
      changed: diff.findingsChanged.length,
      notKnownFixed: diff.findingsUnverified.length,
      notKnownNew: diff.findingsUnknownBefore.length,
      notKnownChanged: diff.findingsChangeUnverified.length,
    });
    await expect(banner.getByTestId("compare-banner-guardrails")).toHaveText(
      "The newer scan could not read the organization's SCPs and RCPs: what they decide is counted as not known, never as fixed, new or changed.",
    );
    const axe = await new AxeBuilder({ page }).include('[data-testid="compare-banner"]').analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test("a link to an older snapshot shows that snapshot's graph, also in the views and details loaded later", async ({ page, request }) => {
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    const later = withPublicInvokeGrant(demo, "store-locator", "2026-11-27T11:45:00Z");
    const demoId = await demoIdOf(request, demo);
    const newId = await uploadScan(request, later, "pinned.json");
    const [hit] = (await (await request.get(`/api/graph/search?snapshot=${demoId}&q=store-locator`)).json()).results;
    const node = encodeURIComponent(hit.id);
    // The data route answers for the snapshot it is asked about.
    const PUBLIC = /^Anyone (can|may) invoke/;
    const titles = async (id: string): Promise<string[]> =>
      (await (await request.get(`/api/graph?snapshot=${id}&node=${node}`)).json()).selected.findings.map((f: { title: string }) => f.title);
    expect((await titles(demoId)).filter((t) => PUBLIC.test(t))).toEqual([]);
    expect((await titles(newId)).filter((t) => PUBLIC.test(t))).toHaveLength(1);

    // In the browser, every later view (here: the details of a clicked node) comes from the linked snapshot.
    const asked: string[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/api/graph")) asked.push(url.searchParams.get("snapshot") ?? "(none)");
    });
    for (const [id, isPublic] of [[demoId, false], [newId, true]] as const) {
      asked.length = 0;
      await page.goto(`/graph?snapshot=${id}&focus=${node}`);
      await waitForGraph(page);
      await graphNode(page, "store-locator").click();
      const panel = page.getByTestId("details-panel");
      await expect(page.getByTestId("details-title")).toHaveText("store-locator");
      await expect(panel.getByText("Loading details…")).toHaveCount(0);
      await expect(panel.getByText(PUBLIC)).toHaveCount(isPublic ? 1 : 0);
      await expect(graphNode(page, "Anyone (*)")).toHaveCount(isPublic ? 1 : 0);
      expect(asked.length).toBeGreaterThan(0);
      expect(new Set(asked)).toEqual(new Set([id]));
    }
  });

  test("in forced colors, a changed node's focus ring is still seen: its outline turns the theme's highlight colour", async ({ page, request }) => {
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    // Captured before the demo, so it never becomes the latest scan other tests open.
    const earlierId = await uploadScan(request, withDeadLetterQueue(demo, "orders-processor", "arn:aws:sqs:us-east-1:123456789012:orders-dlq", "2026-10-29T09:30:00Z"), "dlq-forced.json");
    await page.goto(`/graph?snapshot=${await demoIdOf(request, demo)}&compare=${earlierId}`);
    await waitForGraph(page);
    const changed = page.locator('.react-flow__node[data-changed="true"]');
    await expect(changed).toHaveCount(1);
    await page.emulateMedia({ forcedColors: "active" });
    // The theme's colours as this browser resolves them, from an element painted in each.
    const system = (name: string) =>
      page.evaluate((c) => {
        const probe = document.body.appendChild(document.createElement("span"));
        probe.style.color = c;
        const value = getComputedStyle(probe).color;
        probe.remove();
        return value;
      }, name);
    const ring = () => changed.locator("> div").evaluate((el) => ({ color: getComputedStyle(el).outlineColor, style: getComputedStyle(el).outlineStyle }));

    const unfocused = await ring();
    // Reached with the keyboard (on, and back), so the ring is the one keyboard focus draws.
    await changed.focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Shift+Tab");
    await expect(changed).toBeFocused();
    expect(await changed.evaluate((el) => el.matches(":focus-visible")), "focused as the keyboard focuses it").toBe(true);
    const focused = await ring();
    expect(focused.style).toBe("solid");
    expect(focused.color, "the focused changed node's outline").toBe(await system("Highlight"));
    expect(focused.color, "apart from a changed node without focus").not.toBe(unfocused.color);

    // Without forced colors, the magenta outline stays on focus and the ring is drawn inside it.
    await page.emulateMedia({ forcedColors: "none" });
    expect((await ring()).color).toBe("rgb(192, 38, 211)");
  });

  test("the compare page says when both sides are one scan, and opened bare compares the two scans its form preselects", async ({ page, request }) => {
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    const demoId = await demoIdOf(request, demo);
    // An empty diff of a scan with itself would read as "nothing changed".
    await page.goto(`/snapshots/compare?from=${demoId}&to=${demoId}`);
    await expect(page.getByTestId("compare-same")).toContainText("Both sides are the same scan");
    await expect(page.getByTestId("diff-view")).toHaveCount(0);

    // Captured before the demo, so it never becomes the latest scan that other specs open.
    await uploadScan(request, withPublicInvokeGrant(demo, "store-locator", "2026-11-02T09:30:00Z"), "earlier.json");
    await page.goto("/snapshots/compare");
    const from = await page.getByTestId("compare-from").inputValue();
    const to = await page.getByTestId("compare-to").inputValue();
    expect(from).not.toBe(to);
    await expect(page.getByTestId("compare-same")).toHaveCount(0);
    await expect(page.getByTestId("diff-graph-link")).toHaveAttribute("href", `/graph?snapshot=${to}&compare=${from}`);
  });

  test("a scan compared with itself: the PNG report answers 200, and its header says what the graph's banner says", async ({ page, request }) => {
    test.setTimeout(150_000); // two renders of the demo graph, one in the server's own browser
    const demoId = await demoIdOf(request, parseSnapshot(readFileSync("data/demo-snapshot.json")));
    const png = await request.get(`/api/report.png?snapshot=${demoId}&compare=${demoId}`, { timeout: 120_000 });
    expect(png.status(), await png.text().catch(() => "")).toBe(200);
    expect(png.headers()["content-type"]).toBe("image/png");
    expect(png.headers()["x-snapshot-id"]).toBe(demoId);

    // The header's wording is drawn on a canvas: the button's export draws the same header the server's render does.
    await recordCanvasTexts(page);
    await page.goto(`/graph?snapshot=${demoId}&compare=${demoId}`);
    await waitForGraph(page);
    await expect(page.getByTestId("compare-banner")).toHaveText(`The scan to compare with is this same scan: ${NOTHING_TO_COMPARE}; nothing is outlined.`);
    await Promise.all([page.waitForEvent("download"), page.getByTestId("export-png-button").click()]);
    await expect(page.getByTestId("export-status")).toHaveText("PNG downloaded");
    const header = (await drawnTexts(page)).filter((t) => t.includes("compared with"));
    expect(header).toEqual([expect.stringMatching(new RegExp(`· compared with this same scan: ${NOTHING_TO_COMPARE}$`))]);
  });

  test("Copy link on the compare page pins both scans: `latest`, or a side left out, is the id the page shows", async ({ page, context, request }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    // Captured before the demo, so it never becomes the latest scan that other specs open.
    const earlierId = await uploadScan(request, withPublicInvokeGrant(demo, "store-locator", "2026-11-04T09:30:00Z"), "earlier-link.json");
    for (const address of [`/snapshots/compare?from=${earlierId}&to=latest`, `/snapshots/compare?from=${earlierId}`]) {
      await page.goto(address);
      // The newer scan the page resolved `latest` to, as its graph link names it.
      const shown = new URL((await page.getByTestId("diff-graph-link").getAttribute("href"))!, page.url()).searchParams.get("snapshot");
      expect(shown).toMatch(/-[0-9a-f]{12}$/);
      await page.getByTestId("copy-link").click();
      await expect(page.getByTestId("copy-link-status")).toHaveText("Copied to the clipboard");
      const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect([copied.pathname, Object.fromEntries(copied.searchParams)]).toEqual(["/snapshots/compare", { from: earlierId, to: shown }]);
    }
  });

  test("a comparison picked the wrong way round says so and offers to swap the scans", async ({ page, request }) => {
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    const demoId = await demoIdOf(request, demo);
    const earlierId = await uploadScan(request, withPublicInvokeGrant(demo, "store-locator", "2026-11-03T09:30:00Z"), "earlier-public.json");
    // The demo as the "older" side: store-locator's public grant, made in the earlier scan, reads as taken away.
    await page.goto(`/snapshots/compare?from=${demoId}&to=${earlierId}`);
    const note = page.getByTestId("compare-reversed");
    await expect(note).toContainText("The older scan was captured after the newer one");
    await note.getByRole("link", { name: "Swap them" }).click();
    await expect(page).toHaveURL(`/snapshots/compare?from=${earlierId}&to=${demoId}`);
    await expect(page.getByTestId("diff-view")).toBeVisible();
    await expect(page.getByTestId("compare-reversed")).toHaveCount(0);
  });
  test("in a 320 px window the compare page does not scroll sideways: a finding naming a long action wraps", async ({ page, request }) => {
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    const demoId = await demoIdOf(request, demo);
    // A small scan of the account before the demo (never the latest): the demo's findings are new, one of them naming
    // lambda:CheckpointDurableExecution, a word wider than a phone's column.
    const small = { ...parseSnapshot(readFileSync("e2e/fixtures/mini-snapshot.json")), capturedAt: "2026-11-01T09:30:00Z" };
    const smallId = await uploadScan(request, small, "small-earlier.json");
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`/snapshots/compare?from=${smallId}&to=${demoId}`);
    const durable = page.getByTestId("diff-finding-new").filter({ hasText: "lambda:CheckpointDurableExecution" }).first();
    await expect(durable).toBeVisible();
    expect(await sidewaysOverflow(page)).toBe(0);
    const box = (await durable.boundingBox())!;
    expect(box.x + box.width, "the finding's right edge").toBeLessThanOrEqual(320);
  });

  test("at 390 px the history table scrolls in its own named, focusable box, which says so and shadows the edge with more", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/snapshots");
    await expect(page.getByTestId("snapshot-row").first()).toBeVisible();
    const scroller = page.getByRole("region", { name: "Stored snapshots table" });
    await expect(scroller).toBeVisible();
    await expect(page.getByTestId("snapshot-list-scroll-hint")).toHaveText("The table scrolls sideways: swipe it, or focus it and use the arrow keys.");
    expect(await sidewaysOverflow(page), "the page itself").toBe(0);
    const widths = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll, "the table is wider than its box").toBeGreaterThan(widths.client);
    expect(await scroller.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain("radial-gradient");
    await expect(scroller).toHaveAttribute("tabindex", "0");
    await scroller.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  });

  test("a setting changed to 10,000 CORS origins and crafted text: clamped until asked for, shown as text with escapes", async ({ page, request }) => {
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    // Two scans before the demo (never the latest, which other specs compare with), apart only in the URL's CORS.
    const crafted = "https://\u202eevil.example<img src=x onerror=alert(1)>";
    const origins = [crafted, ...Array.from({ length: 10_000 }, (_, i) => `https://o${i}.example`)];
    const before = withUrlCors(demo, "public-status-page", { AllowOrigins: ["https://status.acme-retail.com"] }, "2026-10-05T09:30:00Z");
    const after = withUrlCors(demo, "public-status-page", { AllowOrigins: origins }, "2026-10-06T09:30:00Z");
    const [fromId, toId] = [await uploadScan(request, before, "cors-before.json"), await uploadScan(request, after, "cors-after.json")];
    await page.goto(`/snapshots/compare?from=${fromId}&to=${toId}`);
    const change = page.getByTestId("diff-answer-changed").filter({ hasText: "function URL · CORS" });
    await expect(change).toHaveCount(1);
    const now = change.getByTestId("diff-now");
    const toggle = change.getByTestId("diff-now-toggle");
    await expect(toggle).toHaveText("Show the whole value now");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    const clamped = (await now.boundingBox())!.height;
    // Four lines of text-xs, not the thousands the value fills.
    expect(clamped).toBeLessThan(100);
    await expect(change.getByTestId("diff-was-toggle")).toHaveCount(0);
    // The crafted origin reads as text, its override as an escape; no element is made of it.
    await expect(now).toContainText(String.raw`https://\u202eevil.example<img src=x onerror=alert(1)>`);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(await sidewaysOverflow(page)).toBe(0);
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect((await now.boundingBox())!.height).toBeGreaterThan(clamped * 10);
    await expect(now).toContainText("https://o9999.example");
  });

  test("the history is drawn a page at a time, newest first, with the page in the URL", async ({ page, request }) => {
    const dir = process.env.E2E_DATA_DIR;
    test.skip(!dir, "the server was not started on E2E_DATA_DIR by e2e/start-server.mjs");
    // Stored as another process (`scan`) stores them, captured long before the other specs' scans: none becomes latest.
    const store = createFileStore({ dir: dir! });
    const added: string[] = [];
    for (let i = 0; i < HISTORY_PAGE + 5; i++) {
      const minute = String(i).padStart(2, "0");
      added.push((await store.saveSnapshot(parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt: `2001-01-01T01:${minute}:00Z`, account: "111122223333", regions: {} }))).meta.id);
    }
    // Other specs list the stored snapshots: removed afterwards (the store drops an entry whose file is gone).
    try {
      const all = await storedIds(request);
      const pages = Math.ceil(all.length / HISTORY_PAGE);
      const drawn = () => page.getByTestId("snapshot-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));

      await page.goto("/snapshots");
      await expect(page.getByRole("heading", { name: `History (${all.length})` })).toBeVisible();
      expect(await drawn()).toEqual(all.slice(0, HISTORY_PAGE));
      const pager = page.getByRole("navigation", { name: "Pages of the snapshot history" });
      await expect(pager.getByTestId("table-more")).toHaveText(`Showing 1–${HISTORY_PAGE} of ${all.length} snapshots (page 1 of ${pages})`);

      // While the next page loads, the pager says it is busy and its buttons wait, as the function table's do.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const secondPage = (url: URL) => url.pathname === "/snapshots" && url.searchParams.get("page") === "2";
      await page.route(
        secondPage,
        async (route) => {
          await held;
          await route.continue();
        },
        { times: 1 },
      );
      await pager.getByRole("button", { name: "Next page" }).click();
      await expect(pager).toHaveAttribute("aria-busy", "true");
      await expect(pager.getByRole("button", { name: "Next page" })).toHaveAttribute("aria-disabled", "true");
      release();
      await expect(pager).toHaveAttribute("aria-busy", "false");
      await expect(page).toHaveURL(/[?&]page=2(&|$)/);
      const second = `Showing ${HISTORY_PAGE + 1}–${Math.min(2 * HISTORY_PAGE, all.length)} of ${all.length} snapshots (page 2 of ${pages})`;
      await expect(pager.getByTestId("table-more")).toHaveText(second);
      await expect.poll(drawn).toEqual(all.slice(HISTORY_PAGE, 2 * HISTORY_PAGE));
      // The page is in the URL: a reload draws it again, and Back returns to the first.
      await page.reload();
      await expect(pager.getByTestId("table-more")).toHaveText(second);
      await page.goBack();
      await expect(pager.getByTestId("table-more")).toHaveText(`Showing 1–${HISTORY_PAGE} of ${all.length} snapshots (page 1 of ${pages})`);
      await expect.poll(drawn).toEqual(all.slice(0, HISTORY_PAGE));
    } finally {
      for (const id of added) await rm(join(dir!, "snapshots", `${id}.json.gz`), { force: true });
    }
  });
});
