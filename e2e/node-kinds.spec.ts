/**
 * Every kind of graph node, clicked or picked with Enter or Space, opens its details at once, with the evidence of
 * its edges, in the URL (Back returns to the previous one) and said to screen readers. Picking a node of the drawn
 * graph asks the server for its details only: the canvas is not "Loading view…" meanwhile (it was, for every node but
 * a function, whose click draws its neighbourhood), nor is the drawn graph fetched again: GET /api/graph/details
 * answers the selection alone.
 */
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./test";
import { openGraph } from "./helpers";
import { seriousViolations } from "./axe";
import { generateHubSnapshot } from "../bench/synthetic";

const ORDERS = "fn:arn:aws:lambda:us-east-1:123456789012:function:orders-processor";

/** A node to pick, its details' title, and the evidence its details show. */
interface Picked {
  id: string;
  title: string;
  evidence: { testId: string; text: RegExp };
}

const KINDS: readonly (Picked & { kind: string })[] = [
  { kind: "invoker", id: "p:public:*", title: "Anyone (*)", evidence: { testId: "caller-way", text: /^Into debug-echo · statement \S+/ } },
  { kind: "role", id: "role:arn:aws:iam::123456789012:role/service-role/orders-processor-role", title: "orders-processor-role", evidence: { testId: "reach-list", text: /sqs: orders-queue/ } },
  { kind: "resource group", id: "group:resource:sqs", title: "sqs · 6 resources", evidence: { testId: "details-panel", text: /Grouped resources \(6\).*sqs: orders-queue/s } },
  { kind: "event source", id: "src:arn:aws:sqs:us-east-1:123456789012:orders-queue", title: "orders-queue", evidence: { testId: "caller-way", text: /^Into orders-processor · mapping [0-9a-f-]{36}/ } },
];

/**
 * Holds every /api/graph and /api/graph/details request until `release`: the details must be on screen before the
 * server answers, and the canvas must not be busy meanwhile, whatever the machine's speed. Records whether the canvas
 * ever went busy, and which of the two routes were asked.
 */
async function holdViews(page: Page) {
  let release = () => {};
  let held = Promise.resolve();
  const asked: string[] = [];
  await page.route(
    (url) => url.pathname === "/api/graph" || url.pathname === "/api/graph/details",
    async (route) => {
      asked.push(new URL(route.request().url()).pathname);
      await held;
      await route.continue();
    },
  );
  await page.evaluate(() => {
    const w = window as unknown as { busySeen: string[] };
    w.busySeen = [];
    const canvas = document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')!;
    const status = document.querySelector<HTMLElement>('[data-testid="graph-status"]')!;
    new MutationObserver(() => {
      if (canvas.getAttribute("aria-busy") === "true") w.busySeen.push(`aria-busy, status "${status.textContent}"`);
    }).observe(canvas, { attributes: true, attributeFilter: ["aria-busy"] });
    new MutationObserver(() => {
      if (status.textContent) w.busySeen.push(`status "${status.textContent}"`);
    }).observe(status, { childList: true, subtree: true, characterData: true });
  });
  return {
    hold: () => void (held = new Promise<void>((resolve) => (release = resolve))),
    release: () => release(),
    busySeen: () => page.evaluate(() => (window as unknown as { busySeen: string[] }).busySeen.splice(0)),
    asked: () => asked.splice(0),
  };
}

async function expectDetails(page: Page, views: Awaited<ReturnType<typeof holdViews>>, { id, title, evidence }: Picked) {
  const panel = page.getByTestId("details-panel");
  // Before the server answers: the node's details are open on it, in the URL and said, and the graph stands as it was.
  await expect(panel.getByTestId("details-title")).toHaveText(title);
  await expect.poll(() => new URL(page.url()).searchParams.get("node")).toBe(id);
  await expect(page.getByTestId("details-status")).toHaveText(`Loading the details of ${title}…`);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("aria-busy", "false");
  views.release();
  await expect(page.getByTestId("details-status")).toHaveText(new RegExp(`^Details of ${title.replace(/[()*]/g, "\\$&")}: `));
  await expect(page.getByTestId(evidence.testId).first()).toHaveText(evidence.text);
  expect(await views.busySeen(), "the canvas said it was loading a view").toEqual([]);
  // The drawn graph stays: only the node's details were asked for (a hub's whole view is 0.5–1 MB at 10,000 functions).
  expect(views.asked()).toEqual(["/api/graph/details"]);
}

test("every kind of node, clicked, opens its details with its evidence at once; Back returns to the one before", async ({ page }) => {
  await openGraph(page);
  const views = await holdViews(page);
  for (const node of KINDS) {
    views.hold();
    await page.locator(`.react-flow__node[data-id="${node.id}"]`).click();
    await expectDetails(page, views, node);
  }
  // Back, node by node: each view was seen, so it comes back without asking the server.
  for (const node of [...KINDS].reverse().slice(1)) {
    await page.goBack();
    await expect(page.getByTestId("details-title")).toHaveText(node.title);
    expect(new URL(page.url()).searchParams.get("node")).toBe(node.id);
  }
  await page.goBack();
  await expect(page.getByTestId("details-panel")).toHaveCount(0);
});

test("a clicked node's details are those its link opens; Back and Forward move between the selections, the graph kept", async ({ page }) => {
  const [role, group] = [KINDS[1]!, KINDS[2]!];
  const panel = page.getByTestId("details-panel");
  const opened: Record<string, string> = {};
  for (const node of [role, group]) {
    await openGraph(page, `?node=${encodeURIComponent(node.id)}`);
    await expect(page.getByTestId("details-status")).toHaveText(/^Details of /);
    opened[node.id] = await panel.innerText();
  }
  await openGraph(page);
  const views = await holdViews(page);
  const drawn = await page.getByTestId("graph-canvas").getAttribute("data-node-count");
  for (const node of [role, group]) {
    await page.locator(`.react-flow__node[data-id="${node.id}"]`).click();
    await expect(page.getByTestId("details-status")).toHaveText(/^Details of /);
    await expect(page.getByTestId(node.evidence.testId).first()).toHaveText(node.evidence.text);
    expect(new URL(page.url()).searchParams.get("node")).toBe(node.id);
    expect(await panel.innerText(), `${node.title}: the panel as its link opens it`).toBe(opened[node.id]);
  }
  expect(views.asked()).toEqual(["/api/graph/details", "/api/graph/details"]);
  await page.goBack();
  await expect(panel.getByTestId("details-title")).toHaveText(role.title);
  expect(new URL(page.url()).searchParams.get("node")).toBe(role.id);
  expect(await panel.innerText()).toBe(opened[role.id]);
  await page.goForward();
  await expect(panel.getByTestId("details-title")).toHaveText(group.title);
  expect(new URL(page.url()).searchParams.get("node")).toBe(group.id);
  expect(await panel.innerText()).toBe(opened[group.id]);
  await page.goBack();
  await page.goBack();
  await expect(panel).toHaveCount(0);
  // Each selection was seen: nothing asked again, and the graph drawn throughout is the one opened.
  expect(views.asked()).toEqual([]);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-node-count", drawn ?? "");
});

test("every kind of node, picked with Enter or Space, opens its details and keeps keyboard focus on the node", async ({ page }) => {
  await openGraph(page);
  const views = await holdViews(page);
  for (const [i, node] of KINDS.entries()) {
    views.hold();
    const flow = page.locator(`.react-flow__node[data-id="${node.id}"]`);
    await flow.focus();
    await page.keyboard.press(i % 2 ? " " : "Enter");
    await expectDetails(page, views, node);
    await expect(flow).toBeFocused();
  }
});

test("a resource's details name the roles that reach it, with their actions and statements", async ({ page }) => {
  await openGraph(page, `?focus=${encodeURIComponent(ORDERS)}`);
  const views = await holdViews(page);
  views.hold();
  await page.locator('.react-flow__node[data-id="res:sqs:arn:aws:sqs:us-east-1:123456789012:fulfillment-queue"]').click();
  await expectDetails(page, views, {
    id: "res:sqs:arn:aws:sqs:us-east-1:123456789012:fulfillment-queue",
    title: "sqs: fulfillment-queue",
    evidence: { testId: "reached-by", text: /orders-processor-role.*sqs: fulfillment-queue.*Granted by \S+/s },
  });
});

/**
 * Pages `pager` forward with `key` on its focused Next page button: the count it then says (`shown`), focus kept on the
 * button.
 */
async function nextPageByKey(page: Page, pager: Locator, key: "Enter" | "Space", shown: string | RegExp) {
  const next = pager.getByRole("button", { name: "Next page" });
  await next.focus();
  await page.keyboard.press(key);
  await expect(pager.getByTestId("table-more")).toHaveText(shown);
  await expect(next).toBeFocused();
}

test("a group's details give each member's evidence; a list longer than a page pages from the keyboard, focus kept", async ({ page, request }) => {
  test.setTimeout(120_000);
  // A hub (bench/synthetic.ts) whose focused view groups its 60 queues and the 100 tables its role reaches. Captured
  // before the demo, so that it never becomes the latest for other specs.
  const snapshot = { ...generateHubSnapshot({ grants: 120, mappings: 60, resources: 400 }), capturedAt: "2026-05-01T10:00:00Z" };
  const upload = await request.post("/api/snapshots", {
    multipart: { file: { name: "hub-small.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(snapshot)) } },
  });
  expect([200, 201]).toContain(upload.status());
  const id = (await upload.json()).snapshot.id as string;
  const view = `?snapshot=${id}&focus=${encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:hub")}`;
  await openGraph(page, view);
  const panel = page.getByTestId("details-panel");

  // A group of event sources: each queue's mapping, said with the queue, 60 of them over two pages.
  await page.locator('.react-flow__node[data-id="group:event-source:sqs"]').click();
  await expect(panel.getByTestId("details-title")).toHaveText("sqs · 60 event sources");
  const ways = panel.getByTestId("caller-way");
  await expect(ways).toHaveCount(50);
  await expect(ways.first()).toContainText(/^hub-queue-0Into hub · .*mapping [0-9a-f-]{36}/);
  const waysPager = panel.getByRole("navigation", { name: "Pages of the ways in" });
  await expect(waysPager).toContainText("Showing 1–50 of 60 ways in (page 1 of 2)");
  await nextPageByKey(page, waysPager, "Enter", "Showing 51–60 of 60 ways in (page 2 of 2)");
  await expect(ways).toHaveCount(10);
  await expect(ways.first()).toContainText(/^hub-queue-50Into hub/);
  expect(await seriousViolations(page)).toEqual([]);
  // Its queue named once, above the way in, not again in the mapping's line.
  await expect(ways.first()).toContainText("via event source mapping");
  await expect(ways.first()).not.toContainText("arn:aws:sqs");

  // Its members, all 60, a page at a time rather than 50 and "and 10 more"; one on the second page opens.
  const members = panel.getByTestId("neighbour-list").getByRole("button");
  await expect(members).toHaveCount(50);
  const membersPager = panel.getByRole("navigation", { name: "Pages of the grouped event sources" });
  await expect(membersPager).toContainText("Showing 1–50 of 60 event sources (page 1 of 2)");
  await nextPageByKey(page, membersPager, "Enter", "Showing 51–60 of 60 event sources (page 2 of 2)");
  await expect(members).toHaveCount(10);
  await expect(members.first()).toHaveText("Event source: hub-queue-50");
  expect(await seriousViolations(page)).toEqual([]);
  await members.first().click();
  await expect(panel.getByTestId("details-title")).toHaveText("hub-queue-50");

  // A function's Connected list: its 120 grants' invokers, 60 queues and its role, paged the same way.
  await openGraph(page, `${view}&node=${encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:hub")}`);
  const connectedPager = panel.getByRole("navigation", { name: "Pages of the connected nodes" });
  await expect(connectedPager).toContainText(/Showing 1–50 of \d{3} connected nodes \(page 1 of \d\)/);
  await nextPageByKey(page, connectedPager, "Space", /^Showing 51–100 of \d{3} connected nodes/);
  await expect(panel.getByTestId("neighbour-list").getByRole("button")).toHaveCount(50);

  // A group of resources: the role reaching each table, with its statement, 100 of them over two pages. Opened from
  // its link: the panel open beside the graph leaves that node out of the canvas's drawn part.
  await openGraph(page, `${view}&node=${encodeURIComponent("group:resource:dynamodb")}`);
  await expect(panel.getByTestId("details-title")).toHaveText("dynamodb · 100 resources");
  const reached = panel.getByTestId("reached-by").locator(":scope > li");
  await expect(reached).toHaveCount(50);
  await expect(reached.first()).toContainText(/^hub-role.*table\/t-\d+.*Granted by hub#\d+/s);
  const firstPage = await reached.first().textContent();
  const reachedPager = panel.getByRole("navigation", { name: "Pages of the roles reaching it" });
  await expect(reachedPager).toContainText("Showing 1–50 of 100 reaching roles (page 1 of 2)");
  await nextPageByKey(page, reachedPager, "Space", "Showing 51–100 of 100 reaching roles (page 2 of 2)");
  await expect(reached).toHaveCount(50);
  await expect(reached.first()).toContainText(/^hub-role.*table\/t-\d+/s);
  expect(await reached.first().textContent()).not.toBe(firstPage);
  expect(await seriousViolations(page)).toEqual([]);

  // A role's reach of 400 patterns: all of them, a page at a time.
  await openGraph(page, `${view}&node=${encodeURIComponent("role:arn:aws:iam::123456789012:role/hub-role")}`);
  const reachPager = panel.getByRole("navigation", { name: "Pages of what the role can reach" });
  await expect(reachPager).toContainText("Showing 1–50 of 400 resources (page 1 of 8)");
  await reachPager.getByRole("button", { name: "Next page" }).click();
  await expect(reachPager.getByTestId("table-more")).toHaveText("Showing 51–100 of 400 resources (page 2 of 8)");
});
