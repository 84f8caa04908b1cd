/**
 * A read-only store over one snapshot file (`serve FILE`): the dashboard shows that file and nothing else.
 * Saving is refused so a served file is never rewritten behind the user's back.
 */
import { readFile } from "node:fs/promises";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { Snapshot } from "@/lib/snapshot/schema";
import { describeSnapshot, type SnapshotMeta, type SnapshotStore, type StoredSnapshot } from "./file-store";
import { snapshotId } from "./snapshot-id";

export function createSingleFileStore(path: string): SnapshotStore {
  let loaded: Promise<StoredSnapshot> | null = null;
  let read = false;
  const load = () =>
    (loaded ??= readFile(path).then((bytes) => {
      const snapshot: Snapshot = parseSnapshot(bytes, path);
      const id = snapshotId(snapshot.capturedAt, JSON.stringify(snapshot));
      read = true;
      return { meta: describeSnapshot(id, snapshot, new Date().toISOString()), snapshot };
    })).catch((e: unknown) => {
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
