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

  it("expands any legal pattern without building a RegExp from it: wildcard runs, metacharacters", async () => {
    const { expandActionPattern } = await import("./actions");
    // Once `^.*..*.…zq$`, which backtracked for hours; now the evaluator's linear glob matcher.
    expect(expandActionPattern(`ec2:${"*?".repeat(40)}zq`)).toEqual([]);
    expect(expandActionPattern("ec2:*?*?*?*?*?*?*?*?*?*?*?*?zq")).toEqual([]);
    // A `(` in the service prefix threw a SyntaxError and failed the whole analysis.
    expect(expandActionPattern("(*:get*")).toEqual([]);
    expect(expandActionPattern("(ec2:get*")).toEqual([]);
    expect(expandActionPattern("s3:get?bject").map((a) => a.name)).toContain("s3:GetObject");
    expect(expandActionPattern("s?:GetObject").map((a) => a.name)).toEqual(["s3:GetObject"]);
  });

  it("a pattern without a colon covers every action of the services it names (`*` is every action)", async () => {
    const { expandActionPattern } = await import("./actions");
    const all = expandActionPattern("*").map((a) => a.name);
    expect(all).toContain("lambda:InvokeFunction");
    expect(all).toContain("s3:GetObject");
    expect(expandActionPattern("lambd?").map((a) => a.name)).toContain("lambda:InvokeFunction");
  });
});

