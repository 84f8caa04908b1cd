import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS } from "./lib/report-png/chromium";

/** Debian's Chromium (Playwright cannot download browsers here): found, or installed from apt, by one script. */
function chromiumPath(): string {
  const script = path.join(import.meta.dirname, "scripts", "ensure-chromium.mjs");
  const r = spawnSync(process.execPath, [script], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) throw new Error("no Chromium for the browser tests: see the line above");
  return r.stdout.trim();
}

const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;
/** A second server with sign-in on (password users), for the auth-*.spec.ts specs. */
export const AUTH_PORT = PORT + 1;
const authURL = `http://127.0.0.1:${AUTH_PORT}`;

/**
 * The default server's data directory, made here rather than by e2e/start-server.mjs, so a spec can put in it what
 * no request can (e2e/unreadable-snapshot.spec.ts: a stored snapshot that no longer reads). Made once, by the runner;
 * its workers and web servers inherit it from its environment.
 */
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "lpg-e2e-"));

const chromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1440, height: 900 },
  launchOptions: {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
  },
};

/**
 * E2E against the production build in Debian's Chromium (Playwright cannot download browsers here).
 * e2e/start-server.mjs builds once (skip with E2E_SKIP_BUILD=1), then serves the CLI's `serve` (the production server) on a fresh temp
 * LPG_DATA_DIR, so every run starts from an empty store that imports the demo snapshot.
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // A stray test.only must fail the run, not quietly skip every other test (.ci/run does not set CI, so always on).
  forbidOnly: true,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    {
      name: "chromium",
      testIgnore: "**/auth-*.spec.ts",
      use: chromium,
    },
    {
      name: "auth",
      testMatch: "**/auth-*.spec.ts",
      use: { ...chromium, baseURL: authURL },
    },
  ],
  webServer: [
    {
      command: `node e2e/start-server.mjs --port ${PORT}`,
      url: `${baseURL}/api/report`,
      // Includes `next build`: about 3 minutes alone on 2 cores, past 4 when the machine is shared.
      timeout: 600_000,
      reuseExistingServer: !process.env.CI && process.env.E2E_REUSE_SERVER === "1",
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // Started after the first (which builds); answers 401 until signed in, which counts as ready.
      command: `node e2e/start-server.mjs --auth --port ${AUTH_PORT}`,
      url: `${authURL}/api/report`,
      timeout: 60_000,
      reuseExistingServer: !process.env.CI && process.env.E2E_REUSE_SERVER === "1",
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
