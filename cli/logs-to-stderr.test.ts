/**
 * `report`'s stdout is the PNG's path and nothing else (cli.md: progress on stderr): what Next.js logs while the
 * dashboard starts, and what `next build` prints when the build is stale, go to stderr. Run in child processes,
 * because the point is which file descriptor the bytes reach.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "..");

function runScript(source: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "lpg-stdout-"));
  const script = path.join(dir, "script.mts");
  writeFileSync(script, source);
  const r = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, dir };
}

describe("a command's stdout holds its result only", () => {
  it("sends console.log and console.info to stderr while the work runs, and restores them after", () => {
    const r = runScript(`
      import { withLogsOnStderr } from ${JSON.stringify(path.join(root, "cli/logs-to-stderr.ts"))};
      const value = await withLogsOnStderr(async () => { console.log("✓ Running next.config.js took 20ms"); console.info("info"); return "out.png"; });
      process.stdout.write(value + "\\n");
      console.log("after");
    `);
    expect(r.stderr).toContain("✓ Running next.config.js took 20ms\ninfo\n");
    expect(r.stdout).toBe("out.png\nafter\n");
  });

  it("restores them when the work fails", () => {
    const r = runScript(`
      import { withLogsOnStderr } from ${JSON.stringify(path.join(root, "cli/logs-to-stderr.ts"))};
      await withLogsOnStderr(async () => { throw new Error("boom"); }).catch(() => {});
      console.log("after");
    `);
    expect(r.stdout).toBe("after\n");
  });

  it("writes a stale build's output to stderr", () => {
    const fakeRoot = mkdtempSync(path.join(tmpdir(), "lpg-build-"));
    const bin = path.join(fakeRoot, "node_modules", "next", "dist", "bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, "next"), `process.stdout.write("Creating an optimized production build\\n");`);
    const r = runScript(`
      import { ensureBuild } from ${JSON.stringify(path.join(root, "cli/commands/serve.ts"))};
      ensureBuild(${JSON.stringify(fakeRoot)});
      process.stdout.write("result\\n");
    `);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Creating an optimized production build");
    expect(r.stdout).toBe("result\n");
  });
});
