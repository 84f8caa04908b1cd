/**
 * `npm run screenshot`: regenerates the README's picture (docs/screenshot-graph.png) from the built-in demo, as a
 * newcomer first sees it: the production dashboard, the graph page at 1600 × 1000, after the layout is drawn. Keeps
 * the screenshot honest as the UI changes, instead of a hand-made capture nobody can repeat.
 */
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "@/lib/report-png/chromium";
import { freePort } from "@/lib/http/free-port";
import { ensureBuild } from "@/cli/commands/serve";
import { startServeChild } from "./serve-child";

const OUT = "docs/screenshot-graph.png";
const VIEWPORT = { width: 1600, height: 1000 };

async function main(): Promise<void> {
  const root = process.cwd();
  ensureBuild(root);
  const port = await freePort();
  const server = await startServeChild(root, path.join(root, "data", "demo-snapshot.json"), port);
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`http://127.0.0.1:${port}/graph`);
    await page.getByTestId("graph-canvas").and(page.locator('[data-layout="ready"]')).waitFor({ timeout: 60_000 });
    // Let the fitted viewport settle (React Flow animates nothing here, but fonts and edge labels paint late).
    await page.waitForTimeout(500);
    await page.screenshot({ path: OUT });
    process.stdout.write(`${OUT}\n`);
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`screenshot: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
