/**
 * The store's directory failing under a read or a write (LPG_DATA_DIR missing, not a directory, not writable, the
 * disk full), said as one sentence for whoever can fix it: the CLI's `scan`, the upload route, the dashboard's scan and
 * the list share it. The operator at the CLI is told the directory's path; a signed-in web user is told what to set,
 * not the server's file system layout, and the path goes to the server's log, where the operator looks.
 */
import type { SnapshotMeta, SnapshotStore } from "./file-store";
import { isStopRefusal } from "./writes-in-flight";
import { DEMO_NOT_IMPORTED_ANSWER } from "./interrupted";

export type StoreAccess = "read" | "write";

/** Who reads the message: the operator running the CLI, or a user of the dashboard and its API. */
export type StoreAudience = "operator" | "web";

/** The file system's error code, when `e` is one of its errors. */
export function fileSystemCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : undefined;
}

export function storeErrorMessage(access: StoreAccess, dir: string, e: unknown, audience: StoreAudience): string {
  const what = access === "write" ? "store the snapshot in" : "read the snapshot store in";
  const operator = `cannot ${what} ${dir} (${fileSystemCode(e) ?? String(e)}): set LPG_DATA_DIR to a directory you can write`;
  if (audience === "operator") return operator;
  console.error(`snapshot store: ${operator}`);
  // Only the code: an error's own text names the path (ENOTDIR: not a directory, mkdir '/srv/...').
  return `cannot ${what} the data directory (${fileSystemCode(e) ?? "unexpected error"}): set LPG_DATA_DIR to a directory the server can write; the server's log names the one it tried`;
}

/**
 * The store's snapshots, or why not (for the dashboard, with the status an API answers it with): its directory does
 * not read (500), or the server, stopping, refused the demo's import into an empty store (503). Any other failure is
 * thrown on.
 */
export async function listSnapshotsOrWhy(
  store: SnapshotStore,
): Promise<{ ok: true; snapshots: SnapshotMeta[] } | { ok: false; error: string; status: 500 | 503 }> {
  try {
    return { ok: true, snapshots: await store.listSnapshots() };
  } catch (e: unknown) {
    if (isStopRefusal(e)) return { ok: false, error: DEMO_NOT_IMPORTED_ANSWER, status: 503 };
    if (!fileSystemCode(e)) throw e;
    return { ok: false, error: storeErrorMessage("read", store.dir, e, "web"), status: 500 };
  }
}
