/**
 * Test support: a file store in a fresh directory holding a readable snapshot and a newer one cut short on disk (as
 * a full disk or a hand edit leaves it), with the app's store pointed at it. For the pages' and the API routes'
 * tests of "a stored snapshot that no longer reads".
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { createFileStore } from "./file-store";

export interface CutShortStore {
  dir: string;
  /** The older snapshot, which reads. */
  readable: string;
  /** The newer (latest) snapshot, whose file is cut short. */
  broken: string;
  /** Puts the environment back and removes the directory. */
  restore(): Promise<void>;
}

const ENV = ["LPG_DATA_DIR", "LPG_SNAPSHOT_FILE"] as const;

export async function cutShortStore(regions: SnapshotInput["regions"] = {}): Promise<CutShortStore> {
  const saved = ENV.map((key) => [key, process.env[key]] as const);
  const dir = await mkdtemp(join(tmpdir(), "lpg-cut-short-"));
  const store = createFileStore({ dir });
  const snapshot = (capturedAt: string) =>
    parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt, account: "123456789012", regions });
  const readable = (await store.saveSnapshot(snapshot("2026-01-01T00:00:00Z"))).meta.id;
  const broken = (await store.saveSnapshot(snapshot("2026-02-01T00:00:00Z"))).meta.id;
  await writeFile(join(dir, "snapshots", `${broken}.json.gz`), gzipSync('{"format":"lambda-permissions-graph/snapshot@1","capturedAt":"2026-02'));
  process.env.LPG_DATA_DIR = dir;
  delete process.env.LPG_SNAPSHOT_FILE;
  // The app's store is created once per process (app-store.ts): drop it so the next use opens this directory.
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("lambda-permissions-graph.app-store")];
  return {
    dir,
    readable,
    broken,
    async restore() {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
