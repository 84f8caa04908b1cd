/**
 * `serve` builds and runs the dashboard of the app root (LPG_APP_ROOT, README), as `demo` prints that root's demo:
 * started from another directory, it neither builds there nor fails for want of a build there. The CLI runs in a child
 * process started in an empty directory, with an app root whose `next` only records where it ran and fails, so
 * nothing is built or served for real.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { ensureBuild } from "./commands/serve";

const repo = path.resolve(__dirname, "..");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** An app root whose `next build` writes the directory it ran in to `ran-in` and exits with `code`. */
function fakeAppRoot(code: number): string {
  const root = tempDir("lpg-approot-");
  const bin = path.join(root, "node_modules", "next", "dist", "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, "next"), `require("fs").writeFileSync(${JSON.stringify(path.join(root, "ran-in"))}, process.cwd()); process.exit(${code});`);
  return root;
}

describe("serve uses the app root", () => {
  it("ensureBuild runs next build in the root it builds, not in the working directory", () => {
    const root = fakeAppRoot(0);
    ensureBuild(root);
    expect(readFileSync(path.join(root, "ran-in"), "utf8")).toBe(root);
  });

  it("serve started elsewhere builds the LPG_APP_ROOT dashboard", () => {
    const root = fakeAppRoot(1);
    const elsewhere = tempDir("lpg-cwd-");
    const tsx = pathToFileURL(path.join(repo, "node_modules", "tsx", "dist", "loader.mjs")).href;
    const r = spawnSync(process.execPath, ["--import", tsx, path.join(repo, "cli", "main.ts"), "serve", "--port", "3999"], {
      cwd: elsewhere,
      encoding: "utf8",
      env: { ...process.env, LPG_APP_ROOT: root, TSX_TSCONFIG_PATH: path.join(repo, "tsconfig.json"), INIT_CWD: elsewhere },
    });
    expect(r.stderr).toContain("next build failed");
    expect(r.status).toBe(1);
    expect(readFileSync(path.join(root, "ran-in"), "utf8")).toBe(root);
    expect(existsSync(path.join(elsewhere, ".next"))).toBe(false);
  });
});
