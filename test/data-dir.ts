/**
 * For tests of the dashboard's routes, pages and sign-in: a temporary data directory of the file's own, made at once
 * (so the file may name paths in it) and pointed at by LPG_DATA_DIR from before the file's first test until after its
 * last, then removed and the environment as it was. With `demo`, the store's first read imports that snapshot (the
 * bundled demo, DEMO_SNAPSHOT, or a changed copy of it) and no single-file snapshot stands in for the store.
 * Register it before the beforeAll that imports the routes: hooks run in the order they are declared.
 */
import { afterAll, beforeAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { withEnv } from "@/test/aws-endpoint/env";

export const DEMO_SNAPSHOT = path.resolve(__dirname, "../data/demo-snapshot.json");

export function useDataDir(prefix: string, { demo }: { demo?: string | (() => string) } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  let restoreEnv = () => {};
  beforeAll(() => {
    const store = demo === undefined ? {} : { LPG_DEMO_SNAPSHOT: typeof demo === "string" ? demo : demo(), LPG_SNAPSHOT_FILE: undefined };
    restoreEnv = withEnv({ LPG_DATA_DIR: dir, ...store });
  });
  afterAll(() => {
    restoreEnv();
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
