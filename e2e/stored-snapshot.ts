/**
 * A snapshot the default server's store (E2E_DATA_DIR, playwright.config.ts) lists but cannot use, for the pages that
 * say so: no request stores such a snapshot, so it is written there directly, and the store is left as it was found
 * because other specs list the stored snapshots.
 */
import type { APIRequestContext } from "@playwright/test";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "./test";

/**
 * Lists snapshot `id` (captured at `capturedAt`, older than any scan so "latest" stays the demo's), lets `spoil` put
 * what it likes at its file's path, runs `body`, then puts the store back. Skips the test when the server this run
 * talks to keeps its store somewhere else (E2E_REUSE_SERVER=1).
 */
export async function withUnusableSnapshot(
  request: APIRequestContext,
  snapshot: { id: string; capturedAt: string },
  spoil: (file: string) => Promise<unknown>,
  body: () => Promise<void>,
): Promise<void> {
  const dir = process.env.E2E_DATA_DIR;
  const indexPath = join(dir ?? "", "index.json");
  const index = dir ? JSON.parse(await readFile(indexPath, "utf8").catch(() => "null")) : null;
  const listed = (await (await request.get("/api/snapshots")).json()).snapshots as { id: string }[];
  test.skip(!index || index.snapshots[0]?.id !== listed[0]?.id, "the server's store is not E2E_DATA_DIR");
  const file = join(dir!, "snapshots", `${snapshot.id}.json.gz`);
  await spoil(file);
  const entry = { ...index.snapshots[0], ...snapshot };
  await writeFile(indexPath, JSON.stringify({ ...index, snapshots: [...index.snapshots, entry] }));
  try {
    await body();
  } finally {
    await writeFile(indexPath, `${JSON.stringify(index, null, 2)}\n`);
    await rm(file, { recursive: true, force: true });
  }
}
