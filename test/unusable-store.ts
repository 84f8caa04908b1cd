/**
 * For tests of what the dashboard, its API and its scans say when the data directory cannot be used: points
 * LPG_DATA_DIR, for the file's tests, at a directory whose `snapshots` is a file, and drops the app's store so the
 * next use opens it there. Tests run as root here, where a read-only directory still takes writes: a file where the
 * store's directory should be fails the same way for everyone (ENOTDIR rather than EACCES, through the same path).
 * Returns the directory, read once the file's tests run (`dir()`), for the messages that name it.
 */
import { afterAll, beforeAll } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const STORE_KEY = Symbol.for("lambda-permissions-graph.app-store");

export function useUnusableStore(prefix: string): () => string {
  const saved = { dir: process.env.LPG_DATA_DIR, file: process.env.LPG_SNAPSHOT_FILE };
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    await writeFile(join(dir, "snapshots"), "not a directory");
    process.env.LPG_DATA_DIR = dir;
    delete process.env.LPG_SNAPSHOT_FILE;
    delete (globalThis as Record<symbol, unknown>)[STORE_KEY];
  });
  afterAll(async () => {
    for (const [key, value] of [["LPG_DATA_DIR", saved.dir], ["LPG_SNAPSHOT_FILE", saved.file]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    delete (globalThis as Record<symbol, unknown>)[STORE_KEY];
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}
