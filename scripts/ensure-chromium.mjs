#!/usr/bin/env node
// Finds a Chromium for Playwright (which cannot download its own browser here) and installs Debian's package
// when none is present and we may (root with apt-get). Prints the path; exits 1 with one clear line otherwise.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

// A CHROMIUM_PATH is the user's choice: used if it exists, refused if not (never swapped for Debian's), as the
// dashboard's findChromium (lib/report-png/chromium.ts) does.
if (process.env.CHROMIUM_PATH) {
  if (existsSync(process.env.CHROMIUM_PATH)) {
    process.stdout.write(process.env.CHROMIUM_PATH + "\n");
    process.exit(0);
  }
  process.stderr.write(`error: CHROMIUM_PATH is ${process.env.CHROMIUM_PATH}, which does not exist; point it at a Chromium or Chrome binary, or unset it.\n`);
  process.exit(1);
}
const candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const found = () => candidates.find((p) => existsSync(p));

let path = found();
if (!path) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
  if (isRoot && hasApt) {
    process.stderr.write("Chromium not found: installing Debian's chromium package (apt-get)…\n");
    const run = (cmd) => spawnSync("sh", ["-c", cmd], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    run("apt-get update -qq");
    run("apt-get install -y -qq chromium");
    path = found();
  }
}
if (!path) {
  process.stderr.write(
    "error: no Chromium found for the browser tests. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) " +
      "or set CHROMIUM_PATH to a Chromium/Chrome binary.\n",
  );
  process.exit(1);
}
process.stdout.write(path + "\n");
