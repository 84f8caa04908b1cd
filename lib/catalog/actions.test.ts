import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

describe("IAM action catalog", () => {
  it("loads when the process runs from another directory (the package hides its package.json)", () => {
    const script = `import(${JSON.stringify(path.join(root, "lib/catalog/actions.ts"))}).then((m) => console.log(m.expandActionPattern("s3:Get*").length))`;
    const r = spawnSync(process.execPath, ["--import", path.join(root, "node_modules/tsx/dist/loader.mjs"), "-e", script], { cwd: tmpdir(), encoding: "utf8" });
    expect(r.stderr).not.toMatch(/catalog not found/);
    expect(Number(r.stdout.trim())).toBeGreaterThan(20);
  });
});
