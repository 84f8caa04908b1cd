/**
 * `report` failures other than the time limit, run through the CLI's own entry (cli/main.ts `main`), as
 * report-timeout.test.ts does: what the user can fix is exit 1 with one line saying what and what to do. The dashboard
 * is stubbed (no build, no server); the browser launch is the real one (playwright-core), of a binary that is no
 * browser. A render that fails in the page is the failure renderReportPng gives for it (render-server.test.ts makes
 * them happen in a real Chromium).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { chmodSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_SNAPSHOT as demo } from "@/test/data-dir";
import { runCliInProcess as run } from "../test-support";
import { useReportScratch } from "./test-support";
import { ReportPageCrashError, ReportRenderError, type RenderOptions } from "@/lib/report-png/render-server";

const renderFailure = vi.hoisted(() => ({ error: undefined as Error | undefined }));
vi.mock("@/lib/report-png/render-server", async (original) => {
  const real = await original<typeof import("@/lib/report-png/render-server")>();
  return { ...real, renderReportPng: (o: RenderOptions) => (renderFailure.error ? Promise.reject(renderFailure.error) : real.renderReportPng(o)) };
});

vi.mock("./serve", async (original) => (await import("./test-support")).withoutDashboard(original));

const dir = useReportScratch("lpg-report-failures-", { LPG_SNAPSHOT_FILE: undefined, CHROMIUM_PATH: undefined, LPG_USERS_FILE: undefined, NEXTAUTH_SECRET: undefined });
beforeEach(() => {
  renderFailure.error = undefined;
});

const errorLines = (stderr: string) => stderr.trim().split("\n").filter((l) => !l.startsWith("Rendering "));

describe("report with a CHROMIUM_PATH that exists but does not start", () => {
  it.each([
    ["executable, but no browser", 0o755],
    ["not executable", 0o644],
  ])("(%s) exits 1 with one line naming the binary and how to get a working one, and writes no PNG", async (_, mode) => {
    const fake = path.join(dir(), "not-chromium");
    writeFileSync(fake, "#!/bin/sh\nexit 1\n");
    chmodSync(fake, mode);
    process.env.CHROMIUM_PATH = fake;
    const png = path.join(dir(), "view.png");
    const r = await run(["report", demo, "--png", png]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error: Chromium at ${fake} did not start \\(.+\\): install it \\(Debian/Ubuntu: .sudo apt-get install -y chromium.`));
    expect(lines[0]).toMatch(/or set CHROMIUM_PATH to a working Chromium or Chrome binary$/);
    expect(existsSync(png)).toBe(false);
  });
});

describe("report --function of a function not in the snapshot", () => {
  it("exits 1 with one line naming it, before starting anything", async () => {
    const r = await run(["report", demo, "--function", "ghost", "--png", path.join(dir(), "g.png")]);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual(["error: --function ghost: no function with that name or ARN in the snapshot"]);
  });
});

describe("report whose page fails to render", () => {
  it("exits 1 when the page crashed, with one line saying to draw fewer nodes with --function, and writes no PNG", async () => {
    renderFailure.error = new ReportPageCrashError(new Error("page.evaluate: Target crashed "));
    const png = path.join(dir(), "view.png");
    const r = await run(["report", demo, "--png", png]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(errorLines(r.stderr)).toEqual([
      "error: the browser page drawing the report crashed (most often it ran out of memory on a view of many nodes); draw fewer nodes " +
        `(give --function NAME|ARN to draw one function and what connects to it, or serve ${demo} and filter the graph by severity, ` +
        "service or region, then Export PNG) and try again",
    ]);
    expect(existsSync(png)).toBe(false);
  });

  it("exits 3 (internal) when the dashboard answered an error, with one line saying the report could not be rendered and why", async () => {
    renderFailure.error = new ReportRenderError("the graph page answered 500");
    const png = path.join(dir(), "view.png");
    const r = await run(["report", demo, "--png", png]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(errorLines(r.stderr)).toEqual(["internal error: the report could not be rendered: the graph page answered 500"]);
    expect(existsSync(png)).toBe(false);
  });
});

describe("report with sign-in configured", () => {
  it("exits 1 with one line saying its browser cannot sign in and what to do, rendering nothing", async () => {
    process.env.LPG_USERS_FILE = path.join(dir(), "users");
    process.env.NEXTAUTH_SECRET = "x".repeat(44);
    const png = path.join(dir(), "view.png");
    const r = await run(["report", demo, "--png", png]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(errorLines(r.stderr)).toEqual([
      "error: sign-in is configured (credentials), and report's browser cannot sign in: run report without the sign-in " +
        "variables (docs/deploy.md), or sign in to the dashboard and use Export PNG",
    ]);
    expect(existsSync(png)).toBe(false);
  });
});
