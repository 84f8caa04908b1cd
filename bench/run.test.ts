/** `npm run bench -- …`'s command line: the process, as a user runs it (no part runs in these tests). */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { BENCH_PARTS } from "./parts";

const root = path.resolve(__dirname, "..");

function bench(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "bench/run.ts"), ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bench command line", () => {
  it("--help lists every part and runs none", () => {
    const r = bench("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run bench/);
    for (const part of Object.keys(BENCH_PARTS)) expect(r.stdout).toMatch(new RegExp(`^  ${part} `, "m"));
    expect(r.stdout).not.toMatch(/^machine:/m);
  });

  it("a misspelt part is one error line and exit 1, not a silent empty run", () => {
    const r = bench("analyis");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`error: unknown benchmark part "analyis"; the parts are ${Object.keys(BENCH_PARTS).join(", ")} (add --help for usage)\n`);
  });
});
