import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./test";
import { boxesOf, overlapping } from "./geometry";
import { flowNode, functionNodes, graphNode, liveRegionsSaying, openGraph, viewZoom, waitForGraph } from "./helpers";
import { canaryAliasSnapshot } from "./fixtures/canary-alias";

const SQS_TITLE = "SQS trigger lacks sqs:ReceiveMessage";

/**
 * The names of drawn nodes whose box meets the box of the legend or of the toolbar over the canvas (Copy link, Export
 * PNG), how many nodes are drawn, and the view's transform.
 */
async function nodesUnderOverlays(page: Page): Promise<{ covered: string[]; drawn: number; transform: string }> {
  await expect(page.getByTestId("graph-legend")).toBeVisible();
  return page.evaluate(() => {
    const overlays = ['[data-testid="graph-legend"]', '[data-testid="graph-toolbar"]'].map((s) => [s, document.querySelector(s)!.getBoundingClientRect()] as const);
    const meets = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const drawn = [...document.querySelectorAll<HTMLElement>(".react-flow__node")].filter((n) => n.getBoundingClientRect().width > 0);
    const name = (n: HTMLElement) => n.querySelector('[data-testid="graph-node"]')?.getAttribute("data-name") ?? n.dataset.id!;
    return {
      covered: drawn.flatMap((n) => overlays.filter(([, box]) => meets(n.getBoundingClientRect(), box)).map(([s]) => `${name(n)} under ${s}`)),
      drawn: drawn.length,
      transform: document.querySelector<HTMLElement>(".react-flow__viewport")!.style.transform,
    };
  });
}

/** Names of drawn nodes whose box meets the canvas's strip left of `right` (page x), and the view's transform. */
async function nodesLeftOf(page: Page, right: number): Promise<{ names: string[]; transform: string }> {
  return page.evaluate((right) => {
    const canvas = document.querySelector('[data-testid="graph-canvas"]')!.getBoundingClientRect();
    const names = [...document.querySelectorAll<HTMLElement>(".react-flow__node")]
      .filter((n) => {
        const box = n.getBoundingClientRect();
        return box.width > 0 && box.left < right && box.right > canvas.left && box.top < canvas.bottom && box.bottom > canvas.top;
      })
      .map((n) => n.querySelector('[data-testid="graph-node"]')?.getAttribute("data-name") ?? n.dataset.id!);
    return { names, transform: document.querySelector<HTMLElement>(".react-flow__viewport")!.style.transform };
  }, right);
}

test.describe("graph view", () => {
  test("the server sends the graph page with Next's chunk scripts held until the first paint, and it hydrates", async ({ page, request }) => {
    // lib/http/paint-first-scripts.ts: if a Next upgrade changes its script markup, this says so.
    const html = await (await request.get("/graph")).text();
    expect(html).not.toMatch(/<script[^>]*src="\/_next\/static\/[^"]+\.js"[^>]*\basync\b/);
    expect(html).toMatch(/<script nonce="[^"]+">\(function\(\)\{var q=self\.__lpgScripts/);
    const queued = [...html.matchAll(/__lpgScripts\|\|\[\]\)\.push\("(\/_next\/static\/[^"]+)"\)/g)].map((m) => m[1]);
    expect(queued.length).toBeGreaterThan(2);
    // This browser is on the server's machine: no preloads (they would compete with the first paint).
    for (const src of queued) expect(html).not.toContain(`<link rel="preload" as="script" href="${src}"`);
    await openGraph(page); // interactive: the layout is fitted by the scripts the loader started
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  });

  test("renders the demo graph with columns, minimap, controls and legend", async ({ page }) => {
    await openGraph(page);
    await expect(functionNodes(page).first()).toBeVisible();
    expect(await page.locator('[data-testid="graph-node"]').count()).toBeGreaterThan(5);
    for (const kind of ["function", "role", "resource"]) {
      await expect(page.locator(`[data-testid="graph-node"][data-kind="${kind}"]`).first()).toBeAttached();
    }
    await expect(page.getByTestId("rf__minimap")).toBeVisible();
    await expect(page.getByTestId("rf__controls")).toBeVisible();
    await expect(page.getByTestId("graph-legend")).toBeVisible();
    await expect(page.locator(".react-flow__edge").first()).toBeAttached();
    // Layout columns: invokers left of functions left of roles left of resources.
    const x = async (kind: string) =>
      (await page.locator(`.react-flow__node-${kind}`).first().boundingBox())?.x ?? Number.NaN;
    expect(await x("function")).toBeLessThan(await x("role"));
    expect(await x("role")).toBeLessThan(await x("resource"));
  });

  for (const viewport of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
    test(`at ${viewport.width}×${viewport.height} the legend and the toolbar cover no node, drawn by the server or by the scripts`, async ({ page, browser, request }) => {
      // The server draws a view it has laid out, which it does in the background after the view's first visit.
      await expect.poll(async () => (await (await request.get("/graph")).text()).includes("react-flow__node "), { timeout: 30_000 }).toBe(true);
      // What the first paint shows: the server's HTML, before (here: without) any script.
      const firstPaint = await browser.newContext({ viewport, javaScriptEnabled: false });
      const serverDrawn = await firstPaint.newPage();
      await serverDrawn.goto("/graph");
      const before = await nodesUnderOverlays(serverDrawn);
      await firstPaint.close();
      await page.setViewportSize(viewport);
      await openGraph(page, "", false);
      const after = await nodesUnderOverlays(page);
      expect(before.drawn, "nodes drawn in the server's HTML").toBeGreaterThan(5);
      expect(after.drawn, "nodes drawn once hydrated").toBeGreaterThan(5);
      expect({ firstPaint: before.covered, hydrated: after.covered }, "nodes under an overlay").toEqual({ firstPaint: [], hydrated: [] });
      // The server assumes a 1440 px wide window: there, the scripts take over the view without moving it.
      if (viewport.width === 1440) expect(after.transform).toBe(before.transform);
    });
  }

  test("edge labels fit between the columns they join: none is cut off under a node", async ({ page }) => {
    // The default view has SourceArn conditions on grants from a principal beside its function, the tightest gap.
    await openGraph(page);
    const hidden = overlapping(await boxesOf(page, ".react-flow__edge-textbg", ".react-flow__edge-text"), await boxesOf(page, ".react-flow__node"));
    expect(await page.locator(".react-flow__edge-text").count()).toBeGreaterThan(10);
    expect(hidden, "edge labels overlapping a node").toEqual([]);
  });

  test("edge labels never cover one another: one without room is left out of the drawing, kept in the edge's name, and drawn when its node is selected", async ({ page, request }) => {
    // Invoker edges cross mid-gap, and their condition labels would lie on top of each other. Which edge lacks room
    // moves with the demo's layout: the first view of the demo that leaves a label out is the example.
    const labels = () => boxesOf(page, ".react-flow__edge-textbg", ".react-flow__edge-text");
    const labelOf = (edgeName: string) => page.locator(`.react-flow__edge[aria-label="${edgeName}"] .react-flow__edge-text`);
    const leftOut = () =>
      page.evaluate(() =>
        [...document.querySelectorAll(".react-flow__edge")]
          .map((e) => ({ name: e.getAttribute("aria-label") ?? "", drawn: e.querySelector(".react-flow__edge-text") !== null }))
          .find((e) => !e.drawn && / may invoke .+ \(.+\)$/.test(e.name))?.name,
      );
    let example: string | undefined;
    for (const query of ["", "?sev=medium", "?sev=high", "?region=us-east-1", "?limit=50"]) {
      await openGraph(page, query);
      expect(overlapping(await labels()), `edge labels overlapping each other (graph${query})`).toEqual([]);
      if ((example = await leftOut())) break;
    }
    expect(example, "a view of the demo with a condition label left out for want of room").toBeDefined();
    const [, caller, condition] = / *(.+?) may invoke .+ \((.+)\)$/.exec(example!)!;
    await flowNode(page, caller!).click();
    await expect(page.getByTestId("details-title")).toHaveText(caller!);
    // The label drawn now is the condition the edge's name carries (labels may clip it).
    await expect(labelOf(example!)).toContainText(condition!.slice(0, 12));
    expect(overlapping(await labels()), "edge labels overlapping each other, the caller selected").toEqual([]);
    // A role fanning out to many resources: its labels sit close, none on another.
    const [role] = (await (await request.get("/api/graph/search?q=inventory-stream-consumer-role")).json()).results;
    await openGraph(page, `?focus=${encodeURIComponent(role.id)}`);
    expect(await page.locator(".react-flow__edge-text").count()).toBeGreaterThanOrEqual(9);
    expect(overlapping(await labels()), "labels of the role's edges overlapping each other").toEqual([]);
  });

  for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
    test(`at ${viewport.width}×${viewport.height} Zoom In zooms beyond the opening view, up to the canvas's limit`, async ({ page, request }) => {
      // The opening view the server drew starts React Flow's store with its zoom pinned (flow-elements.ts).
      await expect.poll(async () => (await (await request.get("/graph")).text()).includes("react-flow__node "), { timeout: 30_000 }).toBe(true);
      await page.setViewportSize(viewport);
      await openGraph(page, "", false);
      const zoomIn = page.getByTestId("rf__controls").getByRole("button", { name: /zoom in/i });
      const opening = await viewZoom(page);
      expect(opening, "the opening view is zoomed out to a readable zoom").toBeLessThan(1);
      await expect(zoomIn).toBeEnabled();
      await zoomIn.click();
      await expect.poll(() => viewZoom(page)).toBeGreaterThan(opening * 1.1);
      for (let i = 0; i < 12 && (await zoomIn.isEnabled()); i++) await zoomIn.click();
      await expect(zoomIn).toBeDisabled();
      await expect.poll(() => viewZoom(page)).toBeCloseTo(2, 1);
    });
  }

  test("at 1920×1080 the opening view, at the top of the graph, shows the riskiest functions", async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openGraph(page, "", false);
    await expect(page.getByTestId("aggregation-note")).toContainText("riskiest");
    // The canvas reaches the window's bottom edge: in the window is above the fold.
    for (const name of ["deploy-hook", "debug-echo"]) await expect(graphNode(page, name), `${name} is on the first screen`).toBeInViewport({ ratio: 0.9 });
  });

  test("the fit keeps the legend's column clear only while the legend is open; the toggle is a keyboard disclosure", async ({ page, request }) => {
    // A short, wide view (one function's neighbourhood): its fit is as wide as the width allows. On the narrowest
    // screen where the open legend leaves it readable, so the legend starts open (narrower, it starts collapsed).
    await page.setViewportSize({ width: 1280, height: 800 });
    const [fn] = (await (await request.get("/api/graph/search?q=orders-processor")).json()).results;
    await openGraph(page, `?focus=${encodeURIComponent(fn.id)}`);
    const legend = page.getByTestId("graph-legend");
    const toggle = legend.getByRole("button", { name: "Legend" });
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const legendBox = (await legend.boundingBox())!;
    const column = legendBox.x + legendBox.width;
    const fit = page.getByTestId("rf__controls").getByRole("button", { name: /fit view/i });
    const settled = async () => {
      await page.waitForTimeout(150);
      return nodesLeftOf(page, column);
    };
    const open = await settled();
    expect(open.names, "nodes in the open legend's column after a fit").toEqual([]);

    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(legend.getByText("Execution role")).toBeHidden();
    expect((await settled()).transform, "collapsing the legend does not move the view").toBe(open.transform);
    await fit.click();
    const collapsed = await settled();
    expect(collapsed.names.length, "nodes in the collapsed legend's former column after a fit").toBeGreaterThan(0);
    expect((await nodesUnderOverlays(page)).covered, "nodes under the collapsed legend or the toolbar").toEqual([]);
    // A new view (the focus cleared: the whole account, opened at a readable zoom) is placed by the same rule.
    await page.getByTestId("clear-focus").click();
    await expect.poll(() => functionNodes(page).count()).toBeGreaterThan(1);
    await waitForGraph(page, false);
    const unfocused = await settled();
    expect(unfocused.names.length, "nodes in the collapsed legend's former column in a new view").toBeGreaterThan(0);

    await toggle.focus();
    await page.keyboard.press("Space");
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(legend.getByText("Execution role")).toBeVisible();
    expect((await settled()).transform, "opening the legend does not move the view").toBe(unfocused.transform);
    await fit.click();
    expect((await settled()).names, "nodes in the reopened legend's column after a fit").toEqual([]);
  });

  test("a conditional reach says so in words, not only as a dotted line: on its label, in its accessible name and in the legend", async ({ page }) => {
    // recommendations-batch's role may write to its table only if its unread inline policy does not refuse it.
    const fn = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:recommendations-batch");
    const role = encodeURIComponent("role:arn:aws:iam::123456789012:role/service-role/recommendations-batch-role");
    // The role selected: its edges' labels are drawn first.
    await openGraph(page, `?focus=${fn}&node=${role}`);
    const edge = page.locator('.react-flow__edge[aria-label^="recommendations-batch-role (partly unread) can access dynamodb: table/recommendations "]');
    await expect(edge).toHaveAttribute("aria-label", /\(Write · conditional\)$/);
    await expect(edge.locator(".react-flow__edge-text")).toHaveText("Write · conditional");
    await expect(edge.locator(".react-flow__edge-path")).toHaveCSS("stroke-dasharray", "2px, 4px");
    // A certain edge says nothing of the kind.
    await expect(page.locator('.react-flow__edge[aria-label^="recommendations-batch runs as "]')).not.toHaveAttribute("aria-label", /conditional/);
    // The legend names the dotted line in the same word, a keyboard disclosure away when it starts collapsed.
    const legend = page.getByTestId("graph-legend");
    const toggle = legend.getByRole("button", { name: "Legend" });
    if ((await toggle.getAttribute("aria-expanded")) === "false") {
      await toggle.focus();
      await page.keyboard.press("Enter");
    }
    await expect(legend.getByRole("listitem").filter({ hasText: /^conditional$/ })).toBeVisible();
  });

  test("orders-processor carries the SQS badge, exposed as text", async ({ page }) => {
    await openGraph(page);
    const node = graphNode(page, "orders-processor");
    await expect(node).toBeVisible();
    const badge = node.getByTestId("node-badge");
    await expect(badge).toHaveAttribute("data-severity", "high");
    await expect(badge.getByTestId("node-badge-title")).toHaveText(SQS_TITLE);
    // Keyboard: the node is focusable and named by the function name and its worst finding.
    const wrapper = flowNode(page, "orders-processor");
    await expect(wrapper).toHaveAttribute("aria-label", new RegExp(`^Function: orders-processor, high: ${SQS_TITLE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    await expect(wrapper).toHaveAttribute("tabindex", "0");
  });

  test("a function URL whose policy lacks InvokeFunction: listed in the panel as letting no one in, not drawn as public", async ({ page, request }) => {
    const [landing] = (await (await request.get("/api/graph/search?q=marketing-landing-form")).json()).results;
    const node = encodeURIComponent(landing.id);
    await openGraph(page, `?focus=${node}&node=${node}`);
    const panel = page.getByTestId("details-panel");
    await expect(panel.getByTestId("details-title")).toHaveText("marketing-landing-form");
    const invokers = panel.locator("li", { hasText: /via (resource policy|function URL)/ });
    await expect(invokers).toHaveCount(2);
    for (const li of await invokers.all()) await expect(li).toContainText("cannot invoke (implicitly-denied)");
    await expect(panel.locator('[data-testid="finding"][data-rule="function-url-permission-mismatch"]')).toBeVisible();
    // Focused on the function, the graph draws no public caller into it.
    await expect(graphNode(page, "Anyone (*)")).toHaveCount(0);
    await expect(graphNode(page, "Internet (function URL, no auth)")).toHaveCount(0);
  });

  test("the state AWS reports is shown as a fact, and its finding quotes AWS's reason", async ({ page, request }) => {
    const [migrator] = (await (await request.get("/api/graph/search?q=customer-db-migrator")).json()).results;
    const node = encodeURIComponent(migrator.id);
    await openGraph(page, `?focus=${node}&node=${node}`);
    const panel = page.getByTestId("details-panel");
    await expect(panel.getByTestId("details-title")).toHaveText("customer-db-migrator");
    await expect(panel.getByTestId("function-state")).toHaveText("Failed (InsufficientRolePermissions)");
    const finding = panel.locator('[data-testid="finding"][data-rule="function-state-failed"]');
    await expect(finding).toContainText("does not have permissions to call CreateNetworkInterface on EC2");
    await expect(finding.getByTestId("remediation")).toContainText("vpc-permission-missing");
  });

  test("a conditional finding's card says it is conditional; a certain one's does not", async ({ page, request }) => {
    const [migrator] = (await (await request.get("/api/graph/search?q=customer-db-migrator")).json()).results;
    const node = encodeURIComponent(migrator.id);
    await openGraph(page, `?focus=${node}&node=${node}`);
    const panel = page.getByTestId("details-panel");
    // Its EFS finding may lack ClientWrite (only if the function writes); its VPC finding lacks the ENI actions outright.
    await expect(panel.locator('[data-testid="finding"][data-rule="efs-permission-missing"]').getByTestId("finding-conditional")).toHaveText(
      "Conditional: rests on an answer the snapshot cannot decide",
    );
    await expect(panel.locator('[data-testid="finding"][data-rule="vpc-permission-missing"]')).toBeVisible();
    await expect(panel.locator('[data-testid="finding"][data-rule="vpc-permission-missing"]').getByTestId("finding-conditional")).toHaveCount(0);
  });

  test("the function's tags are listed as text, keys sorted, and its team's ABAC role is among its invokers", async ({ page, request }) => {
    const [router] = (await (await request.get("/api/graph/search?q=support-ticket-router")).json()).results;
    const node = encodeURIComponent(router.id);
    await openGraph(page, `?focus=${node}&node=${node}`);
    const panel = page.getByTestId("details-panel");
    await expect(panel.getByTestId("details-title")).toHaveText("support-ticket-router");
    await expect(panel.getByTestId("function-tag")).toHaveText([
      "cost-center = cc-support",
      "env = prod",
      "owner = support-oncall@acme.example",
      "team = support",
    ]);
    await expect(panel.getByTestId("identity-invoker").filter({ hasText: "support-oncall" })).toHaveCount(1);
  });

  test("clicking orders-processor focuses it and shows evidence and remediation", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await openGraph(page);
    const before = await functionNodes(page).count();
    await graphNode(page, "orders-processor").click();

    const panel = page.getByTestId("details-panel");
    await expect(panel.getByTestId("details-title")).toHaveText("orders-processor");
    await expect(page).toHaveURL(/focus=/);
    await expect(page).toHaveURL(/node=/);
    await waitForGraph(page);
    await expect(functionNodes(page)).toHaveCount(1);
    expect(before).toBeGreaterThan(1);
    await expect(page.getByTestId("focus-chip")).toContainText("orders-processor");

    const finding = panel.locator('[data-testid="finding"][data-rule="event-source-missing-permissions"]');
    await expect(finding).toBeVisible();
    await expect(finding.getByRole("heading", { name: SQS_TITLE })).toBeVisible();
    await expect(finding.getByTestId("evidence").first()).toBeVisible();
    await expect(finding.getByTestId("evidence-json").first()).toBeVisible();
    await expect(finding.getByTestId("evidence-highlight").first()).toBeVisible();
    await expect(finding.getByTestId("evidence-source").first()).toBeVisible();
    const remediation = finding.getByTestId("remediation");
    await expect(remediation).toContainText("sqs:ReceiveMessage");
    await remediation.getByTestId("copy-button").click();
    await expect(remediation.getByTestId("copy-button")).toHaveAttribute("data-state", "copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("sqs:ReceiveMessage");

    // Focus and selection survive a reload; back returns to the unfocused view.
    await page.reload();
    await waitForGraph(page);
    await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
    await expect(functionNodes(page)).toHaveCount(1);
    await page.goBack();
    await waitForGraph(page);
    await expect(page).not.toHaveURL(/focus=/);
    await expect(page.getByTestId("details-panel")).toHaveCount(0);
    await expect(functionNodes(page)).toHaveCount(before);
    await page.goForward();
    await waitForGraph(page);
    await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
  });

  // The canvas redraws every node and edge it holds: on a big view a commit of it is most of a click's cost, and the
  // details that arrive later change nothing it draws. data-commits counts its commits (graph-canvas.tsx).
  test("a click on a drawn role commits the canvas once, for the selection: not again when the details arrive", async ({ page }) => {
    await openGraph(page);
    const canvas = page.getByTestId("graph-canvas");
    const role = page.locator('[data-testid="graph-node"][data-kind="role"]').first();
    const name = await role.getAttribute("data-name");
    const before = Number(await canvas.getAttribute("data-commits"));
    await flowNode(page, name!).click();
    await expect(page.getByTestId("details-status")).toHaveText(/^Details of .+: (no findings|\d+ findings?)\.$/);
    // Any commit still to come is queued by then: the frames after the details are painted let it land.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 200)))));
    expect(Number(await canvas.getAttribute("data-commits")) - before).toBe(1);
    await expect(page).toHaveURL(new RegExp(`node=`));
    await expect(flowNode(page, name!)).toHaveAttribute("aria-current", "true");
  });

  test("keyboard: Enter on a focused node selects it", async ({ page }) => {
    await openGraph(page);
    await flowNode(page, "orders-processor").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
  });

  test("keyboard: moving through the details panel never drops focus to the page", async ({ page }) => {
    await openGraph(page);
    await flowNode(page, "orders-processor").focus();
    await page.keyboard.press("Enter");
    const panel = page.getByTestId("details-panel");
    // A neighbour opens its own panel: focus lands on the new title.
    const neighbour = panel.getByRole("button", { name: /^Execution role: / }).first();
    await neighbour.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).not.toHaveText("orders-processor");
    await expect(page.getByTestId("details-title")).toBeFocused();
    // Closing returns focus to the node the panel was about.
    const title = (await page.getByTestId("details-title").textContent()) ?? "";
    await panel.getByRole("button", { name: "Close details" }).click();
    await expect(panel).toHaveCount(0);
    await expect(flowNode(page, title)).toBeFocused();
  });

  test("closing the details of a node that is not drawn hands focus to Find a node, not to the page", async ({ page }) => {
    // A clean function: not among the 25 riskiest the first view draws.
    const clean = encodeURIComponent("fn:arn:aws:lambda:eu-west-1:123456789012:function:eu-image-resizer");
    await openGraph(page, `?node=${clean}`, false);
    const panel = page.getByTestId("details-panel");
    await expect(page.getByTestId("details-title")).toHaveText("eu-image-resizer");
    await expect(graphNode(page, "eu-image-resizer")).toHaveCount(0);
    await panel.getByRole("button", { name: "Close details" }).click();
    await expect(panel).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Find a node/ })).toBeFocused();
  });

  test("keyboard: Escape in the details panel, or on its node, closes it as Close details does; in search it closes only search", async ({ page }) => {
    await openGraph(page);
    const node = flowNode(page, "orders-processor");
    const panel = page.getByTestId("details-panel");
    await node.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
    await expect(page).toHaveURL(/[?&]node=/);
    // From inside the panel.
    await panel.getByRole("button", { name: /^Execution role: / }).first().focus();
    await page.keyboard.press("Escape");
    await expect(panel).toHaveCount(0);
    await expect(page).not.toHaveURL(/[?&]node=/);
    await expect(page).toHaveURL(/[?&]focus=/);
    await expect(node).toBeFocused();

    // Not from a what-if field holding typed text: that would throw the text away. From an empty one it closes.
    await page.keyboard.press("Enter");
    const action = panel.getByLabel("Action");
    await action.fill("sqs:ReceiveMessage");
    await action.press("Escape");
    await expect(action).toHaveValue("sqs:ReceiveMessage");
    await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
    await action.fill("");
    await action.press("Escape");
    await expect(panel).toHaveCount(0);
    await expect(node).toBeFocused();

    // From the node whose details are open; focus stays on it.
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
    await node.focus();
    await page.keyboard.press("Escape");
    await expect(panel).toHaveCount(0);
    await expect(page).not.toHaveURL(/[?&]node=/);
    await expect(node).toBeFocused();

    // In the search dialog Escape closes the dialog only.
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
    await page.keyboard.press("/");
    await expect(page.getByTestId("search-dialog")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("search-dialog")).toHaveCount(0);
    await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
    await expect(page).toHaveURL(/[?&]node=/);
  });

  test("keyboard: arrow keys walk the graph beyond the nodes on screen, and the view follows", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openGraph(page, "", false); // the opening view: a readable zoom on the top of a tall graph
    const canvas = (await page.getByTestId("graph-canvas").boundingBox())!;
    const drawnAtFirst = await page.locator(".react-flow__node").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
    const focused = page.locator(".react-flow__node:focus");
    const inView = async () => {
      const box = (await focused.boundingBox())!;
      return box.y >= canvas.y && box.y + box.height <= canvas.y + canvas.height && box.x >= canvas.x && box.x + box.width <= canvas.x + canvas.width;
    };
    // The topmost function drawn.
    const top = await page.locator(".react-flow__node-function").evaluateAll((els) =>
      els.map((e) => ({ id: (e as HTMLElement).dataset.id!, y: e.getBoundingClientRect().y })).sort((a, b) => a.y - b.y)[0]!.id,
    );
    await page.locator(`.react-flow__node[data-id="${top}"]`).focus();
    let id = top;
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("ArrowDown");
      await expect(focused).not.toHaveAttribute("data-id", id);
      id = (await focused.getAttribute("data-id"))!;
      await expect(focused).toHaveClass(/react-flow__node-function/);
      expect(await inView(), `function ${i + 2} from the top is in view`).toBe(true);
    }
    expect(drawnAtFirst, "the arrows reached a node that was not drawn at first").not.toContain(id);
    await page.keyboard.press("ArrowRight");
    await expect(focused).toHaveClass(/react-flow__node-role/);
    expect(await inView()).toBe(true);
    await page.keyboard.press("ArrowLeft");
    await expect(focused).toHaveClass(/react-flow__node-function/);
    // Enter opens the reached node's details, as on any node.
    const name = await focused.locator('[data-testid="graph-node"]').getAttribute("data-name");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).toHaveText(name!);
  });

  for (const reducedMotion of ["no-preference", "reduce"] as const) {
    test(`keyboard: Enter on a node by the right edge at 1280×720 opens the details beside it, and the node is brought clear of the panel (${reducedMotion} motion)`, async ({ page }) => {
      await page.emulateMedia({ reducedMotion });
      await page.setViewportSize({ width: 1280, height: 720 });
      await openGraph(page, "", false);
      const canvas = page.getByTestId("graph-canvas");
      const wide = (await canvas.boundingBox())!;
      // The rightmost node drawn wholly in the canvas: where the panel (26rem) will lie once it opens.
      const id = await page.locator(".react-flow__node").evaluateAll((els, c) => {
        const boxes = els.map((e) => ({ id: (e as HTMLElement).dataset.id!, r: e.getBoundingClientRect() }));
        const inside = boxes.filter(({ r }) => r.width > 0 && r.left >= c.x && r.right <= c.x + c.width && r.top >= c.y && r.bottom <= c.y + c.height);
        return inside.sort((a, b) => b.r.right - a.r.right)[0]!.id;
      }, wide);
      const node = page.locator(`.react-flow__node[data-id="${id}"]`);
      expect((await node.boundingBox())!.x + (await node.boundingBox())!.width, "the node lies where the panel opens").toBeGreaterThan(wide.x + wide.width - 26 * 16);
      await node.focus();
      // Every transform the view takes from Enter on, frame by frame: reduced motion jumps, others glide.
      await page.evaluate(() => {
        const w = window as unknown as { transforms: string[] };
        w.transforms = [];
        const view = document.querySelector<HTMLElement>(".react-flow__viewport")!;
        const frame = () => {
          if (w.transforms.at(-1) !== view.style.transform) w.transforms.push(view.style.transform);
          requestAnimationFrame(frame);
        };
        frame();
      });
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("details-title")).toBeVisible();
      await expect(node).toBeFocused();
      const clear = async () => {
        const [c, p, n] = await Promise.all([canvas.boundingBox(), page.getByTestId("details-panel").boundingBox(), node.boundingBox()]);
        const inCanvas = n!.x >= c!.x && n!.x + n!.width <= c!.x + c!.width && n!.y >= c!.y && n!.y + n!.height <= c!.y + c!.height;
        return inCanvas && n!.x + n!.width <= p!.x;
      };
      await expect.poll(clear, { message: "the node lies inside the canvas, clear of the details panel" }).toBe(true);
      await page.waitForTimeout(400); // past any glide
      expect(await clear()).toBe(true);
      const moves = await page.evaluate(() => (window as unknown as { transforms: string[] }).transforms.length - 1);
      if (reducedMotion === "reduce") expect(moves, "one jump, no glide").toBe(1);
      else expect(moves, "a glide over several frames").toBeGreaterThan(2);
    });
  }

  test("keyboard: the canvas lists its keys, search included", async ({ page }) => {
    await openGraph(page);
    const help = page.getByRole("button", { name: "Keyboard shortcuts" });
    await expect(help).toHaveAttribute("aria-expanded", "false");
    await help.focus();
    await page.keyboard.press("Enter");
    await expect(help).toHaveAttribute("aria-expanded", "true");
    const list = page.getByTestId("keyboard-help");
    await expect(list).toBeVisible();
    for (const text of [/arrow keys/i, /Enter/, /Escape/, /\//]) await expect(list).toContainText(text);
    await page.keyboard.press("Escape");
    await expect(list).toBeHidden();
    await expect(help).toBeFocused();
    // Tabbing on past it closes it: left open over the graph, it hid nodes, and Escape elsewhere did not reach it.
    await page.keyboard.press("Enter");
    await expect(list).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.locator(":focus")).toHaveAccessibleName("Copy link");
    await expect(list).toBeHidden();
    await expect(help).toHaveAttribute("aria-expanded", "false");
  });

  test("keyboard: the legend and the canvas's buttons come before its nodes in Tab order", async ({ page }) => {
    // They were reached only after every node on screen: the Keyboard help, for the very users tabbing, came last.
    await openGraph(page);
    await page.getByTestId("show-more").focus(); // the filter bar's last control
    // Then the stop that skips past the nodes (e2e/a11y.spec.ts), just before the first.
    for (const name of ["Legend", "Keyboard shortcuts", "Copy link", "Export PNG", "Skip past the nodes"]) {
      await page.keyboard.press("Tab");
      await expect(page.locator(":focus"), `Tab reaches ${name}`).toHaveAccessibleName(name);
    }
    await page.keyboard.press("Tab");
    await expect(page.locator(".react-flow__node:focus")).toHaveCount(1);
  });

  test("keyboard: controls that remove themselves hand focus to Find a node; a refused clipboard keeps it on Copy link", async ({ page }) => {
    const findNode = page.getByTestId("open-search");
    await openGraph(page);
    await graphNode(page, "orders-processor").click();
    await page.getByTestId("clear-focus").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("focus-chip")).toHaveCount(0);
    await expect(findNode).toBeFocused();

    // One "Show more" shows every function, so the button goes.
    await openGraph(page, "?limit=60");
    await page.getByTestId("show-more").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("show-more")).toHaveCount(0);
    await expect(findNode).toBeFocused();

    await openGraph(page, "?focus=function%3Agone");
    await page.getByRole("button", { name: "Show the whole graph" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("missing-node")).toHaveCount(0);
    await expect(findNode).toBeFocused();

    // The copy fallback selects a hidden textarea; focus comes back to the button.
    await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) } }));
    const copy = page.getByTestId("copy-link");
    await copy.focus();
    await page.keyboard.press("Enter");
    await expect(copy).toHaveAttribute("data-state", /^(copied|failed)$/);
    await expect(copy).toBeFocused();

    // The fallback refused too: what to do instead is shown beside the ✕, not only said to screen readers.
    await page.evaluate(() => (document.execCommand = () => false));
    await page.keyboard.press("Enter");
    await expect(copy).toHaveAttribute("data-state", "failed");
    const status = page.getByTestId("copy-link-status");
    await expect(status).toHaveText("Could not copy: copy the address bar instead");
    await expect(status).toHaveAttribute("role", "status");
    expect((await status.boundingBox())!.width, "the refusal is shown, not a 1 px screen-reader-only box").toBeGreaterThan(100);
  });

  test("loading a new view is said in a live region that was there before it started", async ({ page }) => {
    // A role=status element inserted together with its text is not announced by every screen reader.
    await openGraph(page);
    const status = page.getByTestId("graph-status");
    await expect(status).toHaveText("");
    await expect(status).toHaveAttribute("role", "status");
    const seen = status.evaluate(
      (el) =>
        new Promise<string>((resolve) => {
          new MutationObserver(() => {
            if (el.textContent) resolve(el.textContent);
          }).observe(el, { childList: true, subtree: true, characterData: true });
        }),
    );
    await page.getByTestId("filter-sev-critical").click();
    expect(await seen).toMatch(/Loading view|Laying out graph/);
    await expect(status).toHaveText(/^Graph laid out: \d+ nodes drawn\.$/);
  });

  test("while a view loads and is laid out the canvas is aria-busy, and the status says once that it is drawn", async ({ page }) => {
    await openGraph(page);
    const canvas = page.getByTestId("graph-canvas");
    const status = page.getByTestId("graph-status");
    await expect(canvas).toHaveAttribute("aria-busy", "false");
    // The first view came laid out from the server: nothing was waited for, nothing to say.
    await expect(status).toHaveText("");
    const said = await status.evaluateHandle((el) => {
      const texts: string[] = [];
      new MutationObserver(() => texts.push(el.textContent ?? "")).observe(el, { childList: true, subtree: true, characterData: true });
      return texts;
    });
    // The view is held until the canvas has been seen busy: a quick one would be over before anyone looked.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route((url) => url.pathname === "/api/graph", async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId("filter-sev-critical").click();
    await expect(canvas).toHaveAttribute("aria-busy", "true");
    await expect(status).toHaveText("Loading view…");
    release();
    await expect(canvas).toHaveAttribute("data-layout", "ready");
    await expect(canvas).toHaveAttribute("aria-busy", "false");
    const drawn = Number(await canvas.getAttribute("data-node-count"));
    expect(drawn).toBeGreaterThan(1);
    await expect(status).toHaveText(`Graph laid out: ${drawn} nodes drawn.`);
    const texts = await said.evaluate((t) => t.filter(Boolean));
    expect(texts.filter((t) => t.startsWith("Graph laid out"))).toEqual([`Graph laid out: ${drawn} nodes drawn.`]);
  });

  test("severity, region and findings filters apply and survive reload", async ({ page }) => {
    await openGraph(page);
    const total = await functionNodes(page).count();

    await page.getByTestId("filter-sev-high").click();
    await expect(page).toHaveURL(/sev=high/);
    await waitForGraph(page);
    const high = await functionNodes(page).count();
    expect(high).toBeGreaterThan(0);
    expect(high).toBeLessThan(total);
    await expect(graphNode(page, "orders-processor")).toBeVisible();
    // Every drawn function has a finding.
    expect(await functionNodes(page).filter({ hasNot: page.getByTestId("node-badge") }).count()).toBe(0);

    await page.reload();
    await waitForGraph(page);
    await expect(page.getByTestId("filter-sev-high")).toHaveAttribute("aria-pressed", "true");
    await expect(functionNodes(page)).toHaveCount(high);

    await page.getByTestId("filter-sev-high").click();
    await page.getByTestId("filter-region").selectOption("eu-west-1");
    await expect(page).toHaveURL(/region=eu-west-1/);
    await waitForGraph(page);
    const regions = await functionNodes(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-region")));
    expect(regions.length).toBeGreaterThan(0);
    expect(new Set(regions)).toEqual(new Set(["eu-west-1"]));

    // Only with findings, inside eu-west-1: unfiltered, the 25 riskiest functions all have findings, so the filter
    // would change nothing there. The region's clean functions (eu-order-events-consumer, data/DEMO.md) are drawn
    // now and must go; those with findings (image-thumbnailer-v1) stay.
    await expect(graphNode(page, "eu-order-events-consumer")).toHaveCount(1);
    await expect(graphNode(page, "image-thumbnailer-v1")).toHaveCount(1);
    await page.getByTestId("filter-findings").check();
    await expect(page).toHaveURL(/findings=true/);
    await waitForGraph(page);
    await expect(graphNode(page, "eu-order-events-consumer")).toHaveCount(0);
    await expect(graphNode(page, "image-thumbnailer-v1")).toHaveCount(1);
    const withFindings = await functionNodes(page).count();
    expect(withFindings).toBeGreaterThan(0);
    expect(withFindings).toBeLessThan(regions.length);
    expect(await functionNodes(page).filter({ hasNot: page.getByTestId("node-badge") }).count()).toBe(0);

    await page.getByTestId("filter-region").selectOption("");
    await expect(page).not.toHaveURL(/region=/);
    await waitForGraph(page);
    expect(await functionNodes(page).filter({ hasNot: page.getByTestId("node-badge") }).count()).toBe(0);
    await page.reload();
    await waitForGraph(page);
    await expect(page.getByTestId("filter-findings")).toBeChecked();
  });

  test("a change that redraws the graph drops the old viewport from the URL", async ({ page }) => {
    // As a shared link or a pan leaves it: vp= in the URL.
    await openGraph(page, "?vp=400,300,0.4", false);
    await page.getByTestId("filter-sev-high").click();
    await expect(page).toHaveURL(/sev=high/);
    await expect(page).not.toHaveURL(/vp=/);

    await openGraph(page, "?vp=400,300,0.4");
    await graphNode(page, "orders-processor").click();
    await expect(page).toHaveURL(/focus=/);
    await expect(page).not.toHaveURL(/vp=/);
  });

  test("a link's region that this snapshot lacks is shown in the filter, and All clears it", async ({ page }) => {
    await openGraph(page, "?region=ap-south-1");
    const region = page.getByTestId("filter-region");
    await expect(region.locator("option:checked")).toHaveText("ap-south-1 (not in this snapshot)");
    await expect(page.getByTestId("graph-count")).toContainText("0 of 0 matching");
    await region.selectOption("");
    await expect(page).not.toHaveURL(/region=/);
    await expect(region.getByTestId("filter-region-linked")).toHaveCount(0);
  });

  test("a later view says when the session ended or the snapshot has no functions, with the way on", async ({ page }) => {
    await openGraph(page);
    // The session ends: views and search answer 401 and offer to sign in again, back to this page.
    await page.route((url) => url.pathname === "/api/graph" || url.pathname === "/api/graph/search", (route) =>
      route.fulfill({ status: 401, json: { error: "sign-in required" } }),
    );
    await page.getByTestId("filter-sev-high").click();
    const banner = page.getByTestId("graph-error");
    await expect(banner).toContainText("sign-in required");
    // The page's one notice says the session ended (not the banner too), with the way on.
    const notice = page.getByTestId("session-ended");
    await expect(notice.getByRole("link", { name: "Sign in again" })).toHaveAttribute("href", "/signin?callbackUrl=%2Fgraph%3Fsev%3Dhigh");
    await page.getByTestId("open-search").click();
    const dialog = page.getByTestId("search-dialog");
    await expect(dialog.getByTestId("search-signed-out")).toContainText("your session has ended");
    // The link is within the dialog's Tab cycle, and the page's only one meanwhile.
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("link", { name: "Sign in again" })).toBeFocused();
    await expect(page.getByRole("link", { name: "Sign in again" })).toHaveCount(1);
    await page.keyboard.press("Escape");
    await expect(notice.getByRole("link", { name: "Sign in again" })).toBeVisible();
    await expect.poll(() => liveRegionsSaying(page, "session has ended")).toHaveLength(1);
    expect(await liveRegionsSaying(page, "sign-in required")).toEqual([]);

    // A node's details answered 401 too: the details panel says it has none, in its place; the notice says why.
    await graphNode(page, "orders-processor").click();
    const failed = page.getByTestId("details-failed");
    await expect(failed.getByTestId("details-signed-out")).toBeVisible();
    await expect(banner).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Sign in again" })).toHaveCount(1);
    await expect.poll(() => liveRegionsSaying(page, "Could not load")).toEqual(["Could not load the details of orders-processor."]);
    await failed.getByRole("button", { name: "Close details" }).click();

    // A snapshot without functions: says so and where to look, not "No function matches these filters".
    await page.unrouteAll();
    const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    await page.route((url) => url.pathname === "/api/graph", (route) =>
      route.fulfill({ json: { visible: { nodes: [], edges: [], matching: 0, shown: 0, total: 0, focus: null, aggregated: false }, selected: null, missing: [], counts: zero } }),
    );
    await page.getByTestId("filter-findings").check();
    await expect(page.getByTestId("graph-empty")).toContainText("This snapshot has no Lambda functions in the regions it covers (");
  });

  test("service filter keeps functions touching that service, and only them", async ({ page }) => {
    // Unfiltered, the 25 riskiest are drawn: image-thumbnailer-v1 (S3 trigger, no SQS) is one of them, the clean
    // SQS worker fulfillment-worker is not (data/DEMO.md). Filtered on SQS, the first goes and the second comes.
    await openGraph(page);
    await expect(graphNode(page, "image-thumbnailer-v1")).toHaveCount(1);
    await expect(graphNode(page, "fulfillment-worker")).toHaveCount(0);
    await openGraph(page, "?svc=sqs");
    await expect(page.getByTestId("filter-service")).toHaveValue("sqs");
    await expect(graphNode(page, "orders-processor")).toBeVisible();
    await expect(graphNode(page, "fulfillment-worker")).toBeVisible();
    await expect(graphNode(page, "image-thumbnailer-v1")).toHaveCount(0);
    const services = await page
      .locator('[data-testid="graph-node"][data-kind="resource"], [data-testid="graph-node"][data-kind="event-source"]')
      .count();
    expect(services).toBeGreaterThan(0);
  });

  test("service filter keeps functions whose role allows every action, and names their reach", async ({ page }) => {
    // Unfiltered, resources are grouped by service: the reach of every action is a group of its own, not "other".
    await openGraph(page);
    await expect(graphNode(page, "all services · 1 resource")).toHaveCount(1);
    await expect(page.locator('[data-testid="graph-node"][data-kind="resource"][data-name^="other"]')).toHaveCount(0);
    // ops-admin-toolkit (Action *) and support-ticket-router (NotAction logs:Delete*) can reach Secrets Manager too.
    await openGraph(page, "?svc=secretsmanager");
    await expect(page.getByTestId("graph-count")).toContainText("3 of 3 matching functions");
    for (const name of ["erp-bridge-consumer", "ops-admin-toolkit", "support-ticket-router"]) await expect(graphNode(page, name)).toBeVisible();
    await expect(flowNode(page, "all services · all resources")).toHaveAttribute("aria-label", "Resource: all services · all resources");
    await openGraph(page, "?svc=iam");
    for (const name of ["ci-artifact-deployer", "ops-admin-toolkit", "support-ticket-router"]) await expect(graphNode(page, name)).toBeVisible();
  });

  test("resource labels keep their service, in the graph and the details panel", async ({ page }) => {
    await openGraph(page, "?focus=fn%3Aarn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amedia-transcoder&node=fn%3Aarn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amedia-transcoder");
    for (const name of ["logs: all resources in us-east-1", "rekognition: all resources", "s3: all resources"]) {
      await expect(flowNode(page, name)).toHaveAttribute("aria-label", `Resource: ${name}`);
    }
    const reaches = page.getByTestId("details-panel").getByTestId("reach");
    await expect(reaches.filter({ hasText: "rekognition: all resources" })).toContainText("Read");
    await expect(reaches.filter({ hasText: /^\* / })).toHaveCount(0);
  });

  test("the details panel lists grants IAM never authorises, apart from what the function can reach", async ({ page }) => {
    const fn = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:clickstream-aggregator");
    await openGraph(page, `?focus=${fn}&node=${fn}`);
    const panel = page.getByTestId("details-panel");
    // The role grants kinesis:SubscribeToShard on the stream, but IAM checks it on an enhanced fan-out consumer's ARN.
    const grant = panel.getByTestId("ineffective-grant");
    await expect(grant).toHaveCount(1);
    await expect(grant).toContainText("kinesis:SubscribeToShard");
    await expect(grant).toContainText("arn:aws:kinesis:us-east-1:123456789012:stream/clickstream");
    await expect(panel.getByTestId("reach").filter({ hasText: "stream/clickstream" })).toHaveCount(1);
  });

  test("the details panel lists roles and IAM users that invoke through their own policies, and the every-function ones as this function sees them", async ({ page }) => {
    const open = async (name: string) => {
      const fn = encodeURIComponent(`fn:arn:aws:lambda:us-east-1:123456789012:function:${name}`);
      await openGraph(page, `?focus=${fn}&node=${fn}`, false);
      await expect(page.getByTestId("details-title")).toHaveText(name);
      return page.getByTestId("details-panel");
    };
    let panel = await open("fraud-scorer");
    // A Step Functions role whose own policy names fraud-scorer: listed by role name with the granting statement, and
    // who may act as it (its trust policy).
    await expect(panel.getByTestId("identity-invoker")).toHaveText("order-fraud-check-sfn-role · identity policy (invoke-steps#0) assumed by states.amazonaws.com");
    await expect(panel.getByTestId("assumed-by")).toHaveText("assumed by states.amazonaws.com");
    // The role's own node lists who may assume it, with the call and the trust statement.
    const fraudFn = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:fraud-scorer");
    const sfnNode = encodeURIComponent("p:role:arn:aws:iam::123456789012:role/service-role/order-fraud-check-sfn-role");
    await openGraph(page, `?focus=${fraudFn}&node=${sfnNode}`, false);
    await expect(page.getByTestId("details-title")).toHaveText("order-fraud-check-sfn-role");
    await expect(page.getByTestId("details-panel").getByTestId("assumer")).toHaveText(["states.amazonaws.com · sts:AssumeRole (trust policy statement #0)"]);
    panel = await open("fraud-scorer");
    // IAM users were read; a role whose policy could not be read may invoke too.
    await expect(panel.getByTestId("identity-scope-note")).toHaveText("Not listed: 1 role whose policies could not be read, which may invoke too.");
    const toggle = panel.getByTestId("account-invokers-toggle");
    await expect(toggle).toHaveText(/^▸ Also 2 roles and 1 IAM user granted invoke on every function$/);
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    const list = panel.getByTestId("account-invokers");
    await expect(list).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(toggle).toHaveAttribute("aria-controls", (await list.getAttribute("id"))!);
    const roles = list.getByTestId("account-invoker");
    await expect(roles).toHaveText([
      "ops-admin-toolkit-role · identity policy (AdministratorAccess#0) · role of ops-admin-toolkit can invoke this one",
      "support-ticket-router-role · identity policy (support-ticket-router-role-policy#NoLogDeletion) · role of support-ticket-router can invoke this one",
      // The break-glass admin is refused without MFA, which the snapshot cannot know: the line names the key.
      "IAM user break-glass-admin · identity policy (AdministratorAccess#0) may invoke this one (conditional: depends on aws:MultiFactorAuthPresent)",
    ]);
    const axe = await new AxeBuilder({ page }).include('[data-testid="details-panel"]').analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // ledger-api's resource policy denies both lambda:InvokeFunction: they stay listed, with the reason, opened from
    // the keyboard. The Deny does not name InvokeAsync, so both are also its own callers through the async API.
    panel = await open("ledger-api");
    await expect(panel.getByTestId("identity-invoker")).toHaveText([
      /^ops-admin-toolkit-role · identity policy \(.*\) · InvokeAsync only/,
      /^support-ticket-router-role · identity policy \(.*\) · InvokeAsync only/,
      /^IAM user break-glass-admin · identity policy \(AdministratorAccess#0\) · InvokeAsync only/,
    ]);
    await expect(panel.getByTestId("account-invokers-toggle")).toHaveText(
      /Also 2 roles and 1 IAM user granted invoke on every function; none of them can call Invoke on this one, yet all 3 can through InvokeAsync \(listed above\)$/,
    );
    await panel.getByTestId("account-invokers-toggle").focus();
    await page.keyboard.press("Enter");
    await expect(panel.getByTestId("account-invoker")).toHaveCount(3);
    for (const role of await panel.getByTestId("account-invoker").all()) {
      await expect(role).toContainText("cannot call Invoke on this one: explicitly denied; InvokeAsync: listed above");
    }

    panel = await open("hr-payroll-export");
    await panel.getByTestId("account-invokers-toggle").click();
    for (const role of await panel.getByTestId("account-invoker").all()) await expect(role).toContainText("may invoke this one (conditional");

    // The CI deploy user invokes checkout-api through its group's policy: named as an IAM user, with the group.
    panel = await open("checkout-api");
    await expect(panel.getByTestId("identity-invoker")).toHaveText("IAM user ci-deploy · identity policy (group deployers: deploy-storefront#SmokeTestAfterDeploy)");

    // deploy-hook is called by ci-artifact-deployer's role, which any GitHub repository's workflows may assume: its
    // line says so, marked, beside the finding that reports it.
    panel = await open("deploy-hook");
    const openRole = panel.getByTestId("identity-invoker").filter({ hasText: "ci-artifact-deployer-role" });
    await expect(openRole.getByTestId("assumed-by")).toHaveText(
      "also assumed by OIDC provider token.actions.githubusercontent.com when aud = sts.amazonaws.com — open to GitHub Actions of any repository",
    );
    await expect(openRole.getByTestId("assumed-by")).toHaveAttribute("data-open", "true");
    await expect(panel.getByText("GitHub Actions of any repository can invoke this function through role ci-artifact-deployer-role")).toBeVisible();

    // The release smoke test's role names pricing-engine's version 28 alone: a caller of that version, said so.
    panel = await open("pricing-engine");
    await expect(panel.getByTestId("identity-invoker")).toHaveText(
      "pricing-release-smoke-test-role · identity policy (invoke-candidate#InvokeCanaryVersion) · on version 28 assumed by codebuild.amazonaws.com, " +
        "OIDC provider token.actions.githubusercontent.com when aud = sts.amazonaws.com; sub = repo:acme-retail/pricing-engine:environment:release",
    );

    // An EU function also names the scheduler role granted every function of eu-west-1.
    const eu = encodeURIComponent("fn:arn:aws:lambda:eu-west-1:123456789012:function:eu-checkout-api");
    await openGraph(page, `?focus=${eu}&node=${eu}`, false);
    panel = page.getByTestId("details-panel");
    // Its API Gateway grant names the source ARN once, in the condition that pins it, the way in in words, and its statement.
    const api = "arn:aws:execute-api:eu-west-1:123456789012:m2c8r5t1wd/*/POST/checkout";
    await expect(panel.getByTestId("way-in")).toHaveText(
      `apigateway.amazonaws.com via resource policy · SourceArn = ${api}; SourceAccount = 123456789012 Granted by statement apigateway-m2c8r5t1wd`,
    );
    await expect(panel.getByTestId("account-invokers-toggle")).toHaveText(/^▸ Also 3 roles and 1 IAM user granted invoke on every function \(1 of them: every one in eu-west-1\)$/);
    await panel.getByTestId("account-invokers-toggle").click();
    await expect(panel.getByTestId("account-invoker").first()).toHaveText(
      "eu-batch-scheduler-role · identity policy (invoke-eu-jobs#0) · every function in eu-west-1 can invoke this one assumed by scheduler.amazonaws.com",
    );
  });

  test("an alias node's details name the role its version runs as and the ways in on it alone; the function's grants say their alias", async ({ page, request }) => {
    // orders runs as orders-stable-role (may delete from orders-queue); alias next routes to version 4, published with
    // orders-canary-role (logs only), which no function runs as now; API Gateway's grant is on next alone.
    const res = await request.post("/api/snapshots", {
      multipart: { file: { name: "canary-alias.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(canaryAliasSnapshot())) } },
    });
    expect([200, 201]).toContain(res.status());
    const snapshot = (await res.json()).snapshot.id as string;
    const fn = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    await openGraph(page, `?snapshot=${snapshot}&node=${encodeURIComponent(`fn:${fn}:next`)}`);
    let panel = page.getByTestId("details-panel");
    await expect(page.getByTestId("details-title")).toHaveText("orders:next");
    const role = panel.locator('dt:text-is("Role") + dd');
    await expect(role).toContainText("arn:aws:iam::123456789012:role/orders-canary-role");
    await expect(role).not.toContainText("role/orders-stable-role");
    await expect(role).toContainText("orders itself runs as orders-stable-role now: alias next runs as the role its version was published with");
    await expect(panel.getByTestId("reach")).toHaveCount(0);
    await expect(panel.getByTestId("reach-on-role-node")).toContainText("Listed on the node of role orders-canary-role");
    await expect(panel.getByTestId("way-in")).toHaveText([/^apigateway\.amazonaws\.com via resource policy · SourceArn = /]);
    // The role it names is a neighbour, a click away.
    await expect(panel.getByRole("button", { name: "Execution role: orders-canary-role" })).toBeVisible();
    const axe = await new AxeBuilder({ page }).include('[data-testid="details-panel"]').analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await openGraph(page, `?snapshot=${snapshot}&node=${encodeURIComponent(`fn:${fn}`)}`, false);
    panel = page.getByTestId("details-panel");
    await expect(page.getByTestId("details-title")).toHaveText("orders");
    await expect(panel.locator('dt:text-is("Role") + dd')).toHaveText("arn:aws:iam::123456789012:role/orders-stable-role");
    await expect(panel.getByTestId("reach").filter({ hasText: "orders-queue" })).toHaveCount(1);
    await expect(panel.getByTestId("way-in")).toHaveText([/^apigateway\.amazonaws\.com via resource policy · on alias next · SourceArn = /]);

    // The demo's pricing-engine: one API Gateway grant on alias live, one on canary, two lines that read apart.
    await openGraph(page, `?node=${encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:pricing-engine")}`, false);
    await expect(page.getByTestId("details-title")).toHaveText("pricing-engine");
    const grants = page.getByTestId("details-panel").getByTestId("way-in");
    await expect(grants).toHaveCount(2);
    expect((await grants.allInnerTexts()).map((t) => / · on (alias \w+) · /.exec(t)?.[1]).sort()).toEqual(["alias canary", "alias live"]);
  });

  test("/ opens search and jumps to a node; the jump survives reload", async ({ page }) => {
    await openGraph(page);
    await page.locator("body").click({ position: { x: 5, y: 200 } });
    await page.keyboard.press("/");
    const dialog = page.getByTestId("search-dialog");
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(/[?&]q=/);
    await page.getByTestId("search-input").fill("xss-pro");
    await expect(dialog.locator('[data-testid="search-result"]').first()).toHaveAttribute("data-name", "xss-probe");
    await page.keyboard.press("Enter");
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("details-title")).toHaveText("xss-probe");
    await waitForGraph(page);
    await expect(graphNode(page, "xss-probe")).toBeVisible();
    await expect(page).not.toHaveURL(/[?&]q=/);
    await page.reload();
    await waitForGraph(page);
    await expect(page.getByTestId("details-title")).toHaveText("xss-probe");
    await expect(graphNode(page, "xss-probe")).toBeVisible();
  });

  test("keyboard: a node picked in search takes the focus, from a node or from the Find button", async ({ page }) => {
    await openGraph(page);
    // From a node: the view changes to the picked node's neighbourhood, where the opener is not drawn.
    await flowNode(page, "orders-processor").focus();
    await page.keyboard.press("/");
    await page.getByTestId("search-input").fill("xss-probe");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).toHaveText("xss-probe");
    await expect(flowNode(page, "xss-probe")).toBeFocused();
    // Escape there closes the details, as after Enter on the node; focus stays.
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("details-panel")).toHaveCount(0);
    await expect(flowNode(page, "xss-probe")).toBeFocused();

    // From the Find button: not back to the button, far from the graph.
    await page.getByTestId("open-search").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("search-input").fill("orders-processor");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).toHaveText("orders-processor");
    await expect(flowNode(page, "orders-processor")).toBeFocused();

    // Dismissed without a pick, focus goes back where it was.
    await page.getByTestId("open-search").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("open-search")).toBeFocused();
  });

  test("search: the arrow keys scroll the option they reach into the list's view", async ({ page }) => {
    // The active option moved out of the list's scroll box, out of sight, while Enter would jump to it.
    await openGraph(page, "?q=o", false);
    const results = page.getByTestId("search-result");
    await expect(results.nth(11)).toBeAttached();
    for (let i = 0; i < 11; i++) await page.keyboard.press("ArrowDown");
    const active = page.locator('[data-testid="search-result"][aria-selected="true"]');
    await expect(active).toHaveCount(1);
    const [option, list] = await Promise.all([active.boundingBox(), page.getByRole("listbox").boundingBox()]);
    expect(option!.y + option!.height, "the active option's bottom in the list's view").toBeLessThanOrEqual(list!.y + list!.height + 1);
    expect(option!.y).toBeGreaterThanOrEqual(list!.y - 1);
  });

  test("an open search survives reload and Escape closes it", async ({ page }) => {
    await openGraph(page, "?q=orders", false);
    await expect(page.getByTestId("search-dialog")).toBeVisible();
    await expect(page.getByTestId("search-input")).toHaveValue("orders");
    await expect(page.getByTestId("search-status")).toHaveText(/\d+ nodes? found/);
    // Tab keeps focus in the dialog (its field and the shortcut switch); Escape closes it.
    await page.keyboard.press("Tab");
    await expect(page.getByTestId("slash-shortcut")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByTestId("search-input")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("search-dialog")).toHaveCount(0);
  });

  test("search: typing a name, the status region says each answer, not \"Searching…\" between them", async ({ page }) => {
    await openGraph(page, "", false);
    await page.keyboard.press("/");
    const status = page.getByTestId("search-status");
    // Every text the live region takes, as a screen reader hears it change.
    await status.evaluate((el) => {
      const said: string[] = ((window as unknown as { said: string[] }).said = []);
      new MutationObserver(() => said.push(el.textContent ?? "")).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await page.getByTestId("search-input").pressSequentially("orders-proc", { delay: 150 });
    await expect(page.getByTestId("search-result").first()).toHaveAttribute("data-name", "orders-processor");
    await expect(page.getByRole("listbox")).toHaveAttribute("aria-busy", "false");
    await expect(status).toHaveText(/^\d+ nodes? found$/);
    const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
    expect(said.length, "answers were said while typing").toBeGreaterThan(0);
    expect(said.filter((text) => !/^(\d+ nodes? found|No node matches\.)$/.test(text)), "what else the region said").toEqual([]);
  });

  test("search text past 2,048 characters (no name or ARN is longer) is not sent: the dialog says why and counts, announced once", async ({ page }) => {
    await openGraph(page, "?q=", false);
    const sent: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/graph/search")) sent.push(new URL(r.url()).searchParams.get("q") ?? "");
    });
    const input = page.getByTestId("search-input");
    const dialog = page.getByTestId("search-dialog");
    // Pasted whole, not cut: a cut ARN would match every node that shares its start.
    await input.fill("a".repeat(2049));
    await expect(input).toHaveValue("a".repeat(2049));
    const tooLong = dialog.getByTestId("search-too-long");
    await expect(tooLong).toContainText("at most 2,048 characters");
    await expect(tooLong).toContainText("2,049 characters");
    await expect(dialog.getByRole("alert")).toHaveCount(1);
    await expect(dialog).not.toContainText("search failed");
    // Nor written into the URL: it keeps the last text searched (here none).
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("");
    const said = await dialog.getByRole("alert").textContent();
    await page.keyboard.type("a");
    await expect(tooLong).toContainText("2,050 characters");
    // The count changes as the user types; what the live region says does not, so it is not said again.
    await expect(dialog.getByRole("alert")).toHaveText(said ?? "");
    expect(sent.filter((q) => q.length > 2048), "searches sent past the limit").toEqual([]);
    // Back at the limit, the search runs again.
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await expect(tooLong).toHaveCount(0);
    await expect(page.getByTestId("search-status")).toHaveText("No node matches.");
    expect(sent.at(-1)?.length).toBe(2048);
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("a".repeat(2048));
  });

  test("a function whose role has an unreadable policy says its reach list may be incomplete, and its role says why", async ({ page, request }) => {
    const [fn] = (await (await request.get("/api/graph/search?q=recommendations-batch")).json()).results;
    const id = encodeURIComponent(fn.id);
    await openGraph(page, `?focus=${id}&node=${id}`);
    const panel = page.getByTestId("details-panel");
    await expect(panel.getByTestId("details-title")).toHaveText("recommendations-batch");
    await expect(panel.getByTestId("list-gap")).toHaveText(/^may be incomplete/);
    await expect(graphNode(page, "recommendations-batch-role (partly unread)")).toBeVisible();
  });

  test("the / shortcut can be turned off, and stays off after reload", async ({ page }) => {
    await openGraph(page, "?q=orders", false);
    const shortcut = page.getByTestId("slash-shortcut");
    await expect(shortcut).toBeChecked();
    await shortcut.focus();
    await page.keyboard.press("Space");
    await expect(shortcut).not.toBeChecked();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("search-dialog")).toHaveCount(0);
    await expect(page.getByTestId("open-search").locator("kbd")).toHaveCount(0);
    await page.reload();
    await waitForGraph(page);
    await page.locator("body").click({ position: { x: 5, y: 200 } });
    await page.keyboard.press("/");
    await expect(page.getByTestId("search-dialog")).toHaveCount(0);
    await expect(page).not.toHaveURL(/[?&]q=/);
    // The button still opens search, where the shortcut can be turned back on.
    await page.getByTestId("open-search").click();
    await expect(page.getByTestId("search-dialog")).toBeVisible();
    await page.getByTestId("slash-shortcut").check();
    await page.keyboard.press("Escape");
    await page.locator("body").click({ position: { x: 5, y: 200 } });
    await page.keyboard.press("/");
    await expect(page.getByTestId("search-dialog")).toBeVisible();
  });
});

test("the details of a node the filters leave off the graph say so, and Focus neighbourhood draws it", async ({ page }) => {
  // A link, or a severity toggled after selecting: the panel stayed open on a node nowhere on the canvas, unexplained.
  const id = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:debug-echo");
  await openGraph(page, `?sev=low&node=${id}`);
  const panel = page.getByTestId("details-panel");
  await expect(page.getByTestId("details-title")).toHaveText("debug-echo");
  await expect(graphNode(page, "debug-echo")).toHaveCount(0);
  await expect(panel.getByTestId("details-off-graph")).toContainText("Not drawn");
  await panel.getByRole("button", { name: "Focus neighbourhood" }).click();
  await expect(graphNode(page, "debug-echo")).toHaveCount(1);
  await expect(panel.getByTestId("details-off-graph")).toHaveCount(0);
});

test("a function whose role does not exist: its role's node says so on screen, and its details that it can reach nothing", async ({ page }) => {
  // The node read "legacy-ftp-poller-rol…": the "(missing)" of its label was cut off; the panel said "nothing beyond
  // logs" of a function that cannot run at all.
  const id = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:legacy-ftp-poller");
  await openGraph(page, `?node=${id}&focus=${id}`);
  const role = graphNode(page, "legacy-ftp-poller-role-x7k2p9 (missing)");
  const state = role.getByTestId("role-state");
  await expect(state).toHaveText("Execution role · missing");
  expect(await state.evaluate((el) => el.parentElement!.scrollWidth <= el.parentElement!.clientWidth), "the state's line is not cut off").toBe(true);
  await expect(page.getByTestId("details-panel").getByText("nothing: its role does not exist, so it cannot run")).toBeVisible();
  // A role that is there says only what it is.
  await expect(graphNode(page, "legacy-ftp-poller")).toHaveCount(1);
  const id2 = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:orders-processor");
  await openGraph(page, `?node=${id2}&focus=${id2}`);
  await expect(graphNode(page, "orders-processor-role")).toContainText("Execution role");
  await expect(graphNode(page, "orders-processor-role").getByTestId("role-state")).toHaveCount(0);
});

test("a remediation's commands and policy each copy on their own: one command is one line, the policy valid JSON", async ({ page, context }) => {
  // "Copy fix" copies prose, policy and commands together: pasted into a shell, marketing-landing-form's fix ran both
  // "if it should be public" and "if not" commands.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const id = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:marketing-landing-form");
  await openGraph(page, `?node=${id}&focus=${id}`);
  const finding = page.locator('[data-testid="finding"][data-rule="function-url-permission-mismatch"]');
  const fix = finding.getByTestId("remediation");
  const commands = fix.getByTestId("remediation-command");
  await expect(commands).toHaveCount(2);
  // Each button says which command of which finding it copies, after its visible label.
  const title = await finding.locator("h4").innerText();
  await expect(commands.nth(1).getByRole("button")).toHaveAccessibleName(`Copy command 2 of 2 for ${title}`);
  await commands.first().getByRole("button", { name: `Copy command 1 of 2 for ${title}`, exact: true }).click();
  await expect(commands.first().getByTestId("copy-part-status")).toHaveText("Copied to the clipboard");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^aws lambda add-permission --function-name \S+:function:marketing-landing-form [^\n]*--invoked-via-function-url$/);

  const sqs = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:orders-processor");
  await openGraph(page, `?node=${sqs}&focus=${sqs}`);
  const policy = page.getByTestId("details-panel").getByTestId("remediation-document");
  await expect(policy).toHaveCount(1);
  const policyTitle = await page.getByTestId("details-panel").getByTestId("finding").filter({ has: page.getByTestId("remediation-document") }).locator("h4").innerText();
  await policy.getByRole("button", { name: `Copy JSON for ${policyTitle}`, exact: true }).click();
  await expect(policy.getByTestId("copy-part-status")).toHaveText("Copied to the clipboard");
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toMatchObject({ Statement: [{ Action: "sqs:ReceiveMessage" }] });
});

test("an account or organization that may invoke shows its whole id on its node, which the subtitle says the kind of", async ({ page }) => {
  // "Account 2109876543…": the node's one line cut the id, the fact a cross-account caller is about.
  for (const [fn, region, label, id] of [
    ["deploy-hook", "us-east-1", "Account 210987654321", "210987654321"],
    ["org-shared-lookup", "eu-west-1", "Organization o-acme7k2qx1", "o-acme7k2qx1"],
  ]) {
    const node = encodeURIComponent(`fn:arn:aws:lambda:${region}:123456789012:function:${fn}`);
    await openGraph(page, `?node=${node}&focus=${node}`);
    const name = graphNode(page, label!).locator("[elementtiming]");
    await expect(name).toHaveText(id!);
    // The tooltip is the name box's, over the whole name, and said once.
    await expect(graphNode(page, label!).getByTestId("node-name")).toHaveAttribute("title", label!);
    await expect(graphNode(page, label!).getByTitle(label!, { exact: true })).toHaveCount(1);
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth), `${label} is not cut off`).toBe(true);
    await expect(flowNode(page, label!)).toHaveAttribute("aria-label", new RegExp(`^Invoker: ${label}`));
  }
});
