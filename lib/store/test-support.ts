/** For tests only: what the store tests share besides their snapshots (test-snapshot.ts). */
import { afterEach, beforeEach } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A directory of each test's own under the system's temp directory (`dir()`), removed after the test and after the
 * file's own afterEach (hooks after a test run in the reverse of their order), so that one may still use it.
 */
export function useTempDir(prefix: string): () => string {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  return () => dir;
}
