/**
 * Crash-safe file replacement: write a temp file in the same directory, fsync it, rename it over the target
 * (atomic on POSIX within one file system), then fsync the directory so the rename itself is durable.
 * A crash at any point leaves either the old file or the new one, never half of either.
 * An exclusive write links the temp file to the target instead (link(2) fails when the target exists, atomically,
 * across processes), so that of two processes writing one file at once exactly one writes it and the other knows.
 */
import { rmSync } from "node:fs";
import { link, open, readdir, rename, rm, stat } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { trackWrite } from "./writes-in-flight";

/** The temp files writeFileAtomic names: `.<target>.<pid>.<12 hex>.tmp`. */
const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;

const inFlightKey = Symbol.for("lambda-permissions-graph.temp-files-in-flight");

/**
 * The temp files of this process's writes not yet renamed into place or removed. On globalThis, as the store's state
 * is (app-store.ts): `serve`'s signal handler runs its own copy of this module, the dashboard's writes Next's bundled one.
 */
const inFlight: Set<string> = ((globalThis as typeof globalThis & { [inFlightKey]?: Set<string> })[inFlightKey] ??= new Set());

export interface AtomicWriteOptions {
  /** Leave a file already at `path` as it is (resolving false) rather than replace it. */
  exclusive?: boolean;
}

/**
 * Resolves true once `path` holds `data`; false only for an exclusive write that found a file there. Tracked
 * (writes-in-flight.ts): a server asked to stop lets it finish.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<boolean> {
  return trackWrite(() => writeAndRename(path, data, options));
}

async function writeAndRename(path: string, data: string | Uint8Array, options: AtomicWriteOptions): Promise<boolean> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(tmp, "wx", 0o600);
  inFlight.add(tmp);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } catch (e: unknown) {
      await handle.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw e;
    }
    await handle.close();
    try {
      await (options.exclusive ? link(tmp, path) : rename(tmp, path));
    } catch (e: unknown) {
      await rm(tmp, { force: true });
      if (options.exclusive && (e as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw e;
    }
    // The link left the temp name beside the target (a crash here leaves it to removeStaleTempFiles).
    if (options.exclusive) await rm(tmp, { force: true });
  } finally {
    inFlight.delete(tmp);
  }
  await syncDirectory(dir);
  return true;
}


/**
 * Removes the temp files of this process's writes in progress, synchronously: for a process about to end on a
 * signal (Ctrl-C), whose writes will never finish. Best effort: what cannot be removed stays.
 */
export function removeTempFilesInFlight(): void {
  for (const tmp of inFlight) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Left to removeStaleTempFiles, as after a crash.
    }
  }
  inFlight.clear();
}

/** Makes the names in `dir` (a rename into it, a directory made in it) durable. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Removes the temp files of writes a crash cut short in `dir`: only those last modified before `before`, since a
 * younger one may be another process's write in progress. Best effort: what cannot be read or removed stays.
 */
export async function removeStaleTempFiles(dir: string, before: Date): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => TEMP_FILE.test(n))) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() && info.mtimeMs < before.getTime()) await rm(path, { force: true }).catch(() => undefined);
  }
}
