import { afterAll, beforeAll } from "vitest";
import { rmSync } from "node:fs";
import path from "node:path";
import { settleWritesBeforeStop } from "@/lib/store/writes-in-flight";

/**
 * For tests of a store first read once the server began to stop: an empty store at `store` whose first read would
 * import the bundled demo, and the stop begun before any test runs. `remove` (the store, or a folder holding it) is
 * deleted afterwards. The stop is the process's and for good: such tests need a file, and a process, of their own.
 */
export function stopBeforeFirstRead(store: string, remove = store): void {
  beforeAll(async () => {
    process.env.LPG_DATA_DIR = store;
    process.env.LPG_DEMO_SNAPSHOT = path.resolve(__dirname, "../data/demo-snapshot.json");
    delete process.env.LPG_SNAPSHOT_FILE;
    await settleWritesBeforeStop(() => undefined);
  });
  afterAll(() => {
    delete process.env.LPG_DATA_DIR;
    delete process.env.LPG_DEMO_SNAPSHOT;
    rmSync(remove, { recursive: true, force: true });
  });
}
