/** The dashboard's store as the environment configures it: which demo an empty store imports. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getAppStore } from "./app-store";

const STORE = Symbol.for("lambda-permissions-graph.app-store");
const KEYS = ["LPG_DATA_DIR", "LPG_SNAPSHOT_FILE", "LPG_DEMO_SNAPSHOT", "LPG_APP_ROOT"] as const;
const MINI = path.join(import.meta.dirname, "..", "..", "e2e", "fixtures", "mini-snapshot.json");

let saved: Record<string, string | undefined>;
let dirs: string[];
beforeEach(() => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  delete (globalThis as Record<symbol, unknown>)[STORE];
  dirs = [];
});
afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  delete (globalThis as Record<symbol, unknown>)[STORE];
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "lpg-app-store-"));
  dirs.push(d);
  return d;
}

describe("getAppStore", () => {
  it("imports the demo of LPG_APP_ROOT, the file `demo` prints, not one under the working directory", async () => {
    // The working directory (the repository) holds the 84-function demo; the app root a one-function stand-in.
    const root = tempDir();
    mkdirSync(path.join(root, "data"));
    copyFileSync(MINI, path.join(root, "data", "demo-snapshot.json"));
    process.env.LPG_APP_ROOT = root;
    process.env.LPG_DATA_DIR = tempDir();
    const [only, ...rest] = await getAppStore().store.listSnapshots();
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ demo: true, capturedAt: "2025-03-01T12:00:00Z" });
  });
});
