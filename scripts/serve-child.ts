/**
 * The CLI's `serve` in a child process, as users run it, for scripts that drive the dashboard from outside
 * (the browser benchmark, the README screenshot). In-process, Next's request storage is not set up for a
 * script that imports it late, and a child also keeps the dashboard's logs apart.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export async function startServeChild(root: string, file: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "cli", "main.ts"), "serve", file, "--port", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
    try {
      await fetch(`http://127.0.0.1:${port}/icon.svg`);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  child.kill();
  throw new Error("serve did not answer within 60 s");
}
