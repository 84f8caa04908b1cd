/**
 * `report` when the render never finishes (a layout stuck in the page), run through the CLI's own entry (cli/main.ts
 * `main`): the command's answer on stderr and its exit code. The dashboard and Chromium are stubbed (no build, no
 * browser); the render is one that never ends, run in the server's own slots with a short bound, as
 * app/api/report.png/stuck.test.ts does for the route.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { DEMO_SNAPSHOT as demo } from "@/test/data-dir";
import { runCliInProcess as run } from "../test-support";
import { useReportScratch } from "./test-support";

const stops = vi.hoisted(() => [] as AbortSignal[]);
vi.mock("@/lib/report-png/render-server", async () => {
  const { createRenderSlots, REPORT_RENDER_LIMITS } = await import("@/lib/report-png/render-slots");
  // A bound of 200 ms, so the stuck render's time is up within the test.
  const withSlot = createRenderSlots({ ...REPORT_RENDER_LIMITS, renderMs: 200 });
  return {
    closeReportBrowser: async () => undefined,
    renderReportPng: () => withSlot((stop) => (stops.push(stop), new Promise<Buffer>(() => {}))),
  };
});
vi.mock("@/lib/report-png/chromium", async (original) => ({
  ...(await original<typeof import("@/lib/report-png/chromium")>()),
  findChromium: () => "/usr/bin/chromium",
}));
vi.mock("./serve", async (original) => (await import("./test-support")).withoutDashboard(original));

// report points the dashboard at its file through the environment.
const dir = useReportScratch("lpg-report-timeout-", { LPG_SNAPSHOT_FILE: undefined });
beforeEach(() => {
  stops.length = 0;
});

const stopped = "error: the report did not finish rendering in 0 s: the graph's layout or drawing took too long and was stopped";

describe("report with a render that never finishes", () => {
  it("exits 1 with one line saying to draw one function with --function (not the URL's filters), and writes no PNG", async () => {
    const png = path.join(dir(), "view.png");
    const r = await run(["report", demo, "--png", png]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n").filter((l) => !l.startsWith("Rendering "))).toEqual([
      `${stopped}; draw fewer nodes (give --function NAME|ARN to draw one function and what connects to it, ` +
        `or serve ${demo} and filter the graph by severity, service or region, then Export PNG) and try again`,
    ]);
    expect(stops.map((s) => s.aborted)).toEqual([true]);
    expect(existsSync(png)).toBe(false);
  });

  it("with --function, which already draws one function, points to the dashboard's filters only", async () => {
    const r = await run(["report", demo, "--function", "orders-processor", "--png", path.join(dir(), "one.png")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n").filter((l) => !l.startsWith("Rendering "))).toEqual([
      `${stopped}; draw fewer nodes (serve ${demo} and filter the graph by severity, service or region, then Export PNG) and try again`,
    ]);
  });

  it("quotes a snapshot path with a space in the serve command it gives, so it can be pasted", async () => {
    const spaced = path.join(dir(), "my snapshots", "prod.json");
    mkdirSync(path.dirname(spaced));
    copyFileSync(demo, spaced);
    const r = await run(["report", spaced, "--function", "orders-processor", "--png", path.join(dir(), "one.png")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`draw fewer nodes (serve '${spaced}' and filter the graph`);
  });
});
