/**
 * Writing an output file given on the command line when the write fails part-way (a full disk; here a file size
 * limit, which fails the same way, EFBIG instead of ENOSPC): a user error, the file that was there before kept
 * as it was, and no half-written file or temp file left behind.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");

describe("writeOutputFile", () => {
  it("a write that fails part-way leaves the previous file whole and nothing else", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lpg-out-"));
    writeFileSync(path.join(dir, "report.png"), "the previous report");
    const script = `import(${JSON.stringify(path.join(root, "cli/output-file.ts"))}).then((m) => m.writeOutputFile("--png", "report.png", new Uint8Array(8 << 20))).then(() => console.log("written"), (e) => console.log(e.name + ": " + e.message));`;
    // 2 MiB: above any file tsx writes for itself, far below the 8 MiB written. Node ignores SIGXFSZ: the write fails.
    const r = spawnSync("bash", ["-c", `ulimit -f 2048; exec "${process.execPath}" --import tsx -e '${script}'`], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, INIT_CWD: dir },
    });
    expect(r.stdout.trim()).toBe("UserError: --png report.png: cannot write (EFBIG)");
    expect(readFileSync(path.join(dir, "report.png"), "utf8")).toBe("the previous report");
    expect(readdirSync(dir)).toEqual(["report.png"]);
  });
});
