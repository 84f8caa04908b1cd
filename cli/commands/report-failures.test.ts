/**
 * `report` failures other than the time limit, run through the CLI's own entry (cli/main.ts `main`), as
 * report-timeout.test.ts does: what the user can fix is exit 1 with one line saying what and what to do. The dashboard
 * is stubbed (no build, no server); the browser launch is the real one (playwright-core), of a binary that is no
 * browser.
 */
import { describe, expect, it, vi } from "vitest";
import { chmodSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_SNAPSHOT as demo } from "@/test/data-dir";
import { runCliInProcess as run } from "../test-support";
import { useReportScratch } from "./test-support";

vi.mock("./serve", async (original) => (await import("./test-support")).withoutDashboard(original));

const dir = useReportScratch("lpg-report-failures-", { LPG_SNAPSHOT_FILE: undefined, CHROMIUM_PATH: undefined });

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
