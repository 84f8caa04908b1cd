/**
 * For tests of the dashboard's routes and pages on one snapshot file, as `serve FILE` runs them: LPG_SNAPSHOT_FILE
 * points at it (the demo by default) from before the file's first test until after its last, with a fresh app store
 * (lib/store/app-store.ts keeps one on globalThis) on each side, so no analysis is shared with another file.
 */
import { afterAll, beforeAll } from "vitest";
import { demoSnapshotPath } from "@/lib/snapshot/demo";

const STORE = Symbol.for("lambda-permissions-graph.app-store");

export function useSnapshotFile(file: () => string = demoSnapshotPath): void {
  const saved = process.env.LPG_SNAPSHOT_FILE;
  beforeAll(() => {
    process.env.LPG_SNAPSHOT_FILE = file();
    delete (globalThis as Record<symbol, unknown>)[STORE];
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.LPG_SNAPSHOT_FILE;
    else process.env.LPG_SNAPSHOT_FILE = saved;
    delete (globalThis as Record<symbol, unknown>)[STORE];
  });
}
