/** The dashboard's store as the environment configures it: which demo an empty store imports. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getAppStore } from "./app-store";
import { createFileStore } from "./file-store";
import { parseSnapshot } from "@/lib/snapshot/read";

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

  // `scan` from the CLI, a second server, or this one after a restart open their own store on the same folder: each
  // listing is read from the folder, never from one process's memory, so all of them list the same ids.
  it("lists what another store on its folder lists, demo import included, and each sees what the other saves", async () => {
    process.env.LPG_DATA_DIR = tempDir();
    process.env.LPG_DEMO_SNAPSHOT = MINI;
    const app = getAppStore().store;
    const scan = (capturedAt: string) => parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt, account: "111122223333", regions: {} });
    const uploaded = (await app.saveSnapshot(scan("2025-04-01T00:00:00Z"))).meta.id;
    const other = createFileStore({ dir: process.env.LPG_DATA_DIR });
    const scanned = (await other.saveSnapshot(scan("2025-05-01T00:00:00Z"))).meta.id;
    const ids = async (store: { listSnapshots(): Promise<{ id: string }[]> }) => (await store.listSnapshots()).map((m) => m.id);
    const listed = await ids(app);
    expect(listed).toHaveLength(3);
    expect(listed.slice(0, 2)).toEqual([scanned, uploaded]);
    expect(await ids(other)).toEqual(listed);
    delete (globalThis as Record<symbol, unknown>)[STORE];
    expect(await ids(getAppStore().store)).toEqual(listed);
  });
});
