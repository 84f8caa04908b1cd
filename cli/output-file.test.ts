/**
 * Writing an output file given on the command line when the write fails part-way (a full disk; here a file size
 * limit, which fails the same way, EFBIG instead of ENOSPC): a user error, the file that was there before kept
 * as it was, and no half-written file or temp file left behind.
 */
import { spawn, spawnSync } from "node:child_process";
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

  it.each(["SIGINT", "SIGTERM"] as const)("a write interrupted by %s leaves the previous file whole and no temp file", async (signal) => {
    const dir = mkdtempSync(path.join(tmpdir(), "lpg-out-"));
    writeFileSync(path.join(dir, "snapshot.json"), "the previous snapshot");
    // The data as an async iterable (FileHandle.writeFile takes one): its first chunk is written to the temp file,
    // then the write waits until the process is signalled, as a slow disk or a large snapshot keeps it.
    const script = `import(${JSON.stringify(path.join(root, "cli/output-file.ts"))}).then((m) => m.writeOutputFile("--out", "snapshot.json", (async function* () { yield Buffer.from("{"); console.log("stalled"); await new Promise(() => setInterval(() => {}, 1000)); })()));`;
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { cwd: root, env: { ...process.env, INIT_CWD: dir }, stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      if (text.includes("stalled")) child.kill(signal);
    });
    expect(await exited).toBe(signal);
    expect(readFileSync(path.join(dir, "snapshot.json"), "utf8")).toBe("the previous snapshot");
    expect(readdirSync(dir)).toEqual(["snapshot.json"]);
  });
});
