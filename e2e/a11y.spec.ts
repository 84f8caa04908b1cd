import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./test";
import { seriousViolations } from "./axe";
import { flowNode, graphNode, liveRegionsSaying, nestedLiveRegions, openGraph, sidewaysOverflow, viewZoom, waitForGraph } from "./helpers";
import { overlapping } from "./geometry";
import { ACCOUNT as GAP_ACCOUNT, INCOMPLETE_FUNCTION, REGION as GAP_REGION, UNKNOWN_ROLE_FUNCTION, gapAloneSnapshot } from "./fixtures/gap-alone";
import { ALIASES, FUNCTION as MANY_ALIASES_FUNCTION, OWN_NODE_ALIAS, manyAliasesSnapshot } from "./fixtures/many-aliases";
import { generateSyntheticSnapshot } from "../bench/synthetic";
import { REACH_STATE_LABEL } from "../lib/view/reach-question";
import { readFileSync } from "node:fs";


test("overview has no serious or critical axe violations", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("functions-table")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the first Tab stop of every page skips the navigation: shown when focused, Enter moves focus to the content", async ({ page }) => {
  for (const path of ["/", "/graph", "/snapshots"]) {
    await page.goto(path);
    // The loading state is a <main> too (it is the page while it waits): React reveals the content after load, the
    // fallback kept beside it until then.
    await expect(page.getByTestId("report-loading")).toHaveCount(0);
    await expect(page.locator("main")).toBeVisible();
    const skip = page.getByTestId("skip-to-content");
    await page.keyboard.press("Tab");
    await expect(skip, path).toBeFocused();
    await expect(skip, path).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#content"), path).toBeFocused();
    // The next Tab goes on inside the content, not back to the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("main")), path).toBe(true);
  }
});

test("graph has no serious or critical axe violations, with the details panel open", async ({ page }) => {
  await openGraph(page);
  expect(await seriousViolations(page)).toEqual([]);
  await graphNode(page, "orders-processor").click();
  await expect(page.getByTestId("details-panel")).toBeVisible();
  // Scan the panel with its findings and evidence, not its loading state.
  await expect(page.getByTestId("details-panel").getByTestId("finding").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("graph with an invoker selected has no serious or critical axe violations: the public, and an IAM user with its what-if box", async ({ page }) => {
  // Two graphs opened and scanned whole: past 45 s on a shared two-core machine.
  test.setTimeout(90_000);
  await openGraph(page);
  const panel = page.getByTestId("details-panel");
  await page.locator('.react-flow__node[data-id="p:public:*"]').click();
  await expect(page.getByTestId("details-status")).toHaveText(/^Details of Anyone \(\*\): /);
  await expect(panel.getByTestId("caller-way").first()).toBeVisible();
  expect(await seriousViolations(page), "the public").toEqual([]);
  // The CI deploy user: who it acts for, the functions it invokes and a what-if box of its own.
  const id = encodeURIComponent("p:user:arn:aws:iam::123456789012:user/ci/ci-deploy");
  await openGraph(page, `?node=${id}&focus=${id}`, false);
  await expect(page.getByTestId("details-title")).toHaveText("IAM user ci-deploy");
  await expect(panel.getByTestId("can-box")).toBeVisible();
  expect(await seriousViolations(page), "an IAM user").toEqual([]);
});

test("search dialog has no serious or critical axe violations", async ({ page }) => {
  await openGraph(page, "?q=orders", false);
  await expect(page.getByTestId("search-dialog")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("at 200 % zoom, the graph and its details panel over it have no serious or critical axe violations", async ({ page }) => {
  // A short canvas makes the legend's body scroll: a scroll box with nothing focusable in it must take focus itself.
  await page.setViewportSize({ width: 640, height: 400 });
  await openGraph(page, "", false);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("/");
  await page.getByTestId("search-input").fill("orders-processor");
  await expect(page.getByTestId("search-result").first()).toHaveAttribute("data-name", "orders-processor");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("details-panel").getByTestId("finding").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the keyboard help and a what-if answer have no serious or critical axe violations", async ({ page }) => {
  await openGraph(page);
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(page.getByTestId("keyboard-help")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await graphNode(page, "orders-processor").click();
  const box = page.getByTestId("details-panel").getByTestId("can-box");
  await box.getByLabel("Action").fill("sqs:DeleteMessage");
  await box.getByRole("button", { name: "Ask" }).click();
  await expect(box.getByTestId("can-statement")).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
});

test("snapshots and compare pages have no serious or critical axe violations", async ({ page }) => {
  await page.goto("/snapshots");
  await expect(page.getByTestId("snapshot-row").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // One scan with itself: the page says so rather than drawing an empty diff (a diff of two scans is scanned by
  // e2e/snapshots.spec.ts, which stores the second).
  await page.goto("/snapshots/compare?from=latest&to=latest");
  await expect(page.getByTestId("compare-same")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("error and partial states have no serious or critical axe violations: unknown node in a link, bad or missing snapshot, unreadable invokers", async ({ page, request }) => {
  const gone = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:gone");
  await openGraph(page, `?node=${gone}&focus=${gone}`, false);
  await expect(page.getByTestId("missing-node")).toBeVisible();
  expect(await seriousViolations(page), "a link's node not in the snapshot").toEqual([]);
  for (const [path, testId] of [["/?snapshot=nope", "open-latest"], ["/graph?snapshot=20200101T000000Z-0123456789ab", "snapshot-missing"]] as const) {
    await page.goto(path);
    await expect(page.getByTestId(testId)).toBeVisible();
    expect(await seriousViolations(page), path).toEqual([]);
  }
  // A function whose resource policy could not be read: its invokers are unknown, with the evidence of why.
  const [fn] = (await (await request.get("/api/graph/search?q=hr-payroll-export")).json()).results;
  const id = encodeURIComponent(fn.id);
  await openGraph(page, `?node=${id}&focus=${id}`, false);
  const panel = page.getByTestId("details-panel");
  await expect(panel.getByTestId("list-gap").first()).toContainText("unknown");
  await expect(panel.locator('[data-testid="finding"][data-rule="data-unavailable"]').getByTestId("evidence").first()).toBeVisible();
  expect(await seriousViolations(page), "details of a function whose invokers could not be read").toEqual([]);
});

test("at 200 % zoom, a link's \"not read\" note wraps in the window and has no serious or critical axe violations", async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 400 });
  await openGraph(page, "?sev=urgent,high&findings=yes", false);
  const notice = page.getByTestId("unread-link-values");
  await expect(notice).toContainText("severity “urgent”");
  await expect(notice).toContainText("findings “yes”");
  const box = (await notice.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(640);
  expect(await notice.evaluate((el) => el.scrollWidth <= el.clientWidth), "no text cut off at its side").toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the overview names a link's values it cannot read in one live region, and loads the rest of the view", async ({ page }) => {
  await page.goto("/?sort=owner&page=3&q=orders&q=payments");
  const notice = page.getByTestId("unread-link-values");
  await expect(notice).toContainText("sort “owner” (not one of name, region, runtime, invokers, severity; sorted by severity)");
  await expect(notice).toContainText("page “3” (there is 1 page; page 1 is shown)");
  await expect(notice).toContainText("search given 2 times (only the first is read)");
  // The rest of the link applies: the first search.
  await expect(page.getByTestId("table-search")).toHaveValue("orders");
  await expect(page.getByTestId("function-row").first()).toBeVisible();
  expect(await liveRegionsSaying(page, "sort “owner”")).toHaveLength(1);
  expect(await nestedLiveRegions(page)).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
});

test("a mistyped address answers 404 in a main landmark with the ways back to the dashboard, not a dead end", async ({ page }) => {
  const res = await page.goto("/overview");
  expect(res!.status()).toBe(404);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  // Every path out, since the header with its navigation is not on this page.
  for (const [name, href] of [["Overview", "/"], ["Graph", "/graph"], ["Snapshots", "/snapshots"]] as const) {
    await expect(main.getByRole("link", { name, exact: true })).toHaveAttribute("href", href);
  }
  await main.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByTestId("functions-table")).toBeVisible();
});

test("keyboard: Enter on a node says what its details hold, Enter again goes to them, Escape comes back to the node", async ({ page }) => {
  await openGraph(page);
  const node = page.locator(".react-flow__node", { has: graphNode(page, "orders-processor") });
  const status = page.getByTestId("details-status");
  // There before the panel opens, empty: an inserted live region is not announced by every screen reader.
  await expect(status).toHaveText("");
  // The details held back, so their wait is seen: said once, by that region (the panel's "Loading details…" was a
  // second live region saying it).
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const details = /\/api\/graph\?.*node=/;
  await page.route(details, async (route) => {
    await held;
    await route.continue();
  });
  await node.focus();
  await page.keyboard.press("Enter");
  await expect(status).toHaveText("Loading the details of orders-processor…");
  await expect(page.getByTestId("details-panel")).toContainText("Loading details…");
  await expect.poll(() => liveRegionsSaying(page, "details")).toEqual(["Loading the details of orders-processor…"]);
  // Left routed: unrouting while the held request waits handles it twice; released, later requests pass straight on.
  release();
  await expect(status).toHaveText("Details of orders-processor: 1 finding.");
  await expect(node).toBeFocused();
  // The panel comes after every node in Tab order: a second Enter is the way there.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("details-title")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("details-panel")).toHaveCount(0);
  await expect(node).toBeFocused();
  await expect(status).toHaveText("");
});

test("Back that closes the details panel leaves focus on its node, not on the page; Forward reopens it beside the node", async ({ page }) => {
  await openGraph(page);
  const node = page.locator(".react-flow__node", { has: graphNode(page, "orders-processor") });
  await node.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("details-title")).toBeFocused();
  // Enter focused the function: Back once its neighbourhood is drawn (its findings in, then laid out and placed), so
  // Back brings the whole graph back at its opening view, which the fit above had left and which does not reach this
  // node. Back before that kept the fitted view, and the test passed only when ELK was slow to load.
  await expect(page.getByTestId("details-status")).toHaveText("Details of orders-processor: 1 finding.");
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "ready");
  // The selection lives in the URL: Back closes the panel around the focus, which fell to <body>.
  await page.goBack();
  await expect(page.getByTestId("details-panel")).toHaveCount(0);
  await expect(node).toBeFocused();
  await expect(node, "the view brought the node in").toBeInViewport();
  // As after Enter on the node: the panel opens beside it, focus stays, the status says what it holds.
  await page.goForward();
  await expect(page.getByTestId("details-status")).toHaveText("Details of orders-processor: 1 finding.");
  await expect(node).toBeFocused();
});

test("a node picked in the search from far outside the opening view takes focus once its slow view is drawn, in view", async ({ page, request }) => {
  test.setTimeout(90_000);
  // An account too big to draw whole: the opening view draws its riskiest functions, at a readable zoom on its top.
  // Captured before the demo, so that it never becomes the latest for other specs.
  const snapshot = { ...generateSyntheticSnapshot({ functions: 300, roles: 150, seed: 7 }), capturedAt: "2026-06-03T10:00:00Z" };
  const upload = await request.post("/api/snapshots", {
    multipart: { file: { name: "big.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(snapshot)) } },
  });
  expect([200, 201]).toContain(upload.status());
  const id = (await upload.json()).snapshot.id as string;
  await openGraph(page, `?snapshot=${id}`, false);
  const drawn = new Set(await page.locator('[data-testid="graph-node"]').evaluateAll((els) => els.map((el) => el.getAttribute("data-name"))));
  // Three digits after "-fn-": no other function's name starts with this one's, so the search lists it first.
  const found: { label: string; kind: string }[] = (await (await request.get(`/api/graph/search?snapshot=${id}&q=-fn-2`)).json()).results;
  const far = found.find((n) => n.kind === "function" && /-fn-2\d\d$/.test(n.label) && !drawn.has(n.label));
  expect(far, "a function the opening view does not draw").toBeDefined();
  const name = far!.label;

  // The picked node's view answers late, as a big account's does on a loaded server: after 150 frames (2.5 s at
  // 60 Hz), counted in the page. Focus asked for on a frame count gave up before the node was drawn.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === "/api/graph",
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await page.keyboard.press("/");
  await page.getByTestId("search-input").fill(name);
  await expect(page.getByTestId("search-result").first()).toHaveAttribute("data-name", name);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("search-dialog")).toHaveCount(0);
  await page.evaluate(
    () => new Promise<void>((resolve) => {
      let frames = 0;
      const tick = () => (++frames >= 150 ? resolve() : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    }),
  );
  release();

  await expect(page.getByTestId("details-title")).toHaveText(name);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "ready");
  const node = flowNode(page, name);
  await expect(node).toBeFocused();
  expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.id), "document.activeElement is the node").toBe(await node.getAttribute("data-id"));
  // Whole, but for sub-pixel rounding (a ratio of 0.9999998 where nothing was cut).
  await expect(node, "the view brought the node in").toBeInViewport({ ratio: 0.999 });
});

test("Back from the graph to the overview puts focus on the link that opened the graph, not on the page", async ({ page }) => {
  await page.goto("/");
  const row = page.getByTestId("function-row").filter({ has: page.getByRole("link", { name: "orders-processor", exact: true }) });
  const link = row.getByRole("link", { name: "orders-processor", exact: true });
  await link.focus();
  await page.keyboard.press("Enter");
  await waitForGraph(page, false);
  // Back rendered the overview anew around no focus: it fell to <body>, the top of the page.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Account");
  await expect(link).toBeFocused();
  // The header's Graph tab, the same way.
  const tab = page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Graph", exact: true });
  await tab.focus();
  await page.keyboard.press("Enter");
  await waitForGraph(page, false);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Account");
  await expect(tab).toBeFocused();
});

test("Back from the graph puts focus on the page's h1 when the link that opened the graph is no longer drawn", async ({ page }) => {
  await page.goto("/");
  const link = page.getByTestId("function-row").getByRole("link", { name: "orders-processor", exact: true });
  // The page remembers the link by its href: one no link on the page has on return stands for a link gone meanwhile
  // (Next's Link still follows the href it was drawn with).
  await link.evaluate((a) => a.setAttribute("href", `${a.getAttribute("href")}&gone=1`));
  await link.focus();
  await page.keyboard.press("Enter");
  await waitForGraph(page, false);
  await page.goBack();
  const h1 = page.getByRole("heading", { level: 1 });
  await expect(h1).toContainText("Account");
  await expect(h1).toBeFocused();
  // Focusable from script only: no new stop on the Tab order.
  await expect(h1).toHaveAttribute("tabindex", "-1");
});

test("Back from the graph to the snapshots page puts focus on the Graph link that opened it", async ({ page }) => {
  await page.goto("/snapshots");
  const link = page.getByTestId("snapshot-row").first().getByRole("link", { name: /^Graph of / });
  await link.focus();
  await page.keyboard.press("Enter");
  await waitForGraph(page, false);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Snapshots");
  await expect(link).toBeFocused();
});

test("with reduced motion asked for, the loading spinner stops and the graph's nodes fade at once; as drawn otherwise", async ({ page }) => {
  /** The motion of a graph node (its fade when dimmed) and of a spinner such as the waiting page's. */
  const motion = () =>
    page.evaluate(() => {
      const spinner = document.body.appendChild(Object.assign(document.createElement("span"), { className: "animate-spin" }));
      const node = getComputedStyle(document.querySelector('[data-testid="graph-node"]')!);
      const spin = getComputedStyle(spinner);
      const out = { fade: parseFloat(node.transitionDuration), spins: spin.animationIterationCount };
      spinner.remove();
      return out;
    });
  await openGraph(page, "", false);
  expect(await motion()).toEqual({ fade: 0.15, spins: "infinite" });
  await page.emulateMedia({ reducedMotion: "reduce" });
  const reduced = await motion();
  expect(reduced.spins).toBe("1");
  expect(reduced.fade).toBeLessThan(0.001);
});

test("a node's keyboard focus ring stays 2 px wide on screen however far the graph is zoomed out", async ({ page }) => {
  await openGraph(page);
  const node = flowNode(page, "orders-processor");
  /** The ring's width and offset as drawn, in screen px: the node is drawn at the view's zoom, its outline with it. */
  const ring = async () => {
    const [zoom, style] = [await viewZoom(page), await node.evaluate((el) => {
      const cs = getComputedStyle(el.firstElementChild!);
      return { visible: el.matches(":focus-visible"), line: cs.outlineStyle, width: parseFloat(cs.outlineWidth), offset: parseFloat(cs.outlineOffset) };
    })];
    return { zoom, visible: style.visible, line: style.line, width: style.width * zoom, offset: style.offset * zoom };
  };
  // Zoomed out with the keyboard, as a keyboard user does (Zoom out, Enter), then to a node.
  const zoomOut = page.getByTestId("rf__controls").getByRole("button", { name: /zoom out/i });
  await zoomOut.focus();
  for (let i = 0; i === 0 || (i < 8 && (await viewZoom(page)) >= 0.25); i++) {
    const before = await viewZoom(page);
    await page.keyboard.press("Enter");
    await expect.poll(() => viewZoom(page)).toBeLessThan(before);
  }
  await node.focus();
  const far = await ring();
  // Where a 2 px ring drawn with the node was half a px or less; far enough out to zoom out further below.
  expect(far.zoom).toBeLessThan(0.25);
  expect(far.zoom).toBeGreaterThan(0.1);
  expect(far).toMatchObject({ visible: true, line: "solid" });
  expect(far.width, "ring width, screen px").toBeGreaterThanOrEqual(1.8);
  expect(far.offset, "ring offset, screen px").toBeGreaterThanOrEqual(1.8);
  // Zooming further with the focus on the node: the ring follows the zoom.
  const box = (await page.getByTestId("graph-canvas").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 600);
  await expect.poll(() => viewZoom(page)).toBeLessThan(far.zoom * 0.8);
  await expect(node).toBeFocused();
  const farther = await ring();
  expect(farther.width, "ring width after zooming further, screen px").toBeGreaterThanOrEqual(1.8);
  expect(farther.width, "ring width after zooming further, screen px").toBeLessThanOrEqual(2.2);
});

test("Copy link and Copy fix keep their names when they copy, and a status region says it", async ({ page }) => {
  await openGraph(page, "", false);
  const copyLink = page.getByRole("button", { name: "Copy link", exact: true });
  await copyLink.click();
  await expect(page.getByTestId("copy-link-status")).toHaveText(/^(Copied to the clipboard|Could not copy: copy the address bar instead)$/);
  // Its name was "Copied" for two seconds: a control renamed under the screen reader's cursor. Its text stays too,
  // read at once, while the outcome shows (its icon): "Copied" as the text of "Copy link" was not what a speech user
  // could say to press it (WCAG 2.5.3, axe's label-content-name-mismatch).
  expect(await copyLink.innerText()).toBe("Copy link");
  await expect(copyLink).toHaveAttribute("data-state", /^(copied|failed)$/);
  expect(await seriousViolations(page)).toEqual([]);
  // Once in ~150 CI runs the click focused the node without opening its details (the graph still settling after the
  // copy?); what is under test here is the buttons' names, so the click is tried again until the panel opens. The view
  // is not fitted: the function is one near the top of the riskiest, drawn in the opening view.
  const panel = page.getByTestId("details-panel");
  await expect(async () => {
    if (!(await panel.isVisible())) await graphNode(page, "debug-echo").click();
    await expect(panel).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  // Named for its finding, after the visible "Copy fix": a panel of several findings had several "Copy fix" buttons.
  const finding = panel.getByTestId("finding").first();
  const fix = finding.getByRole("button", { name: `Copy fix for ${await finding.locator("h4").innerText()}`, exact: true });
  await fix.click();
  await expect(page.getByTestId("details-panel").getByTestId("copy-button-status")).toHaveText(/clipboard/);
  await expect(fix).toBeVisible();
});

test("in forced colors, buttons drawn only by their fill keep an edge (the fill is dropped there); unchanged otherwise", async ({ page }) => {
  // Windows High Contrast and other forced-color themes replace backgrounds with the theme's: a button with no border
  // then read as plain text (Scan now, Choose a file, Open the latest snapshot).
  const edge = (l: Locator) => l.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.borderTopStyle, width: s.borderTopWidth, transparent: s.borderTopColor === "rgba(0, 0, 0, 0)" };
  });
  const pages: [string, (p: Page) => Locator][] = [
    ["/", (p) => p.getByRole("button", { name: "Scan now" })],
    ["/snapshots", (p) => p.getByText("Choose a file", { exact: true })],
    ["/?snapshot=nope", (p) => p.getByTestId("open-latest")],
  ];
  for (const [path, find] of pages) {
    await page.emulateMedia({ forcedColors: "none" });
    await page.goto(path);
    const button = find(page);
    await expect(button, path).toBeVisible();
    expect(await edge(button), `${path}: no border in normal colors`).toMatchObject({ width: "0px" });
    const size = await button.boundingBox();
    await page.emulateMedia({ forcedColors: "active" });
    expect(await edge(button), `${path}: an edge in forced colors`).toEqual({ style: "solid", width: "1px", transparent: false });
    await page.emulateMedia({ forcedColors: "none" });
    expect(await button.boundingBox(), `${path}: same size as before`).toEqual(size);
  }
});

/**
 * What in the details panel is cut off or drawn over something else: text clipped at its own box's side, a box beyond
 * the panel's sides, and pairs of leaf boxes (text, controls) that share area. Read from the drawn boxes, not a picture.
 */
async function panelFit(page: Page) {
  const drawn = await page.getByTestId("details-panel").evaluate((panel) => {
    const side = panel.getBoundingClientRect();
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[${el.getAttribute("data-testid")}]` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    // Hidden from sight on purpose (screen-reader text, closed disclosures), or scrolled by design (a JSON document).
    const unseen = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width <= 1 || r.height <= 1 || !!el.closest(".sr-only, [hidden], pre, [data-testid='evidence-json']");
    };
    const shown = [...panel.querySelectorAll("*")].filter((el) => !unseen(el));
    const clipped = shown
      .filter((el) => {
        const cs = getComputedStyle(el);
        return cs.overflowX !== "visible" && cs.overflowX !== "auto" && cs.overflowX !== "scroll" && el.scrollWidth > el.clientWidth + 1;
      })
      .map(name);
    const outside = shown
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < side.left - 0.5 || r.right > side.right + 0.5;
      })
      .map(name);
    // A control whole (not the text inside it), else an element of text alone; line by line, as the one box around
    // text that wraps spans the line its neighbour ends on.
    const control = "button, select, input, textarea";
    const leaves = shown.filter((el) => el.matches(control) || (el.children.length === 0 && (el.textContent ?? "").trim() !== "" && !el.parentElement?.closest(control)));
    const lines = leaves.flatMap((el) => [...el.getClientRects()].map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, name: name(el) })));
    return { panelInWindow: side.left >= 0 && side.right <= window.innerWidth + 0.5, clipped, outside, lines };
  });
  const { lines, ...fit } = drawn;
  return { ...fit, overlapping: [...new Set(overlapping(lines))] };
}

test("at 200 % zoom, the details of a function whose role is unknown and of one with 120 aliases: no serious axe violations, nothing cut off or overlapping", async ({ page, request }) => {
  const stored = async (file: string, snapshot: unknown) => {
    const upload = await request.post("/api/snapshots", {
      multipart: { file: { name: file, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(snapshot)) } },
    });
    expect([200, 201]).toContain(upload.status());
    return (await upload.json()).snapshot.id as string;
  };
  const gaps = await stored("gap-alone.json", gapAloneSnapshot());
  const aliases = await stored("many-aliases.json", manyAliasesSnapshot());
  const pages = (from: number) => `Showing ${from}–${Math.min(from + 49, ALIASES)} of ${ALIASES} aliases (page ${Math.ceil(from / 50)} of 3)`;
  // Each opened with what shows its case is drawn: the role's reason, the what-if box's page of aliases.
  const opened: { id: string; arn: string; label: string; drawn: (panel: Locator) => Promise<void> }[] = [
    {
      id: gaps,
      arn: `arn:aws:lambda:${GAP_REGION}:${GAP_ACCOUNT}:function:${UNKNOWN_ROLE_FUNCTION}`,
      label: UNKNOWN_ROLE_FUNCTION,
      drawn: (panel) => expect(panel.getByTestId("function-role-unknown")).toContainText("unknown: "),
    },
    // The other gap alone in words, where the panel says which list it leaves open.
    {
      id: gaps,
      arn: `arn:aws:lambda:${GAP_REGION}:${GAP_ACCOUNT}:function:${INCOMPLETE_FUNCTION}`,
      label: INCOMPLETE_FUNCTION,
      drawn: (panel) => expect(panel.getByTestId("list-gap").first()).toContainText("may be incomplete"),
    },
    { id: aliases, arn: MANY_ALIASES_FUNCTION, label: "builds", drawn: (panel) => expect(panel.getByTestId("can-box").getByTestId("table-more")).toHaveText(pages(1)) },
    // The alias's own node: its facts and a box opened on the third page.
    {
      id: aliases,
      arn: `${MANY_ALIASES_FUNCTION}:${OWN_NODE_ALIAS}`,
      label: `builds:${OWN_NODE_ALIAS}`,
      drawn: (panel) => expect(panel.getByTestId("can-box").getByTestId("table-more")).toHaveText(pages(101)),
    },
  ];
  await page.setViewportSize({ width: 640, height: 400 });
  for (const { id, arn, label, drawn } of opened) {
    await openGraph(page, `?snapshot=${id}&node=${encodeURIComponent(`fn:${arn}`)}`, false);
    const panel = page.getByTestId("details-panel");
    await expect(page.getByTestId("details-title")).toHaveText(label);
    // Scanned once its findings and what-if box are in, not in its loading state.
    await expect(panel.getByTestId("finding").first()).toBeVisible();
    await drawn(panel);
    expect(await seriousViolations(page), label).toEqual([]);
    expect(await sidewaysOverflow(page), `${label}: nothing to scroll sideways to`).toBe(0);
    // The whole panel, scrolled through: what lies below the first screen is checked too (boxes need no scrolling).
    expect(await panelFit(page), label).toEqual({ panelInWindow: true, clipped: [], outside: [], overlapping: [] });
  }
});

for (const size of [{ width: 1440, height: 900 }, { width: 640, height: 400 }]) {
  test(`keyboard alone, ${size.width}×${size.height}, from the page's load: Tab reaches a node, Enter opens its details, a link in them is followed, Escape comes back to the graph with focus on a node`, async ({ page }) => {
    // At 640×400 (200 % zoom) the panel lies over the graph, which leaves Tab's order while it does.
    await page.setViewportSize(size);
    await openGraph(page, "", false);
    // Tab from the top of the page until a node has focus: the header, the skip link, the toolbar and filters come first.
    let presses = 0;
    while (!(await page.evaluate(() => !!document.activeElement?.matches(".react-flow__node")))) {
      expect(presses++, "a node is reached by Tab").toBeLessThan(60);
      await page.keyboard.press("Tab");
    }
    const first = page.locator(".react-flow__node:focus");
    const firstId = await first.getAttribute("data-id");
    const firstName = await first.locator('[data-testid="graph-node"]').getAttribute("data-name");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).toHaveText(firstName!);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).toBeFocused();
    // On to the panel's first link to another node (its list of what it connects to), by Tab.
    const panel = page.getByTestId("details-panel");
    const links = panel.locator('section[aria-labelledby="details-neighbours"] button');
    await expect(links.first()).toBeVisible();
    const target = (await links.first().innerText()).replace(/^[^:]+:\s*/, "");
    presses = 0;
    while (!(await links.first().evaluate((el) => el === document.activeElement))) {
      expect(presses++, "the panel's first link is reached by Tab").toBeLessThan(200);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="details-panel"]')), "Tab stays in the panel on the way").toBe(true);
    }
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).toHaveText(target);
    await expect(page.getByTestId("details-title"), "focus goes with the link, to the new details").toBeFocused();
    await page.keyboard.press("Escape");
    await expect(panel).toHaveCount(0);
    // Back on the graph, on the node whose details were open, where the next Tab and Enter go on from.
    const focused = page.locator(".react-flow__node:focus");
    await expect(focused).toHaveCount(1);
    await expect(focused.locator('[data-testid="graph-node"]')).toHaveAttribute("data-name", target);
    expect(await focused.getAttribute("data-id")).not.toBe(firstId);
    // Where the eye can find it: inside the canvas as drawn, not focused somewhere off its edges.
    const canvas = (await page.getByTestId("graph-canvas").boundingBox())!;
    const box = (await focused.boundingBox())!;
    expect(box.x, "the node starts inside the canvas").toBeGreaterThanOrEqual(canvas.x);
    expect(box.x + box.width, "the node ends inside the canvas").toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(box.y, "the node starts inside the canvas").toBeGreaterThanOrEqual(canvas.y);
    expect(box.y + box.height, "the node ends inside the canvas").toBeLessThanOrEqual(canvas.y + canvas.height);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("details-title")).toHaveText(target);
  });
}

test("the upload zone, idle, uploading, stored with entries set aside and refused: no serious axe violations, each said by one live region", async ({ page }) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  // The server's answer is crafted: a real upload with an entry set aside would store a scan other specs then see.
  await page.route("**/api/snapshots", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    await held;
    return route.fulfill({
      status: 201,
      json: { snapshot: { id: "20200101T000000Z-0123456789ab" }, duplicate: false, setAside: { count: 1, entries: [{ field: "regions.us-east-1.ListFunctions.Functions.3", message: "Invalid input" }] } },
    });
  });
  await page.goto("/snapshots");
  await expect(page.getByTestId("upload-zone")).toBeVisible();
  expect(await seriousViolations(page), "idle").toEqual([]);
  await page.getByTestId("upload-input").setInputFiles({ name: "partly.json", mimeType: "application/json", buffer: Buffer.from("{}") });
  await expect(page.getByTestId("upload-status")).toHaveText("Uploading and checking partly.json…");
  expect(await seriousViolations(page), "uploading").toEqual([]);
  expect(await nestedLiveRegions(page), "uploading").toEqual([]);
  release();
  await expect(page.getByTestId("upload-set-aside")).toContainText("1 malformed entry was set aside");
  expect(await seriousViolations(page), "stored").toEqual([]);
  expect(await nestedLiveRegions(page), "stored").toEqual([]);
  await page.unroute("**/api/snapshots");
  await page.getByTestId("upload-input").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{") });
  await expect(page.getByTestId("upload-error")).toContainText("broken.json: not valid JSON");
  expect(await seriousViolations(page), "refused").toEqual([]);
  expect(await nestedLiveRegions(page), "refused").toEqual([]);
});

test("a what-if question refused, the scan's progress, and the not-found page: no serious axe violations, no live region inside another", async ({ page }) => {
  await openGraph(page);
  await graphNode(page, "orders-processor").click();
  const box = page.getByTestId("details-panel").getByTestId("can-box");
  await box.getByRole("button", { name: "Ask" }).click();
  await expect(box.getByTestId("can-error")).toContainText("Give an action");
  expect(await seriousViolations(page), "what-if refused").toEqual([]);
  expect(await nestedLiveRegions(page), "what-if refused").toEqual([]);

  // A scan held running, as e2e/scan.spec.ts does: its progress bar and status are scanned.
  const job = { id: "p", status: "running", startedAt: "2026-11-29T10:00:00Z", progress: { regionsTotal: 2, regionsDone: 1, functionsTotal: 10, functionsDone: 2, calls: 6, errors: 2 } };
  let gets = 0;
  await page.route("**/api/scan", (route) => {
    if (route.request().method() === "POST") return route.fulfill({ status: 202, json: { job, joined: false } });
    gets += 1;
    return route.fulfill({ json: { job: gets === 1 ? null : job } });
  });
  await page.goto("/");
  await expect.poll(() => gets).toBe(1);
  await page.getByRole("button", { name: "Scan now" }).click();
  await expect(page.getByTestId("scan-progress")).toHaveText("2/10 functions · 1/2 regions · 2 calls failed");
  expect(await seriousViolations(page), "scan running").toEqual([]);
  expect(await nestedLiveRegions(page), "scan running").toEqual([]);
  await page.unroute("**/api/scan");

  await page.goto("/overview");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  expect(await seriousViolations(page), "not found").toEqual([]);
});

test("in a phone's window (390 px) the overview, graph, snapshots and not-found pages have no serious or critical axe violations", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  for (const [path, ready] of [
    ["/", "functions-table"],
    ["/snapshots", "snapshot-row"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByTestId(ready).first()).toBeVisible();
    expect(await seriousViolations(page), path).toEqual([]);
  }
  await openGraph(page, "", false);
  expect(await seriousViolations(page), "/graph").toEqual([]);
  await page.goto("/overview");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  expect(await seriousViolations(page), "not found").toEqual([]);
});

test("keyboard: the Tab stop just before the nodes skips past them, to the zoom buttons, or to the open details' title", async ({ page }) => {
  await openGraph(page, "", false);
  const skip = page.getByRole("button", { name: "Skip past the nodes", exact: true });
  await expect(skip).toHaveCount(1);
  let presses = 0;
  while (!(await skip.evaluate((el) => el === document.activeElement))) {
    expect(presses++, "the skip link is reached by Tab").toBeLessThan(60);
    await page.keyboard.press("Tab");
  }
  await expect(skip, "shown while focused").toBeInViewport();
  // Right before the first node: the next Tab is on it.
  await page.keyboard.press("Tab");
  const first = page.locator(".react-flow__node:focus");
  await expect(first).toHaveCount(1);
  await page.keyboard.press("Shift+Tab");
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("rf__controls").getByRole("button", { name: /zoom in/i })).toBeFocused();

  // Back one stop, the last node; with its details open, past the nodes is where they are.
  await page.keyboard.press("Shift+Tab");
  const last = page.locator(".react-flow__node:focus");
  await expect(last).toHaveCount(1);
  const name = await last.locator('[data-testid="graph-node"]').getAttribute("data-name");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("details-title")).toHaveText(name!);
  presses = 0;
  while (!(await skip.evaluate((el) => el === document.activeElement))) {
    expect(presses++, "the skip link is reached by Shift+Tab").toBeLessThan(60);
    await page.keyboard.press("Shift+Tab");
  }
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("details-title")).toBeFocused();
});

test("in forced colors, the selected node and the pressed severity filters stay apart from the others (the fill and ring that set them apart are dropped there)", async ({ page }) => {
  await openGraph(page, "?sev=critical", false);
  const node = page.locator('.react-flow__node[data-id^="fn:"]').first();
  await node.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("details-title")).toBeVisible();
  // Focus elsewhere: the focus ring on the node is not what is looked at.
  await page.getByTestId("open-search").focus();
  await page.emulateMedia({ forcedColors: "active" });
  const look = (l: Locator) => l.evaluate((el) => {
    const s = getComputedStyle(el);
    return { border: `${s.borderTopWidth} ${s.borderTopColor}`, fill: s.backgroundColor, text: s.color };
  });
  const selected = await look(page.locator(".react-flow__node.selected [data-testid='graph-node']"));
  const other = await look(page.locator(".react-flow__node:not(.selected) [data-testid='graph-node']").first());
  expect(selected.border, "the selected node's border").not.toBe(other.border);
  const pressed = await look(page.getByTestId("filter-sev-critical"));
  const unpressed = await look(page.getByTestId("filter-sev-high"));
  await expect(page.getByTestId("filter-sev-critical")).toHaveAttribute("aria-pressed", "true");
  expect(pressed.fill, "a pressed chip's fill").not.toBe(unpressed.fill);
  expect(pressed.text, "a pressed chip's text").not.toBe(unpressed.text);
});

test("in forced colors, the overview, graph with details, search, snapshots and not-found pages have no serious or critical axe violations", async ({ page }) => {
  await page.emulateMedia({ forcedColors: "active" });
  await page.goto("/");
  await expect(page.getByTestId("functions-table")).toBeVisible();
  expect(await seriousViolations(page), "/").toEqual([]);
  await openGraph(page);
  expect(await seriousViolations(page), "/graph").toEqual([]);
  await graphNode(page, "orders-processor").click();
  await expect(page.getByTestId("details-panel").getByTestId("finding").first()).toBeVisible();
  expect(await seriousViolations(page), "/graph with details").toEqual([]);
  await page.keyboard.press("/");
  await expect(page.getByTestId("search-dialog")).toBeVisible();
  expect(await seriousViolations(page), "search").toEqual([]);
  await page.goto("/snapshots");
  await expect(page.getByTestId("snapshot-row").first()).toBeVisible();
  expect(await seriousViolations(page), "/snapshots").toEqual([]);
  await page.goto("/overview");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  expect(await seriousViolations(page), "not found").toEqual([]);
});

/** Presses Tab until `target` has focus: keyboard alone reaches it (at most `limit` stops from where focus is). */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let presses = 0; !(await target.evaluate((el) => el === document.activeElement)); presses++) {
    expect(presses, "reached by Tab").toBeLessThan(limit);
    await page.keyboard.press("Tab");
  }
}

test("the overview's Can do answers, its did-you-mean note, an asked-as line and the Finding filter: reached by keyboard, said once, focus kept, no serious axe violations", async ({ page }) => {
  test.slow();
  await page.goto("/");
  await expect(page.getByTestId("functions-table")).toBeVisible();
  // Named alone, as a screen reader's list of form fields says them.
  const action = page.getByRole("textbox", { name: "Can do action", exact: true });
  const resource = page.getByRole("textbox", { name: "on resource", exact: true });
  await tabTo(page, action);
  await page.keyboard.type("s3:PutObject");
  await page.keyboard.press("Tab");
  await expect(resource).toBeFocused();
  await page.keyboard.type("arn:aws:s3:::acme-reports-prod");
  await page.keyboard.press("Enter");
  const counts = "Answers to the Can do question: 5 allowed, 0 conditional, 1 unknown";
  await expect(page.getByTestId("reach-counts")).toHaveText(counts);
  expect(await liveRegionsSaying(page, "Answers to the Can do question"), "the counts, said once").toEqual([counts]);
  await expect(resource, "focus stays in the box Enter was pressed in").toBeFocused();
  // Each answer's state is a word on its row, not only the chip's colour.
  const answers = page.getByTestId("reach-answer");
  await expect(answers).toHaveCount(6);
  for (const answer of await answers.all()) {
    const state = (await answer.getAttribute("data-state")) as keyof typeof REACH_STATE_LABEL;
    expect(await answer.evaluate((el) => el.firstElementChild?.textContent), state).toBe(REACH_STATE_LABEL[state]);
  }
  await expect(answers.and(page.locator('[data-state="unknown"]'))).toHaveCount(1);
  expect(await seriousViolations(page), "answered").toEqual([]);

  // A misspelt action: the note is said once, focus stays in the action box.
  await action.fill("s3:PutObjects");
  await action.press("Enter");
  const note = page.getByTestId("reach-note");
  await expect(note).toContainText("Check the action: s3:PutObjects is not an action in the IAM action catalog");
  await expect(note).toContainText("did you mean s3:PutObject?");
  expect(await liveRegionsSaying(page, "Check the action"), "the note, said once").toHaveLength(1);
  await expect(action).toBeFocused();
  expect(await seriousViolations(page), "did you mean").toEqual([]);

  // A queue by name: the row says which ARN it was asked as, the counts say it once.
  await action.fill("sqs:SendMessage");
  await resource.fill("orders-queue");
  await page.getByRole("button", { name: "Ask", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reach-asked-as").first()).toContainText("Asked as arn:aws:sqs:us-east-1:123456789012:orders-queue");
  await expect(note).toHaveText("");
  expect(await liveRegionsSaying(page, "asked as arn:aws:sqs"), "asked as, said once with the counts").toEqual([
    "Answers to the Can do question: 3 allowed, 0 conditional, 1 unknown; asked as arn:aws:sqs:us-east-1:123456789012:orders-queue (the only queue named orders-queue)",
  ]);
  await expect(page.getByRole("button", { name: "Ask", exact: true })).toBeFocused();
  await expect(page.getByRole("button", { name: "Clear question", exact: true })).toHaveCount(1);
  expect(await seriousViolations(page), "asked as").toEqual([]);

  // The Finding filter: named "Finding", its options the rules' titles with counts, not their ids.
  await page.getByRole("button", { name: "Clear question", exact: true }).press("Enter");
  await expect(page.getByTestId("reach-counts")).toHaveText("");
  const finding = page.getByRole("combobox", { name: /^Finding\b/ });
  await expect(finding).toHaveCount(1);
  // From the top of the content: the filters come before the question's form.
  await page.locator("main#content").focus();
  await tabTo(page, finding);
  const options = (await finding.locator("option").allTextContents()).slice(1);
  expect(options.length).toBeGreaterThan(3);
  for (const o of options) expect(o, "a rule's title, with its functions").toMatch(/^[A-Z].* \(\d+ of \d+ functions?\)$/);
  const before = (await page.getByTestId("table-count").textContent()) ?? "";
  await finding.selectOption({ index: 1 });
  await expect(page.getByTestId("table-count")).not.toHaveText(before);
  const after = (await page.getByTestId("table-count").textContent()) ?? "";
  expect(await liveRegionsSaying(page, after), "the count, said once").toEqual([after]);
  await expect(finding, "focus stays on the filter").toBeFocused();

  // The severity filter's chips say their severity in words, and whether they are pressed.
  const severities = page.getByRole("group", { name: "Show functions with a finding of severity" }).getByRole("button");
  await expect(severities).toHaveText(["Critical", "High", "Medium", "Low", "Info"]);
  for (const chip of await severities.all()) await expect(chip).toHaveAttribute("aria-pressed", /^(true|false)$/);
  expect(await seriousViolations(page), "Finding filter").toEqual([]);
});

test("the graph's Can do chip and note, its Finding filter, the severity legend and Copy link refused: reached by keyboard, said once, focus kept, no serious axe violations", async ({ page }) => {
  test.slow();
  // The clipboard refused both ways (no Clipboard API permission, no execCommand): Copy link says what to do instead.
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) } });
    document.execCommand = () => false;
  });
  await openGraph(page, "?reach=s3:PutObjects", false);
  await expect(page.getByTestId("reach-chip")).toHaveText("Can do s3:PutObjects on any resource");
  const clear = page.getByRole("button", { name: "Clear the question: can do s3:PutObjects on any resource", exact: true });
  await expect(clear).toHaveCount(1);
  await expect(page.getByTestId("reach-note")).toContainText("did you mean s3:PutObject?");
  expect(await liveRegionsSaying(page, "Check the action"), "the note, said once").toHaveLength(1);
  await page.getByTestId("open-search").focus();
  await tabTo(page, clear);
  expect(await seriousViolations(page), "chip and note").toEqual([]);

  const copy = page.getByRole("button", { name: "Copy link", exact: true });
  await tabTo(page, copy);
  await page.keyboard.press("Enter");
  const refused = page.getByTestId("copy-link-status");
  await expect(refused).toHaveText("Could not copy: copy the address bar instead");
  await expect(refused, "shown, not only said").toBeVisible();
  expect(await liveRegionsSaying(page, "Could not copy"), "said once").toEqual(["Could not copy: copy the address bar instead"]);
  await expect(copy, "focus stays on the button").toBeFocused();
  await expect(copy).toHaveAccessibleName("Copy link");
  expect(await seriousViolations(page), "Copy link refused").toEqual([]);

  // The legend names its severity colours in words.
  const legend = page.getByTestId("graph-legend");
  const toggle = legend.getByRole("button", { name: "Legend", exact: true });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(legend.getByRole("list", { name: "Severity colours" }).getByRole("listitem")).toHaveText(["Critical", "High", "Medium", "Low", "Info"]);

  // The Finding filter, after the question is cleared: its count is said once, focus stays on it.
  await clear.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reach-chip")).toHaveCount(0);
  const finding = page.getByRole("combobox", { name: /^Finding\b/ });
  await expect(finding).toHaveCount(1);
  await tabTo(page, finding);
  const options = (await finding.locator("option").allTextContents()).slice(1);
  for (const o of options) expect(o, "a rule's title, with its functions").toMatch(/^[A-Z].* \(\d+ of \d+ functions?\)$/);
  const before = (await page.getByTestId("graph-count").textContent()) ?? "";
  await finding.selectOption({ index: 1 });
  await expect(page.getByTestId("graph-count")).not.toHaveText(before);
  await waitForGraph(page, false);
  const after = (await page.getByTestId("graph-count").textContent()) ?? "";
  expect(await liveRegionsSaying(page, after), "the count, said once").toEqual([after]);
  await expect(finding, "focus stays on the filter").toBeFocused();
  expect(await seriousViolations(page), "Finding filter").toEqual([]);
});

test("an upload's confirmation, two scans of different accounts refused on the compare page and the graph, and a scan compared with itself on the graph: said once, no serious axe violations", async ({ page }) => {
  test.slow();
  const demo = JSON.parse(readFileSync("data/demo-snapshot.json", "utf8"));
  // Another account's scan, captured before the demo's, so "latest" stays the demo's for the other specs.
  const other = {
    ...demo,
    account: "210987654321",
    capturedAt: "2026-11-01T08:00:00Z",
    sts: { GetCallerIdentity: { ...demo.sts.GetCallerIdentity, Account: "210987654321" } },
  };
  await page.goto("/snapshots");
  await expect(page.getByTestId("upload-zone")).toBeVisible();
  const choose = page.getByLabel("Choose a file", { exact: true });
  await tabTo(page, choose);
  await page.getByTestId("upload-input").setInputFiles({ name: "other-account.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(other)) });
  const result = page.getByTestId("upload-result");
  // Run again on the same store, the file is one already stored.
  await expect(result).toHaveText(/^(Stored|Already stored): other-account\.json, the .+ scan of 210987654321 \(/);
  expect(await liveRegionsSaying(page, "other-account.json"), "said once").toHaveLength(1);
  await expect(choose, "focus stays on the file input").toBeFocused();
  expect(await seriousViolations(page), "stored").toEqual([]);
  const id = (await result.getByRole("link").textContent())!;
  // Named for where it goes, not by the id alone.
  await expect(result.getByRole("link")).toHaveAccessibleName(new RegExp(`^${id}: graph of the .+ scan of 210987654321$`));

  await page.goto(`/snapshots/compare?from=${encodeURIComponent(id)}&to=latest`);
  await expect(page.getByRole("heading", { level: 2, name: "These scans cannot be compared" })).toBeVisible();
  await expect(page.getByTestId("compare-unrelated")).toContainText("these scans are of different accounts (210987654321 and 123456789012)");
  expect(await seriousViolations(page), "compare refused").toEqual([]);

  await openGraph(page, `?compare=${encodeURIComponent(id)}`, false);
  await expect(page.getByTestId("compare-banner")).toContainText("is not comparable with this one: these scans are of different accounts");
  expect(await liveRegionsSaying(page, "is not comparable"), "said once").toHaveLength(1);
  expect(await seriousViolations(page), "graph compared with another account").toEqual([]);

  await openGraph(page, "?compare=latest", false);
  await expect(page.getByTestId("compare-banner")).toContainText("The scan to compare with is this same scan");
  expect(await liveRegionsSaying(page, "this same scan"), "said once").toHaveLength(1);
  expect(await seriousViolations(page), "graph compared with itself").toEqual([]);
});
