/**
 * The store's directory failing under a read or a write (LPG_DATA_DIR missing, not a directory, not writable, the
 * disk full), said as one sentence for whoever can fix it: the CLI's `scan`, the upload route and the list share it.
 */
import type { SnapshotMeta, SnapshotStore } from "./file-store";

export type StoreAccess = "read" | "write";

/** The file system's error code, when `e` is one of its errors. */
export function fileSystemCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : undefined;
}

export function storeErrorMessage(access: StoreAccess, dir: string, e: unknown): string {
  const what = access === "write" ? "store the snapshot in" : "read the snapshot store in";
  return `cannot ${what} ${dir} (${fileSystemCode(e) ?? String(e)}): set LPG_DATA_DIR to a directory you can write`;
}

/** The store's snapshots, or why its directory does not read; any other failure is thrown on. */
export async function listSnapshotsOrWhy(store: SnapshotStore): Promise<{ ok: true; snapshots: SnapshotMeta[] } | { ok: false; error: string }> {
  try {
    return { ok: true, snapshots: await store.listSnapshots() };
  } catch (e: unknown) {
    if (!fileSystemCode(e)) throw e;
    return { ok: false, error: storeErrorMessage("read", store.dir, e) };
  }
}
