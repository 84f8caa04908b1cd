/**
 * A read-only store over one snapshot file (`serve FILE`): the dashboard shows that file and nothing else.
 * Saving is refused so a served file is never rewritten behind the user's back.
 */
import { readFile } from "node:fs/promises";
import { readSnapshotInTurns } from "@/lib/snapshot/read";
import { runInTurns } from "@/lib/steps";
import { describeSnapshot, type SnapshotMeta, type SnapshotStore, type StoredSnapshot } from "./file-store";
import { snapshotIdSteps } from "./snapshot-id";

export function createSingleFileStore(path: string): SnapshotStore {
  let loaded: Promise<StoredSnapshot> | null = null;
  let read = false;
  // Read and identified in turns: the pages' stylesheets and scripts, and the waiting page's polls, are answered while
  // a large file is read, where they waited seconds for it.
  const readServedFile = async (): Promise<StoredSnapshot> => {
    const { snapshot } = await readSnapshotInTurns(await readFile(path), path);
    const id = await runInTurns(snapshotIdSteps(snapshot));
    read = true;
    return { meta: describeSnapshot(id, snapshot, new Date().toISOString()), snapshot };
  };
  const load = () =>
    (loaded ??= readServedFile()).catch((e: unknown) => {
      loaded = null;
      throw e;
    });
  return {
    dir: path,
    async listSnapshots(): Promise<SnapshotMeta[]> {
      return [(await load()).meta];
    },
    async getSnapshot(id) {
      const stored = await load();
      return id === "latest" || id === stored.meta.id ? stored : null;
    },
    listingReadsSnapshot: () => !read,
    async saveSnapshot() {
      throw new Error(`the dashboard is serving ${path} read-only; saving snapshots needs the store (omit FILE)`);
    },
  };
}
