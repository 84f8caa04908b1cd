/**
 * A snapshot file read only in part (lib/snapshot/salvage.ts): the CLI says on stderr, one line each (capped), what
 * was set aside and shows as unknown, while stdout and the exit code stay those of the analysis (cli.md).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setAsideWarnings } from "./snapshot-argument";

const root = path.resolve(__dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "lpg-set-aside-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (i: number) => ({ field: `regions.us-east-1.ListFunctions.Functions.${i}`, target: `arn:aws:lambda:us-east-1:1:function:f${i}`, message: `Functions.${i}.FunctionName: bad` });

describe("warnings for what was set aside when a snapshot file was read", () => {
  it("one line per entry, at most 10, then how many more; the file's text shown as text", () => {
    const crafted = { ...entry(0), target: "arn:x\u001b[2J\nerror: forged" };
    const lines = setAsideWarnings("/tmp/a.json", [crafted, ...Array.from({ length: 11 }, (_, i) => entry(i + 1))]);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe(
      "warning: /tmp/a.json: set aside regions.us-east-1.ListFunctions.Functions.0 (arn:x\\u001b[2J\\nerror: forged), shown as unknown: Functions.0.FunctionName: bad",
    );
    expect(lines[10]).toBe("warning: /tmp/a.json: and 2 more malformed entries set aside, shown as unknown");
    expect(setAsideWarnings("/tmp/a.json", [])).toEqual([]);
  });

  it("analyze: the warning on stderr, the JSON report on stdout, exit 0", () => {
    const snapshot = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8"));
    const fn = snapshot.regions["us-east-1"].ListFunctions.Functions[3];
    fn.FunctionName = 42;
    const file = path.join(dir, "partly.json");
    writeFileSync(file, JSON.stringify(snapshot));
    const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "cli/main.ts"), "analyze", file, "--format", "json"], { cwd: root, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning: ${file}: set aside regions.us-east-1.ListFunctions.Functions.3 (${fn.FunctionArn}), shown as unknown: Functions.3.FunctionName: `);
    expect(r.stderr.indexOf("warning:")).toBeLessThan(r.stderr.indexOf("Analysing"));
    expect(JSON.parse(r.stdout).functions.some((f: { arn: string }) => f.arn === fn.FunctionArn)).toBe(false);
  }, 60_000);
});
