import { expect, test } from "./test";
import { readFile } from "node:fs/promises";
import { HEADER_HEIGHT, LEGEND_HEIGHT, MAX_GRAPH_HEIGHT, MIN_GRAPH_HEIGHT, PIXEL_RATIO, REPORT_WIDTH } from "../lib/report-png/layout";
import { countColour, countInk, decodePng, drawnTexts, recordCanvasTexts, recordTextWrites, writtenTexts } from "./png";
import { openGraph, waitForGraph } from "./helpers";
import { MAX_LINK_VALUE } from "../lib/view/graph-link";
import { FUNCTION_NAME, longNamesSnapshot } from "./fixtures/long-names";
import { allow, policy } from "../lib/snapshot/fixtures/policy-documents";
import { LONGEST_ARN, printable } from "../lib/view/long-words";
import { MAX_FUNCTIONS_DRAWN } from "../lib/view/visible-graph";
import { generateSyntheticSnapshot } from "../bench/synthetic";

// Edge strokes of the graph (components/graph/flow-elements.ts EDGE_STYLE): invokes violet, can-access green.
const INVOKE_EDGE: [number, number, number] = [0x7c, 0x3a, 0xed];
const ACCESS_EDGE: [number, number, number] = [0x05, 0x96, 0x69];

/**
 * The edges and their labels made it into the image. html-to-image releases after 1.11.11 break React Flow
 * edges: upstream reports missing edges; here 1.11.13 turned every edge label into a solid black box. Nothing in
 * a correct report is pure black (text is slate), so black pixels above a trace mean broken labels.
 */
function expectEdges(png: ReturnType<typeof decodePng>, region: ReturnType<typeof graphRegion>) {
  expect(countColour(png, INVOKE_EDGE, region, 24)).toBeGreaterThan(100);
  expect(countColour(png, ACCESS_EDGE, region, 24)).toBeGreaterThan(200);
  expect(countColour(png, [0, 0, 0], region, 10)).toBeLessThan(region.w * region.h * 0.002);
}

function graphRegion(height: number) {
  return { x: 0, y: HEADER_HEIGHT * PIXEL_RATIO, w: REPORT_WIDTH * PIXEL_RATIO, h: height - (HEADER_HEIGHT + LEGEND_HEIGHT) * PIXEL_RATIO };
}

test.describe("PNG reports", () => {
  // Rendering waits on layout and a headless browser; on a loaded 2-core machine that can take a while.
  test.describe.configure({ timeout: 150_000 });
  test("Export PNG downloads the current view at 2x with header, legend and edges", async ({ page }) => {
    await recordCanvasTexts(page);
    await openGraph(page, "?sev=high");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-png-button").click()]);
    await expect(page.getByTestId("export-status")).toHaveText("PNG downloaded");
    expect(download.suggestedFilename()).toMatch(/^lambda-permissions-123456789012-.*\.png$/);
    const png = decodePng(await readFile((await download.path())!));

    expect(png.width).toBe(REPORT_WIDTH * PIXEL_RATIO);
    const graphHeight = png.height / PIXEL_RATIO - HEADER_HEIGHT - LEGEND_HEIGHT;
    expect(Number.isInteger(graphHeight)).toBe(true);
    expect(graphHeight).toBeGreaterThanOrEqual(MIN_GRAPH_HEIGHT);
    expect(graphHeight).toBeLessThanOrEqual(MAX_GRAPH_HEIGHT);

    // The header band is dark (slate-900) and the graph area has drawn nodes, not a blank canvas.
    expect(countColour(png, [0x0f, 0x17, 0x2a], { x: 0, y: 0, w: png.width, h: 40 })).toBeGreaterThan(png.width * 30);
    const region = graphRegion(png.height);
    expect(countInk(png, region)).toBeGreaterThan(region.w * region.h * 0.02);
    expectEdges(png, region);
    // The header names the snapshot drawn, pinned as a share link pins it, and when the image was made.
    const id = (await page.request.get("/api/report")).headers()["x-snapshot-id"];
    expect(await drawnTexts(page)).toContainEqual(expect.stringMatching(new RegExp(`^Captured .* · snapshot ${id} · rendered \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC · region`)));

    // The view is restored after the export.
    await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "ready");
  });

  test("a failed export says what happened and offers Try again, by keyboard, which then downloads", async ({ page }) => {
    await openGraph(page, "?sev=high");
    // The exporter is loaded on first use, and its script is the only request an export makes. Fail it while "the
    // server is down" (the bundler's runtime retries a failed script by itself, so one failure alone goes unseen).
    let down = true;
    const failed: string[] = [];
    await page.route("**/_next/static/**/*.js", async (route) => {
      if (!down) return route.continue();
      failed.push(route.request().url());
      await route.fulfill({ status: 503, contentType: "text/plain", body: "Service Unavailable" });
    });
    await page.getByTestId("export-png-button").click();
    const status = page.getByTestId("export-status");
    await expect(status).toHaveText("Export failed: the exporter could not be loaded (the server or the network did not answer).");
    expect(failed.length, "the export asked for its script").toBeGreaterThan(0);
    down = false;
    await expect(status).toHaveAttribute("role", "status");
    await expect(page.getByTestId("export-png-button")).toBeFocused();
    await page.keyboard.press("Tab");
    const retry = page.getByRole("button", { name: "Try again" });
    await expect(retry).toBeFocused();
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    await expect(status).toHaveText("PNG downloaded");
    await expect(retry).toHaveCount(0);
    await expect(page.getByTestId("export-png-button")).toBeFocused();
    expect(download.suggestedFilename()).toMatch(/\.png$/);
  });

  test("in a 320 px window (400 % zoom, WCAG 1.4.10), a failed export's line and its Try again fit, wrapped rather than cut off", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 480 });
    await openGraph(page, "?sev=high", false);
    await page.route("**/_next/static/**/*.js", (route) => route.fulfill({ status: 503, contentType: "text/plain", body: "Service Unavailable" }));
    await page.getByTestId("export-png-button").click();
    const status = page.getByTestId("export-status");
    await expect(status).toHaveText(/^Export failed: /);
    const retry = page.getByTestId("export-retry");
    for (const [what, box] of [["the failure line", await status.boundingBox()], ["Try again", await retry.boundingBox()]] as const) {
      expect(box, what).not.toBeNull();
      expect(box!.x, `${what}'s left edge`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${what}'s right edge`).toBeLessThanOrEqual(320);
    }
  });

  test("a name the node cuts is cut with an ellipsis in the image (html-to-image drops the CSS that adds it), and whole again after", async ({ page, request }) => {
    // A resource's name takes two lines: its start is cut on the first, its end drawn whole on the second.
    const LOG_GROUP = "log-group:/aws/lambda/nightly-inventory-reconcile:*";
    const withLogGroup = longNamesSnapshot((b) => {
      const role = b.role({ name: "reconcile-role", inline: { logs: policy(allow("logs:PutLogEvents", `arn:aws:logs:us-east-1:123456789012:${LOG_GROUP}`)) } });
      b.fn({ region: "us-east-1", name: "nightly-inventory-reconcile", runtime: "nodejs22.x", role });
    });
    const upload = await request.post("/api/snapshots", {
      multipart: { file: { name: "long-names.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(withLogGroup)) } },
    });
    const { snapshot } = (await upload.json()) as { snapshot: { id: string } };
    await openGraph(page, `?snapshot=${snapshot.id}`);
    const names = page.locator('[data-testid="graph-node"] [title]');
    const before = await names.allTextContents();
    expect(before).toContain(FUNCTION_NAME);
    // Every text the export writes into the nodes, in order: the cut names, then the whole ones put back.
    await recordTextWrites(page);
    await Promise.all([page.waitForEvent("download"), page.getByTestId("export-png-button").click()]);
    await expect(page.getByTestId("export-status")).toHaveText("PNG downloaded");
    const written = await writtenTexts(page);
    const cut = written.filter((w) => w.endsWith("…") && FUNCTION_NAME.startsWith(w.slice(0, -1)));
    expect(cut.length, written.join("\n")).toBeGreaterThan(0);
    expect(cut.at(-1)!.length).toBeGreaterThan(10);
    // The log group's start is cut with "…" on its first line; its end, on the second, is not written at all.
    const label = `logs: ${LOG_GROUP}`;
    const logCut = written.filter((w) => w.endsWith("…") && label.startsWith(w.slice(0, -1)));
    expect(logCut.length, written.join("\n")).toBeGreaterThan(0);
    expect(written.filter((w) => w.includes("reconcile:*"))).toEqual([]);
    const logName = page.locator('[data-testid="graph-node"][data-kind="resource"]').getByTestId("node-name").filter({ hasText: "reconcile:*" });
    await expect(logName).toHaveAttribute("title", label);
    await expect(logName.getByText("-reconcile:*", { exact: true })).toBeVisible();
    expect(await names.allTextContents()).toEqual(before);
    expect(before).toContain(label);
  });

  test("crafted names (a megabyte word, a 100 KB ARN, spaced, right-to-left and zero-width text, markup) export: cut as the dashboard cuts them, markup as text", async ({ page, request }) => {
    const SQS = "arn:aws:sqs:us-east-1:123456789012:";
    // Words that do not repeat: a snapshot of one repeated character compresses past what the store reads back.
    const word = (length: number) => Array.from({ length: length / 5 }, (_, i) => ((i * 2_654_435_761) >>> 0).toString(36).slice(-5).padStart(5, "0")).join("");
    const MEGA = `mega-${word(1_000_000)}`;
    const STREAM = `stream/${word(100_000)}`;
    const SPACED = "orders queue with spaces ".repeat(400).trim();
    const HIDDEN = "\u202eeueuq\u200b-spoof";
    const MARKUP = "<img src=x onerror=alert(1)>";
    const crafted = longNamesSnapshot((b, fn) => {
      for (const source of [`${SQS}${MEGA}`, `arn:aws:kinesis:us-east-1:123456789012:${STREAM}`, `${SQS}${SPACED}`, `${SQS}${HIDDEN}`, `${SQS}${MARKUP}`]) {
        b.esm({ functionArn: fn, sourceArn: source });
      }
    });
    const upload = await request.post("/api/snapshots", {
      multipart: { file: { name: "crafted-names.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(crafted)) } },
    });
    const { snapshot } = (await upload.json()) as { snapshot: { id: string } };
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await recordCanvasTexts(page);
    // The markup's node selected: the header names it.
    await openGraph(page, `?snapshot=${snapshot.id}&node=${encodeURIComponent(`src:${SQS}${MARKUP}`)}`);
    const names = page.locator('[data-testid="graph-node"] [title]');
    const shown = await names.allTextContents();
    for (const label of [MEGA, STREAM, SPACED, HIDDEN, MARKUP]) expect(shown).toContain(printable(label));
    // A name is drawn in two pieces inside the box that holds its tooltip (node-shell.tsx), whose text is the whole
    // name; the export writes the head (cut by CSS), the spaced name's start. Only the spaced name is never cut.
    const spacedPiece = (t: string) => t !== "" && SPACED.startsWith(t);
    expect(shown.filter((t) => t.length > LONGEST_ARN + 30 && !spacedPiece(t))).toEqual([]);

    await recordTextWrites(page);
    const status = page.getByTestId("export-status");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-png-button").click()]);
    await expect(status).toHaveText("PNG downloaded");
    const png = decodePng(await readFile((await download.path())!));
    expect(png.width).toBe(REPORT_WIDTH * PIXEL_RATIO);
    expect(png.height).toBeLessThanOrEqual((HEADER_HEIGHT + MAX_GRAPH_HEIGHT + LEGEND_HEIGHT) * PIXEL_RATIO);
    const region = graphRegion(png.height);
    expect(countInk(png, region)).toBeGreaterThan(region.w * region.h * 0.01);

    // The header says the name as text; the names the export cut and put back held no hidden character unescaped.
    const drawn = await drawnTexts(page);
    expect(drawn).toContainEqual(expect.stringContaining(`selected: Event source ${MARKUP}`));
    const written = await writtenTexts(page);
    expect(written.length).toBeGreaterThan(0);
    for (const text of [...drawn, ...written]) expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
    expect(Math.max(...written.map((w) => (spacedPiece(w) ? 0 : w.length)))).toBeLessThanOrEqual(LONGEST_ARN + 30);
    expect(await names.allTextContents()).toEqual(shown);
    // Nothing the names hold ran: no dialog, no image element made of one.
    expect(dialogs).toEqual([]);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  });

  test("the largest view the graph draws (150 functions of a 1,000-function account) exports, and says what it is doing as it goes", async ({ page, request }) => {
    test.setTimeout(400_000);
    // Captured before the demo, so that it never becomes the latest for other specs.
    const account = { ...generateSyntheticSnapshot({ functions: 1_000, roles: 500, seed: 42 }), capturedAt: "2026-05-01T10:00:00Z" };
    const upload = await request.post("/api/snapshots", {
      multipart: { file: { name: "synthetic.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(account)) } },
      timeout: 120_000,
    });
    expect([200, 201]).toContain(upload.status());
    const { snapshot } = (await upload.json()) as { snapshot: { id: string } };
    await page.goto(`/graph?snapshot=${snapshot.id}&limit=${MAX_FUNCTIONS_DRAWN}`);
    // Its layout takes longer than waitForGraph's wait on a loaded machine.
    await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "ready", { timeout: 120_000 });
    // At the canvas's least zoom this view does not fit (some nodes stay outside), so waitForGraph's fit, which waits
    // for every node inside, cannot end: fit by hand; the export lays out and draws the whole view itself.
    await waitForGraph(page, false);
    await page.getByTestId("rf__controls").getByRole("button", { name: /fit view/i }).click();
    const status = page.getByTestId("export-status");
    // Every line the live region says, in order (a screen reader hears each).
    await status.evaluate((el) => {
      const said: string[] = ((window as unknown as { __said: string[] }).__said = []);
      new MutationObserver(() => said.push(el.textContent ?? "")).observe(el, { childList: true, characterData: true, subtree: true });
    });
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 300_000 }), page.getByTestId("export-png-button").click()]);
    await expect(status).toHaveText("PNG downloaded");
    await expect(status).toHaveAttribute("aria-live", "polite");
    const said = await page.evaluate(() => (window as unknown as { __said: string[] }).__said);
    expect(said).toContainEqual(expect.stringMatching(/^Rendering… drawing \d+ nodes and \d+ edges$/));
    const png = decodePng(await readFile((await download.path())!));
    expect(png.width).toBe(REPORT_WIDTH * PIXEL_RATIO);
    const region = graphRegion(png.height);
    expect(countInk(png, region)).toBeGreaterThan(region.w * region.h * 0.02);
  });

  test("/api/report.png renders the same view as the button", async ({ page, request }) => {
    const query = "?sev=high";
    await openGraph(page, query);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-png-button").click()]);
    const client = decodePng(await readFile((await download.path())!));

    const res = await request.get(`/api/report.png${query}`, { timeout: 90_000 });
    expect(res.status(), await res.text().catch(() => "")).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
    const server = decodePng(await res.body());
    expect([server.width, server.height]).toEqual([client.width, client.height]);
    const region = graphRegion(server.height);
    expect(countInk(server, region)).toBeGreaterThan(region.w * region.h * 0.02);
    expectEdges(server, region);
    // Same drawing: the amount of ink in the graph area agrees closely (fonts and anti-aliasing may differ a little).
    const a = countInk(client, region);
    const b = countInk(server, region);
    expect(Math.abs(a - b) / Math.max(a, b)).toBeLessThan(0.1);
  });

  test("a link the page opens exports: a param the graph has no use for and a value at the length limit give 200; one longer is named by both", async ({ page, request }) => {
    // sev of 8,000 characters (high, then commas the parsers skip): read whole by the page, so drawn by the export.
    const atLimit = `high${",".repeat(MAX_LINK_VALUE - 4)}`;
    const link = `?sev=${atLimit}&utm_source=chat`;
    await openGraph(page, link, false);
    await expect(page.getByTestId("unread-link-values")).toHaveCount(0);
    const res = await request.get(`/api/report.png${link}`, { timeout: 120_000 });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");

    // One character more: the page reads it not and says so; the export refuses it in the same words.
    const over = `?sev=${atLimit},&utm_source=chat`;
    await openGraph(page, over, false);
    const said = "severity of 8,001 characters (longer than the 8,000 a link's value may have)";
    await expect(page.getByTestId("unread-link-values")).toContainText(said);
    const refused = await request.get(`/api/report.png${over}`);
    expect(refused.status()).toBe(400);
    expect((await refused.json()).issues).toEqual([`cannot read ${said}`]);
  });

  test("/api/report.png refuses bad params and unknown snapshots with a clear error", async ({ request }) => {
    const bad = await request.get("/api/report.png?sev=urgent&url=http://example.com");
    expect(bad.status()).toBe(400);
    expect((await bad.json()).issues.join(" ")).toMatch(/sev/);
    const missing = await request.get("/api/report.png?snapshot=20990101T000000Z-000000000000");
    expect(missing.status()).toBe(404);
  });

  test("/api/report.png of a view with no function (a region the snapshot lacks) answers, it does not hang", async ({ request }) => {
    const res = await request.get("/api/report.png?region=ap-south-1", { timeout: 60_000 });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
  });
});
