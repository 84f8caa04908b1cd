/**
 * `mkdir -p` without Node's recursive mkdir, which never returns on some file systems: under /proc it gets ENOENT
 * for a directory whose parent exists, and retries for ever (LPG_DATA_DIR=/proc/lpg hung `serve` and `scan`). Here
 * each missing level is made on its own, so such a directory fails with the file system's own error code, and its
 * parent synced after it (lib/store/atomic-write.ts's durability holds in a directory made just before).
 */
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { syncDirectory } from "./atomic-write";

export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      if (!(await stat(at)).isDirectory()) throw Object.assign(new Error(`${at} is not a directory`), { code: "ENOTDIR" });
      break;
    } catch (e: unknown) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      missing.unshift(at);
      const parent = path.dirname(at);
      if (parent === at) break;
      at = parent;
    }
  }
  for (const level of missing) {
    try {
      await mkdir(level);
    } catch (e: unknown) {
      // Made meanwhile by another process (two servers sharing a store) is as good as made here.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    // Its name in the parent is on disk only once the parent is synced: a crash would otherwise lose what was then
    // written into it (a sign-out record, a snapshot) though each of those files was synced.
    await syncDirectory(path.dirname(level));
  }
}
