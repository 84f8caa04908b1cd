import { expect, test } from "./test";
import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { graphNode, openGraph } from "./helpers";

const PAYLOAD = "<img src=x onerror=alert(1)>";

test("a function description with HTML renders as text and runs nothing", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });

  await page.goto("/");
  const row = page.locator('[data-testid="function-row"][data-name="xss-probe"]');
  await expect(row).toContainText(PAYLOAD);

  await openGraph(page, "");
  await page.keyboard.press("/");
  await page.getByTestId("search-input").fill("xss-probe");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("function-description")).toHaveText(PAYLOAD);
  await expect(graphNode(page, "xss-probe")).toBeVisible();

  // No element was created from the payload, and no script ran.
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test("API validates its query with zod", async ({ request }) => {
  expect((await request.get("/api/report")).status()).toBe(200);
  const bad = await request.get("/api/report?snapshot=../../etc/passwd");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toBe("invalid query");
  expect((await request.get("/api/report?snapshot=20990101T000000Z-000000000000")).status()).toBe(404);
  const report = await (await request.get("/api/report?snapshot=latest")).json();
  expect(report.functions.some((f: { name: string }) => f.name === "orders-processor")).toBe(true);
});

type Demo = { regions: Record<string, Record<string, Record<string, { EventSourceArn?: string; FunctionName?: string; FunctionArn?: string }[]>>> };

/** The demo as `edit` leaves it, uploaded under an old capture time so it is not the latest snapshot other specs read; its id. */
async function uploadEdited(page: Page, edit: (demo: Demo) => void, capturedAt: string): Promise<string> {
  const demo = JSON.parse(readFileSync("data/demo-snapshot.json", "utf8"));
  edit(demo);
  await page.goto("/snapshots");
  await page.getByTestId("upload-input").setInputFiles({ name: "crafted.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ ...demo, capturedAt })) });
  await expect(page.getByTestId("upload-result")).toContainText("Stored:");
  return (await page.getByTestId("upload-result").getByRole("link").textContent())!.trim();
}

/**
 * An edit replacing the EventSourceArn of the mapping that reads `from`. Lambda takes any text after an event source
 * ARN's account: it is where an account's own crafted text reaches a node (a crafted function name is set aside).
 */
const eventSource = (from: string, to: string) => (demo: Demo) => {
  demo.regions["us-east-1"]!.ListEventSourceMappings!.EventSourceMappings!.find((m) => m.EventSourceArn === from)!.EventSourceArn = to;
};

test("a function named with a right-to-left override is set aside and reported: it cannot pass for checkout-api", async ({ page }) => {
  // "\u202eipa-tuokcehc" reads "checkout-api" where the override is obeyed; Lambda cannot give such a name.
  const spoof = "\u202eipa-tuokcehc";
  const id = await uploadEdited(
    page,
    (demo) => {
      const fn = demo.regions["us-east-1"]!.ListFunctions!.Functions!.find((f) => f.FunctionName === "xss-probe")!;
      Object.assign(fn, { FunctionName: spoof, FunctionArn: fn.FunctionArn!.replace("xss-probe", spoof) });
    },
    "2020-01-04T03:04:05Z",
  );
  await expect(page.getByTestId("upload-set-aside")).toHaveText(/^1 malformed entry was set aside; what it concerned shows as unknown: regions\.us-east-1\.ListFunctions\.Functions\.\d+\.$/);

  await page.goto(`/?snapshot=${id}`);
  await expect(page.getByTestId("function-row").first()).toBeVisible();
  await expect(page.getByTestId("function-row").filter({ hasText: "tuokcehc" })).toHaveCount(0);
  const gaps = page.getByTestId("data-gaps");
  await gaps.locator("summary").click();
  await expect(gaps.getByTestId("data-gap").filter({ hasText: "ListFunctions" })).toHaveText(
    /^ListFunctions \(us-east-1\): MalformedResponse — Functions\.\d+\.FunctionName: not a Lambda function name \(set aside when the snapshot was read\)$/,
  );
  expect(await gaps.innerText()).not.toMatch(/[\u202a-\u202e]|tuokcehc/);
});

test("a queue name with a right-to-left override shows the override: it cannot pass for fulfillment-queue", async ({ page }) => {
  // "\u202eeueuq-tnemllifluf" reads "fulfillment-queue" where the override is obeyed.
  const spoof = "\u202eeueuq-tnemllifluf";
  const arn = "arn:aws:sqs:us-east-1:123456789012:";
  const id = await uploadEdited(page, eventSource(`${arn}fulfillment-queue`, `${arn}${spoof}`), "2020-01-02T03:04:05Z");
  const node = encodeURIComponent(`src:${arn}${spoof}`);

  await openGraph(page, `?snapshot=${id}&focus=${node}&node=${node}`);
  await expect(page.getByTestId("details-title")).toHaveText("\\u202eeueuq-tnemllifluf");
  // The queue drawn with the override shown; no node obeys one.
  const nodes = page.locator(".react-flow__node").filter({ hasText: "\\u202eeueuq-tnemllifluf" });
  await expect(nodes.first()).toBeVisible();
  expect(await nodes.first().getAttribute("data-id")).toBe(decodeURIComponent(node)); // the ARN itself is kept, only shown escaped
  for (const text of await page.locator(".react-flow__node").allInnerTexts()) expect(text).not.toMatch(/[\u202a-\u202e]/);
});

test("an event source ARN holding CR and ESC: its node's edges are drawn and the PNG report of its view renders", async ({ page, request }) => {
  // React Flow read the server-rendered node's id back with CR as LF, found no node and drew none of its edges (the
  // PNG report waited for them); ESC, which XML does not allow, kept the report's SVG copy from loading.
  const arn = "arn:aws:kinesis:us-east-1:123456789012:stream/";
  const id = await uploadEdited(page, eventSource(`${arn}shipment-events`, `${arn}ship\r\u001b[2Jments`), "2020-01-03T03:04:05Z");
  const node = encodeURIComponent(`src:${arn}ship\r\u001b[2Jments`);
  const query = `?snapshot=${id}&focus=${node}&node=${node}`;

  await openGraph(page, query);
  const drawn = page.locator(".react-flow__node").filter({ hasText: "ship\\r\\u001b[2Jments" });
  await expect(drawn.first()).toBeVisible();
  expect(await drawn.first().getAttribute("data-id")).toBe(decodeURIComponent(node));
  const view: { visible: { edges: { source: string; target: string }[] } } = await (await request.get(`/api/graph${query}`)).json();
  const own = view.visible.edges.filter((e) => [e.source, e.target].includes(decodeURIComponent(node))).length;
  expect(own).toBeGreaterThan(0);
  const edgesOfNode = () =>
    page.locator(".react-flow__edge").evaluateAll((els, shown) => els.filter((e) => e.getAttribute("aria-label")?.includes(shown)).length, "ship\\r\\u001b[2Jments");
  await expect.poll(edgesOfNode).toBe(own);

  const res = await request.get(`/api/report.png${query}`, { timeout: 90_000 });
  expect(res.status(), await res.text().catch(() => "")).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
});
