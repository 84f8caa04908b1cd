/**
 * Browser figure of `npm run bench` (alone: `npm run bench -- browser`): on a synthetic account of 2,000
 * functions, time from navigation start to the first graph paint in the production app, against a bench-only page
 * where React Flow draws the same nodes and edges (same positions and sizes, default node types, no app logic), in
 * one run, as a ratio of medians; plus frames per second while panning by mouse drag, and the bytes the graph page
 * ships. Runs are interleaved (app, baseline, app, …) so machine noise hits both.
 *
 * Two moments per page. First paint: the browser's own Element Timing record of the first node name painted
 * (both pages tag node names `elementtiming="graph-node"`), however the page got it there (server HTML or
 * script). Interactive: the page's mark once its scripts have run and the view is fitted ("lpg:graph-painted",
 * "baseline:painted"), i.e. when a click on a node is handled.
 *
 * Environment: CHROMIUM_PATH (else /usr/bin/chromium or /usr/bin/chromium-browser), LPG_BENCH_PORT (app, default 3261; the baseline
 * server uses the next port), LPG_BENCH_RUNS (default 15, at least 5; single loads on a shared 2-core machine vary by ±40 %).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { build } from "esbuild";
import ELK from "elkjs/lib/elk.bundled.js";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "@/lib/report-png/chromium";
import type { AnalysisReport } from "@/lib/analysis/types";
import { ensureBuild } from "@/cli/commands/serve";
import { startServeChild } from "@/scripts/serve-child";
import { COLUMN, NODE_WIDTH, layoutInputOf, nodeHeight, positionsFromElk, toElkGraph } from "@/lib/view/elk-graph";
import { buildGraphModel } from "@/lib/view/graph-model";
import { DEFAULT_FUNCTION_LIMIT } from "@/lib/view/url-state";
import { indexGraph, selectVisibleGraph, type VisibleGraph } from "@/lib/view/visible-graph";
import type { BaselineGraph } from "./baseline/main";
import { generateSyntheticSnapshot } from "./synthetic";
import { median } from "./stats";

const FUNCTIONS = 2_000;
const ROLES = 1_000;
const PAN_MS = 2_000;
const VIEWPORT = { width: 1440, height: 900 };

const root = process.cwd();
const outDir = path.join(root, "bench", "out");

function snapshotFile(): string {
  const file = path.join(outDir, `synthetic-${FUNCTIONS}.json`);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(generateSyntheticSnapshot({ functions: FUNCTIONS, roles: ROLES, seed: 42 })));
  return file;
}

/** What the graph page draws by default: the same lib/view functions and ELK options, run here in Node. */
async function defaultView(report: AnalysisReport): Promise<BaselineGraph> {
  const visible: VisibleGraph = selectVisibleGraph(indexGraph(buildGraphModel(report)), {
    severities: [],
    services: [],
    regions: [],
    onlyFindings: false,
    focus: null,
    limit: DEFAULT_FUNCTION_LIMIT,
  });
  const positions = positionsFromElk(await new ELK().layout(toElkGraph(layoutInputOf(visible))));
  const kind = new Map(visible.nodes.map((n) => [n.id, n.kind]));
  return {
    nodes: visible.nodes.map((n) => ({
      id: n.id,
      label: n.label,
      x: positions[n.id]?.x ?? 0,
      y: positions[n.id]?.y ?? 0,
      width: NODE_WIDTH,
      height: nodeHeight(n.kind, !!n.badge),
    })),
    // Drawn left → right like the app: edges whose source sits in a later column are flipped.
    edges: visible.edges.map((e) => {
      const back = COLUMN[kind.get(e.source) ?? "function"] > COLUMN[kind.get(e.target) ?? "function"];
      return { id: e.id, source: back ? e.target : e.source, target: back ? e.source : e.target, ...(e.label ? { label: e.label } : {}) };
    }),
  };
}

async function startBaseline(port: number, graph: BaselineGraph): Promise<Server> {
  const dir = path.join(outDir, "baseline");
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [path.join(root, "bench", "baseline", "main.tsx")],
    bundle: true,
    minify: true,
    format: "esm",
    jsx: "automatic",
    target: "es2022",
    outfile: path.join(dir, "bundle.js"),
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  const json = JSON.stringify(graph).replace(/</g, "\\u003c");
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>React Flow baseline</title>` +
    `<link rel="stylesheet" href="/bundle.css"><style>body{margin:0}</style></head><body><div id="root"></div>` +
    `<script type="application/json" id="graph">${json}</script><script type="module" src="/bundle.js"></script></body></html>`;
  const files: Record<string, [string, Buffer]> = {
    "/": ["text/html; charset=utf-8", Buffer.from(html)],
    "/bundle.js": ["text/javascript", readFileSync(path.join(dir, "bundle.js"))],
    "/bundle.css": ["text/css", readFileSync(path.join(dir, "bundle.css"))],
  };
  const server = createServer((req, res) => {
    const file = files[req.url ?? "/"];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": file[0], "content-length": file[1].length }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

/**
 * The server lays out a page's first view in the background after its first visit (lib/view/server-layout.ts);
 * wait until the page carries it, so every measured run sees the same, settled server.
 */
async function waitForServerLayout(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if ((await (await fetch(url)).text()).includes("positions")) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server never served a laid-out first view");
}

interface RunResult {
  paintMs: number;
  interactiveMs: number;
  fps: number;
  /** Frames in which the viewport transform changed: proof the drag really panned. */
  movedFrames: number;
  nodes: number;
  documentBytes: number;
  transferBytes: number;
}

/**
 * Counts animation frames, and those in which the viewport moved. A string, not a function: tsx's esbuild would
 * wrap named inner functions in a `__name` helper that does not exist in the page.
 */
const FRAME_COUNTER = `(() => {
  const viewport = document.querySelector(".react-flow__viewport");
  const pan = (window.__pan = { frames: 0, moved: 0, t0: performance.now(), run: true });
  let last = viewport && viewport.style.transform;
  const tick = () => {
    if (!pan.run) return;
    pan.frames += 1;
    const now = viewport && viewport.style.transform;
    if (now !== last) pan.moved += 1;
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** Earliest paint of a node name, from the buffered Element Timing entries (a string: see FRAME_COUNTER). */
const FIRST_NODE_PAINT = `new Promise((resolve) => {
  const observer = new PerformanceObserver((list) => {
    const times = list.getEntries().filter((e) => e.identifier === "graph-node").map((e) => e.renderTime || e.loadTime);
    observer.disconnect();
    resolve(times.length ? Math.min(...times) : Number.NaN);
  });
  observer.observe({ type: "element", buffered: true });
  setTimeout(() => resolve(Number.NaN), 5000);
})`;

/** Drag the empty pane back and forth for PAN_MS with real (CDP) mouse input, counting animation frames. */
export async function panFps(page: Page): Promise<{ fps: number; movedFrames: number }> {
  const start = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow__pane")?.getBoundingClientRect();
    if (!pane) return null;
    const blocked = ".react-flow__node, .react-flow__edge, .react-flow__edgelabel-renderer *, .react-flow__panel, .react-flow__minimap, .react-flow__controls";
    for (let y = pane.top + pane.height / 2; y < pane.bottom - 40; y += 16) {
      for (let x = pane.left + 40; x < pane.right - 40; x += 16) {
        const el = document.elementFromPoint(x, y);
        if (el?.closest(".react-flow") && !el.closest(blocked)) return { x, y };
      }
    }
    return null;
  });
  if (!start) throw new Error("no empty spot on the pane to drag");
  await page.evaluate(FRAME_COUNTER);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const t0 = Date.now();
  for (let i = 0; Date.now() - t0 < PAN_MS; i++) {
    const phase = ((Date.now() - t0) / 700) * Math.PI;
    await page.mouse.move(start.x + Math.sin(phase) * 240, start.y + Math.cos(phase) * 120);
  }
  await page.mouse.up();
  return page.evaluate(() => {
    const w = window as unknown as { __pan: { frames: number; moved: number; t0: number; run: boolean } };
    w.__pan.run = false;
    return { fps: (w.__pan.frames * 1000) / (performance.now() - w.__pan.t0), movedFrames: w.__pan.moved };
  });
}

async function measure(browser: Browser, url: string, mark: string, nodeSelector: string): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 120_000, polling: 50 });
    const paintMs = Number(await page.evaluate(FIRST_NODE_PAINT));
    if (!Number.isFinite(paintMs)) throw new Error(`${url}: the browser reported no Element Timing entry for a graph node`);
    const timing = await page.evaluate((m) => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      return {
        interactiveMs: performance.getEntriesByName(m)[0]?.startTime ?? Number.NaN,
        documentBytes: nav?.decodedBodySize ?? 0,
        transferBytes: (nav?.transferSize ?? 0) + resources.reduce((s, r) => s + r.transferSize, 0),
      };
    }, mark);
    const nodes = await page.locator(nodeSelector).count();
    const pan = await panFps(page);
    return { paintMs, ...timing, ...pan, nodes };
  } finally {
    await context.close();
  }
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;

export async function runBrowserBench(): Promise<void> {
  const port = Number(process.env.LPG_BENCH_PORT ?? 3261);
  const runs = Math.max(5, Number(process.env.LPG_BENCH_RUNS ?? 15));
  const executablePath = findChromium();
  console.log(`\nbrowser: first graph paint and panning at ${FUNCTIONS.toLocaleString("en")} functions (${runs} runs each, interleaved, Chromium at ${executablePath})`);
  mkdirSync(outDir, { recursive: true });
  const file = snapshotFile();
  ensureBuild(root); // before the timed start: serve would build too, but inside startServeChild's deadline
  const app = await startServeChild(root, file, port);
  let baseline: Server | null = null;
  let browser: Browser | null = null;
  try {
    // Analysis is server work and cached per snapshot: warm it so the figures measure the browser.
    const res = await fetch(`http://127.0.0.1:${port}/api/report`);
    if (!res.ok) throw new Error(`/api/report answered ${res.status}`);
    const report = (await res.json()) as AnalysisReport;
    const graph = await defaultView(report);
    baseline = await startBaseline(port + 1, graph);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });

    const appUrl = `http://127.0.0.1:${port}/graph`;
    const baseUrl = `http://127.0.0.1:${port + 1}/`;
    const measureApp = () => measure(browser as Browser, appUrl, "lpg:graph-painted", ".react-flow__node");
    const measureBase = () => measure(browser as Browser, baseUrl, "baseline:painted", ".react-flow__node");
    await measureApp(); // warm-up: server render caches, OS file cache
    await measureBase();
    await waitForServerLayout(appUrl);
    const a: RunResult[] = [];
    const b: RunResult[] = [];
    for (let i = 0; i < runs; i++) {
      a.push(await measureApp());
      b.push(await measureBase());
    }
    const m = (rs: RunResult[], k: keyof RunResult) => median(rs.map((r) => r[k]));
    console.log(`drawn: ${graph.nodes.length} nodes, ${graph.edges.length} edges (app default view; baseline draws the same)`);
    console.log("page            first paint  interactive  pan fps  moved frames  nodes in DOM  document    transferred");
    for (const [name, rs] of [["app /graph", a], ["React Flow only", b]] as const) {
      console.log(
        `${name.padEnd(15)} ${fmt(m(rs, "paintMs")).padEnd(12)} ${fmt(m(rs, "interactiveMs")).padEnd(12)} ${m(rs, "fps").toFixed(1).padEnd(8)} ${String(m(rs, "movedFrames")).padEnd(13)} ` +
          `${String(m(rs, "nodes")).padEnd(13)} ${kib(m(rs, "documentBytes")).padEnd(11)} ${kib(m(rs, "transferBytes"))}`,
      );
    }
    console.log(`first paint ratio app / React Flow: ${(m(a, "paintMs") / m(b, "paintMs")).toFixed(2)} (target ≤ 1.5; medians of ${runs})`);
    console.log(`interactive ratio app / React Flow: ${(m(a, "interactiveMs") / m(b, "interactiveMs")).toFixed(2)} (scripts run, view fitted)`);
    console.log(`app first paint runs: ${a.map((r) => r.paintMs.toFixed(0)).join(", ")} ms; baseline: ${b.map((r) => r.paintMs.toFixed(0)).join(", ")} ms`);
    console.log(`app interactive runs: ${a.map((r) => r.interactiveMs.toFixed(0)).join(", ")} ms; baseline: ${b.map((r) => r.interactiveMs.toFixed(0)).join(", ")} ms`);
  } finally {
    await browser?.close();
    baseline?.close();
    app.kill();
  }
}

if (process.argv[1]?.endsWith("browser.ts")) {
  runBrowserBench().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
