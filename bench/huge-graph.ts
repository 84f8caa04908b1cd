/**
 * The graph page on huge accounts (`npm run bench -- huge`): a synthetic account of 10,000 functions and 5,000 roles
 * (generateSyntheticSnapshot, seed 42) and one hub function with 2,000 grants, 500 mappings and a role reaching
 * 1,000 ARNs beside 30 plain ones (generateHubSnapshot), each served by `serve` (production build) and opened in
 * Chromium. Prints medians of LPG_BENCH_RUNS (default 5) loads per view: navigation → layout drawn
 * (`data-layout="ready"`) and → interactive (`lpg:graph-painted`), the longest main-thread task while loading and the
 * tasks' total (Long Tasks API: how long the tab stopped answering), nodes drawn; then the /api/graph answer (bytes,
 * ms), a search, the PNG report of the view (ms, pixels) and the server's resident memory (now and peak).
 * For the 10,000 functions, the overview too (`overviewLoad`): navigation → the first table row painted and →
 * hydrated, long tasks, the page's bytes, the JS heap after a GC, typing a name into the table's search to its row
 * drawn, a click on that row's name to its graph laid out ("N of M" there), and the largest answer the browser got.
 * A script that prints figures, never a timed test. Environment: CHROMIUM_PATH, LPG_BENCH_PORT (default 3271),
 * LPG_BENCH_ACCOUNT (`hub`, `synthetic` or `aliases`: that account alone; `aliases` is one function with 2,000 aliases),
 * LPG_BENCH_PART (`overview`: the overview's figures alone; `graph`: the graph views alone, without their PNG renders).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { PNG } from "pngjs";
import { CHROMIUM_ARGS, findChromium } from "@/lib/report-png/chromium";
import { ensureBuild } from "@/cli/commands/serve";
import { startServeChild } from "@/scripts/serve-child";
import { generateAliasSnapshot, generateHubSnapshot, generateSyntheticSnapshot } from "./synthetic";
import { median } from "./stats";

const root = process.cwd();
const outDir = path.join(root, "bench", "out");
const HUB = "fn:arn:aws:lambda:us-east-1:123456789012:function:hub";
const ALIASED = "fn:arn:aws:lambda:us-east-1:123456789012:function:builds";

const ACCOUNTS = [
  {
    name: "synthetic 10,000 functions",
    file: "synthetic-10000.json",
    make: () => generateSyntheticSnapshot({ functions: 10_000, roles: 5_000, seed: 42 }),
    views: ["", "?limit=150"],
    search: "orders-1",
    overview: "payments-3-fn-3",
  },
  {
    name: "hub: 2,000 grants, 500 mappings, 1,000 ARNs",
    file: "hub.json",
    make: () => generateHubSnapshot({ grants: 2_000, mappings: 500, resources: 1_000, others: 30 }),
    // The last: the hub selected, its details (1,503 findings) in the page.
    views: ["", `?focus=${encodeURIComponent(HUB)}`, `?focus=${encodeURIComponent(HUB)}&node=${encodeURIComponent(HUB)}`],
    search: "hub-queue-4",
  },
  {
    name: "aliases: one function with 2,000 aliases",
    file: "aliases.json",
    make: () => generateAliasSnapshot(2_000),
    // The function selected: its details (the what-if box's "Run as" choice of its aliases) in the page.
    views: [`?node=${encodeURIComponent(ALIASED)}`],
    search: "builds",
  },
];

/**
 * Long tasks from navigation start, collected by an observer every page starts with (a string: tsx would wrap a
 * function's inner names in a helper the page lacks).
 */
const COLLECT_LONG_TASKS = `window.__long = [];
new PerformanceObserver((list) => { for (const t of list.getEntries()) window.__long.push(t.duration); }).observe({ type: "longtask" });`;
const LONG_TASKS = `({ max: Math.max(0, ...window.__long), total: window.__long.reduce((s, d) => s + d, 0) })`;

function memory(pid: number | undefined): string {
  if (!pid) return "?";
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return `rss ${(kb("VmRSS") / 1024).toFixed(0)} MiB, peak ${(kb("VmHWM") / 1024).toFixed(0)} MiB`;
}

/** The page's JavaScript heap in use once garbage is collected: what the tab keeps, not what it has yet to free. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  return (await cdp.send("Runtime.getHeapUsage")).usedSize;
}

async function loadPage(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(COLLECT_LONG_TASKS);
    await page.goto(url, { waitUntil: "commit", timeout: 300_000 });
    await page.waitForSelector('[data-testid="graph-canvas"][data-layout="ready"]', { timeout: 300_000 });
    const ready = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => performance.getEntriesByName("lpg:graph-painted").length > 0, undefined, { timeout: 300_000, polling: 50 });
    const interactive = await page.evaluate(() => performance.getEntriesByName("lpg:graph-painted")[0]?.startTime ?? Number.NaN);
    const tasks = (await page.evaluate(LONG_TASKS)) as { max: number; total: number };
    const nodes = await page.evaluate(() => document.querySelectorAll('[data-testid="graph-node"]').length);
    return { ready, interactive, ...tasks, nodes, heap: await heapAfterGc(page) };
  } finally {
    await context.close();
  }
}

async function timed(url: string): Promise<{ ms: number; bytes: Buffer; status: number }> {
  const t0 = performance.now();
  const res = await fetch(url);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { ms: performance.now() - t0, bytes, status: res.status };
}

/** The first table row painted: an animation frame after it is in the document (frames wait for the stylesheets). */
const COLLECT_ROW_PAINT = `window.__rowAt = 0;
window.__lastKey = 0;
document.addEventListener("keydown", () => { window.__lastKey = performance.now(); }, true);
(function check() { if (document.querySelector('[data-testid="function-row"]')) requestAnimationFrame(() => { window.__rowAt = performance.now(); }); else requestAnimationFrame(check); })();`;

/**
 * One load of the overview, then the reader's path through it: type `name` into the table's search (ms from the last
 * key pressed to the rows narrowed to it), click its name (ms to its graph laid out). Every answer's size is kept, so the
 * largest says whether the browser was ever sent the whole snapshot.
 */
async function overviewLoad(browser: Browser, base: string, name: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const sizes: { url: string; bytes: number }[] = [];
    page.on("response", (res) => {
      void res.body().then((b) => sizes.push({ url: res.url().replace(base, ""), bytes: b.length }), () => undefined);
    });
    await page.addInitScript(COLLECT_LONG_TASKS);
    await page.addInitScript(COLLECT_ROW_PAINT);
    const nav = await page.goto(`${base}/`, { waitUntil: "commit", timeout: 300_000 });
    await page.waitForFunction(() => (window as unknown as { __rowAt: number }).__rowAt > 0, undefined, { timeout: 300_000, polling: 50 });
    const rowPainted = await page.evaluate(() => (window as unknown as { __rowAt: number }).__rowAt);
    await page.waitForSelector("html[data-hydrated]", { timeout: 300_000 });
    const hydrated = await page.evaluate(() => performance.now());
    const documentBytes = (await nav!.body()).length;
    const rows = await page.locator('[data-testid="function-row"]').count();
    const heap = await heapAfterGc(page);
    const loadTasks = (await page.evaluate(LONG_TASKS)) as { max: number; total: number };

    const box = page.getByTestId("table-search");
    await box.pressSequentially(name, { delay: 100 });
    const typed = await page.evaluate(() => (window as unknown as { __lastKey: number }).__lastKey);
    const found = await page.waitForFunction(
      (n) => {
        const table = document.querySelector('[data-testid="functions-table"]');
        const names = [...document.querySelectorAll<HTMLElement>('[data-testid="function-row"]')].map((r) => r.dataset.name ?? "");
        return table?.getAttribute("aria-busy") !== "true" && names.includes(n) && names.every((x) => x.includes(n)) ? performance.now() : 0;
      },
      name,
      { timeout: 300_000, polling: "raf" },
    );
    const searched = ((await found.jsonValue()) as number) - typed;

    const t0 = Date.now();
    await page.locator(`[data-testid="function-row"][data-name="${name}"] a`).first().click();
    await page.waitForSelector('[data-testid="graph-canvas"][data-layout="ready"]', { timeout: 300_000 });
    const graphOpened = Date.now() - t0;
    const graphCount = await page.getByTestId("graph-count").textContent();
    const nodes = await page.evaluate(() => document.querySelectorAll('[data-testid="graph-node"]').length);
    const tasks = (await page.evaluate(LONG_TASKS)) as { max: number; total: number };
    // Scripts aside (the same for every account): the largest answer made from the account.
    const largest = sizes.filter((r) => !r.url.startsWith("/_next/static/")).reduce((a, b) => (b.bytes > a.bytes ? b : a), { url: "", bytes: 0 });
    const total = sizes.reduce((s, r) => s + r.bytes, 0);
    return { rowPainted, hydrated, documentBytes, rows, heap, loadMax: loadTasks.max, loadTotal: loadTasks.total, searched, graphOpened, graphCount, nodes, max: tasks.max, total: tasks.total, largest, received: total };
  } finally {
    await context.close();
  }
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main(): Promise<void> {
  const port = Number(process.env.LPG_BENCH_PORT ?? 3271);
  const part = process.env.LPG_BENCH_PART ?? "";
  const runs = Math.max(3, Number(process.env.LPG_BENCH_RUNS ?? 5));
  mkdirSync(outDir, { recursive: true });
  ensureBuild(root);
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    for (const account of ACCOUNTS.filter((a) => a.file.includes(process.env.LPG_BENCH_ACCOUNT ?? ""))) {
      const file = path.join(outDir, account.file);
      if (!existsSync(file)) writeFileSync(file, JSON.stringify(account.make()));
      const app = await startServeChild(root, file, port);
      const base = `http://127.0.0.1:${port}`;
      try {
        console.log(`\n${account.name} (${runs} loads a view, medians)`);
        const warm = await timed(`${base}/api/graph`); // the analysis, cached afterwards
        console.log(`  first /api/graph (analysis included): ${ms(warm.ms)}; server ${memory(app.pid)}`);
        for (const view of part === "overview" ? [] : account.views) {
          const query = view.replace(/^\?/, "");
          const api = await timed(`${base}/api/graph${view}`);
          await loadPage(browser, `${base}/graph${view}`); // the server lays the view out after its first visit
          const loads: Awaited<ReturnType<typeof loadPage>>[] = [];
          for (let i = 0; i < runs; i++) loads.push(await loadPage(browser, `${base}/graph${view}`));
          const m = (k: "ready" | "interactive" | "max" | "total" | "heap") => median(loads.map((l) => l[k]));
          console.log(
            `  /graph${view || ""}: layout drawn ${ms(m("ready"))}, interactive ${ms(m("interactive"))}, longest task ${ms(m("max"))}, ` +
              `long tasks ${ms(m("total"))}, ${loads[0]?.nodes} nodes in the DOM, JS heap ${(m("heap") / 1048576).toFixed(1)} MiB after GC; /api/graph ${(api.bytes.length / 1024).toFixed(0)} KiB in ${ms(api.ms)}`,
          );
          if (part) continue;
          // One render: each takes tens of seconds at these sizes on a busy 2-core machine.
          const last = await timed(`${base}/api/report.png${view}${query ? "&" : "?"}snapshot=latest`);
          const png = last.status === 200 ? PNG.sync.read(last.bytes) : null;
          console.log(`  report.png${view} (one run): ${last.status}, ${ms(last.ms)}, ${png ? `${png.width}×${png.height} px, ${(last.bytes.length / 1024).toFixed(0)} KiB` : last.bytes.toString().slice(0, 200)}`);
        }
        if (account.overview && part !== "graph") {
          await overviewLoad(browser, base, account.overview); // the overview's rows and the function's view, built once
          const loads: Awaited<ReturnType<typeof overviewLoad>>[] = [];
          for (let i = 0; i < runs; i++) loads.push(await overviewLoad(browser, base, account.overview));
          type Figure = "rowPainted" | "hydrated" | "heap" | "loadMax" | "loadTotal" | "searched" | "graphOpened" | "max" | "total" | "received";
          const m = (k: Figure) => median(loads.map((l) => l[k]));
          const first = loads[0]!;
          const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
          console.log(
            `  / (overview): first row painted ${ms(m("rowPainted"))}, hydrated ${ms(m("hydrated"))}, longest task ${ms(m("loadMax"))} (all ${ms(m("loadTotal"))}), ` +
              `${first.rows} rows, page ${kib(first.documentBytes)}, JS heap ${(m("heap") / 1048576).toFixed(1)} MiB after GC`,
          );
          console.log(
            `  search "${account.overview}" (100 ms a key): last key → its rows ${ms(m("searched"))}; its name clicked → graph laid out ${ms(m("graphOpened"))}, ` +
              `"${first.graphCount}", ${first.nodes} nodes in the DOM; longest task over the whole path ${ms(m("max"))} (all ${ms(m("total"))})`,
          );
          console.log(`  answers the browser got: ${kib(m("received"))} in all, the largest but scripts ${kib(first.largest.bytes)} (${first.largest.url.slice(0, 100)})`);
        }
        const searches: Awaited<ReturnType<typeof timed>>[] = [];
        for (let i = 0; i < runs; i++) searches.push(await timed(`${base}/api/graph/search?q=${encodeURIComponent(account.search)}`));
        console.log(`  /api/graph/search?q=${account.search}: ${ms(median(searches.map((s) => s.ms)))}, ${(searches[0]!.bytes.length / 1024).toFixed(0)} KiB`);
        console.log(`  server after the runs: ${memory(app.pid)}`);
      } finally {
        app.kill();
      }
    }
  } finally {
    await browser.close();
  }
}

await main();
