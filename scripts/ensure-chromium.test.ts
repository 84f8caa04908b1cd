/** The installer's script honours CHROMIUM_PATH as findChromium does: used when it exists, refused when it does not. */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";

const script = path.join(import.meta.dirname, "ensure-chromium.mjs");
const run = (chromiumPath: string) => spawnSync(process.execPath, [script], { encoding: "utf8", env: { ...process.env, CHROMIUM_PATH: chromiumPath } });

describe("ensure-chromium.mjs with CHROMIUM_PATH", () => {
  it("prints the binary the user named when it exists", () => {
    const r = run(process.execPath);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(process.execPath);
  });

  it("refuses one that does not exist, with one line, rather than using or installing another", () => {
    const r = run("/nonexistent/chromium");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error: CHROMIUM_PATH is /nonexistent/chromium, which does not exist; point it at a Chromium or Chrome binary, or unset it.\n");
  });
});
