/**
 * Snapshots kept as files under a data directory, with no setup:
 *
 *   <dir>/index.json                  [{ id, account, capturedAt, regions, functionCount, savedAt }]
 *   <dir>/snapshots/<id>.json.gz      the validated snapshot, gzipped JSON
 *
 * Every write is atomic (see atomic-write.ts); the snapshot file is written before the index, so the index
 * never names a file that is not complete. Every read brings the index in line with the files (readIndex): a crash
 * between the two writes, another process's write over this one's, a file removed by hand, a missing or unreadable
 * index. Temp files of writes a crash cut short are removed when the store opens.
 * When the store is empty on first use, the demo snapshot (if present) is imported. A store that holds nothing but
 * demo imports follows the bundled demo: when it changes (a newer version of the tool), the new one replaces the old,
 * so a newcomer who updates does not keep looking at findings the tool no longer makes.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { makeDirectory } from "./make-directory";
import { existsSync } from "node:fs";
import { gzip } from "node:zlib";
import { promisify } from "node:util";
import { join } from "node:path";
import { z } from "zod";
import { readSnapshotFile, readSnapshotInTurns } from "@/lib/snapshot/read";
import type { Snapshot } from "@/lib/snapshot/schema";
import { removeStaleTempFiles, writeFileAtomic } from "./atomic-write";
import { isStopRefusal, trackWrite } from "./writes-in-flight";
import { interruptedLine } from "./interrupted";
import { SNAPSHOT_ID_PATTERN, snapshotId, snapshotIdSteps } from "./snapshot-id";
import { runInTurns } from "@/lib/steps";

export const SnapshotMetaSchema = z.object({
  id: z.string().regex(SNAPSHOT_ID_PATTERN),
  account: z.string(),
  capturedAt: z.string(),
  regions: z.array(z.string()),
  functionCount: z.number().int().nonnegative(),
  savedAt: z.string(),
  /** Imported from the bundled demo: replaced when that changes, while the store holds nothing else. */
  demo: z.literal(true).optional(),
});
export type SnapshotMeta = z.infer<typeof SnapshotMetaSchema>;

const IndexSchema = z.object({ version: z.literal(1), snapshots: z.array(SnapshotMetaSchema) });

export interface StoredSnapshot {
  meta: SnapshotMeta;
  snapshot: Snapshot;
}

export interface SavedSnapshot {
  meta: SnapshotMeta;
  /** The same content was already stored (by an earlier save, a concurrent one, or another process): nothing new. */
  duplicate: boolean;
}

export interface SnapshotStore {
  readonly dir: string;
  /** Newest capture first (capture times capped at when each was stored, see captureOrderTime). */
  listSnapshots(): Promise<SnapshotMeta[]>;
  /** `"latest"` is the newest capture, in that order. Returns null for an unknown id. */
  getSnapshot(id: string): Promise<StoredSnapshot | null>;
  saveSnapshot(snapshot: Snapshot): Promise<SavedSnapshot>;
  /**
   * True while listing must first read and parse a whole snapshot (a served file not read yet: seconds at 10,000
   * functions), so a page paints its waiting state before it asks. Absent: listing reads an index, at once.
   */
  listingReadsSnapshot?(): boolean;
}

export interface FileStoreOptions {
  dir: string;
  /** Snapshot file imported when the store is empty; skipped silently when absent. */
  demoSnapshotPath?: string;
  now?: () => Date;
}

/** zlib's gzip on libuv's thread pool: the same bytes as gzipSync, without holding the server's thread. */
const gzipInPool = promisify(gzip);

export function describeSnapshot(id: string, snapshot: Snapshot, savedAt: string): SnapshotMeta {
  const regions = Object.keys(snapshot.regions).sort();
  const functionCount = regions.reduce(
    (n, r) => n + (snapshot.regions[r]?.ListFunctions?.Functions.length ?? 0),
    0,
  );
  return { id, account: snapshot.account, capturedAt: snapshot.capturedAt, regions, functionCount, savedAt };
}

/**
 * When a snapshot was captured, as far as the store can vouch: its own `capturedAt` (the file's claim, which an
 * upload controls) but never later than when it was stored, since nothing is captured after it arrives. A file
 * dated in the future would otherwise stay "latest" for everyone until that date, whatever is scanned meanwhile.
 */
export function captureOrderTime(meta: Pick<SnapshotMeta, "capturedAt" | "savedAt">): number {
  const captured = Date.parse(meta.capturedAt);
  const saved = Date.parse(meta.savedAt);
  return Number.isNaN(saved) ? captured : Number.isNaN(captured) ? NaN : Math.min(captured, saved);
}

function byCaptureDesc(a: SnapshotMeta, b: SnapshotMeta): number {
  const ta = captureOrderTime(a);
  const tb = captureOrderTime(b);
  if (ta !== tb && !Number.isNaN(ta) && !Number.isNaN(tb)) return tb - ta;
  return b.id.localeCompare(a.id);
}

export function createFileStore(options: FileStoreOptions): SnapshotStore {
  const dir = options.dir;
  const snapshotsDir = join(dir, "snapshots");
  const indexPath = join(dir, "index.json");
  const now = options.now ?? (() => new Date());
  // Far longer than any write takes (a snapshot is at most 512 MiB), so that another process's write is left alone.
  const staleTempAgeMs = 15 * 60_000;
  // Serialises index read-modify-write within this process.
  let queue: Promise<unknown> = Promise.resolve();
  let initialised: Promise<void> | null = null;

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  const fileFor = (id: string) => join(snapshotsDir, `${id}.json.gz`);

  /** The index file's entries; null when it is missing or does not parse. */
  async function readIndexFile(): Promise<SnapshotMeta[] | null> {
    let text: string;
    try {
      text = await readFile(indexPath, "utf8");
    } catch (e: unknown) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
    try {
      const parsed = IndexSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.snapshots : null;
    } catch {
      return null;
    }
  }

  /** Ids of the snapshot files on disk (temp files and foreign names left out); null when the directory does not read. */
  async function storedIds(): Promise<string[] | null> {
    let names: string[];
    try {
      names = await readdir(snapshotsDir);
    } catch {
      return null;
    }
    return names.filter((n) => n.endsWith(".json.gz")).map((n) => n.slice(0, -".json.gz".length)).filter((id) => SNAPSHOT_ID_PATTERN.test(id));
  }

  // Files that do not parse, so that every listing does not read them again.
  const unreadable = new Set<string>();

  /** The id the bundled demo is stored under, and its account; undefined without one, or when it does not read. */
  async function bundledDemo(): Promise<{ id: string; account: string } | undefined> {
    const path = options.demoSnapshotPath;
    if (!path || !existsSync(path)) return undefined;
    const snapshot = await readSnapshotFile(path).catch(() => undefined);
    return snapshot && { id: snapshotId(snapshot.capturedAt, JSON.stringify(snapshot)), account: snapshot.account };
  }

  /**
   * The index as the snapshot files are (and written back when it differs): every file it lacks added, after a crash
   * between the file and the index writes, after another process (`scan`, a second server) wrote the index over this
   * one's entry, or with no index at all; every entry whose file is gone (removed by hand) dropped, so that its id is
   * unknown rather than an error. A found file is described then; one that does not parse is skipped, not fatal.
   * A found file holding the bundled demo is a demo import whose index write was cut short (see save), flagged as such
   * so that the store keeps following the demo. So is a found file of the demo's account beside an index of nothing but
   * demo imports: an older demo that versions which wrote the index before removing old demo files left behind when
   * they crashed in between (init then removes it). Unflagged, it came back as a scan and the demo stopped being followed.
   */
  async function readIndex(): Promise<SnapshotMeta[]> {
    const read = await readIndexFile();
    const onDisk = await storedIds();
    if (!onDisk) return read ?? [];
    const files = new Set(onDisk);
    const kept = (read ?? []).filter((e) => files.has(e.id));
    const known = new Set(kept.map((e) => e.id));
    const found: SnapshotMeta[] = [];
    let demo: Promise<{ id: string; account: string } | undefined> | undefined;
    const onlyDemoIndexed = kept.length > 0 && kept.every((e) => e.demo);
    for (const id of onDisk) {
      if (known.has(id) || unreadable.has(id)) continue;
      let meta: SnapshotMeta;
      try {
        const { snapshot } = await readSnapshotInTurns(await readFile(fileFor(id)), `${id}.json.gz`, { ownFile: true });
        meta = describeSnapshot(id, snapshot, now().toISOString());
      } catch {
        unreadable.add(id);
        continue;
      }
      // Read only when a file was found, so that an ordinary start does not read the demo.
      demo ??= bundledDemo();
      const bundled = await demo;
      const leftOverDemo = !!bundled && (id === bundled.id || (onlyDemoIndexed && meta.account === bundled.account));
      found.push(leftOverDemo ? { ...meta, demo: true } : meta);
    }
    const entries = [...kept, ...found];
    if (found.length > 0 || kept.length < (read?.length ?? 0)) {
      // A listing while the server stops still lists: the index is brought in line again at the next start.
      await writeIndex(entries).catch((e: unknown) => {
        if (!isStopRefusal(e)) throw e;
      });
    }
    return entries.sort(byCaptureDesc);
  }

  async function writeIndex(entries: SnapshotMeta[]): Promise<void> {
    const sorted = [...entries].sort(byCaptureDesc);
    await writeFileAtomic(indexPath, `${JSON.stringify({ version: 1, snapshots: sorted }, null, 2)}\n`);
  }

  /**
   * `replacing`: earlier demo imports the new one supersedes. Their files are removed before the index is written:
   * a crash in between leaves the new demo's file unindexed, which readIndex knows as the bundled demo, and old
   * entries the index still flags as demo (init finishes the replacement). Removed after the index instead, an old
   * demo file would come back unflagged, as a scan, and the store would stop following the demo.
   */
  async function save(snapshot: Snapshot, demo?: { replacing: SnapshotMeta[] }): Promise<SavedSnapshot> {
    // In turns, and gzipped off the thread: at once, stringifying, hashing and gzipping a 10,000-function snapshot held
    // the server's one thread ~1.5 s in one piece after its upload.
    const json: Buffer[] = [];
    const id = await runInTurns(snapshotIdSteps(snapshot, (slice) => json.push(Buffer.from(slice))));
    const entries = await readIndex();
    const gone = new Set(demo?.replacing.map((e) => e.id).filter((old) => old !== id));
    const existing = entries.find((e) => e.id === id && existsSync(fileFor(id)));
    if (existing && gone.size === 0) return { meta: existing, duplicate: true };
    // Another process (`scan`, a second server) may be saving the same content at this moment, past its own readIndex
    // as this one is past this one's: the exclusive write lets exactly one of them create the file and say so. A file
    // of this id that did not read is written over, and this save is what stores the snapshot.
    let made = false;
    let duplicate = !!existing;
    if (!existing) {
      const bytes = await gzipInPool(Buffer.concat(json));
      made = await writeFileAtomic(fileFor(id), bytes, { exclusive: true });
      if (!made && unreadable.has(id)) await writeFileAtomic(fileFor(id), bytes);
      duplicate = !made && !unreadable.has(id);
      unreadable.delete(id);
    }
    const meta: SnapshotMeta = { ...(existing ?? describeSnapshot(id, snapshot, now().toISOString())), ...(demo ? { demo: true as const } : {}) };
    for (const old of gone) await rm(fileFor(old), { force: true });
    try {
      await writeIndex([...entries.filter((e) => e.id !== id && !gone.has(e.id)), meta]);
    } catch (e: unknown) {
      // A save that failed stores nothing: its file would otherwise be listed by the next read (readIndex).
      if (made) await rm(fileFor(id), { force: true }).catch(() => undefined);
      throw e;
    }
    return { meta, duplicate };
  }

  /**
   * The demo's file and the index naming it, as one tracked write (writes-in-flight.ts) as a snapshot save is: a stop
   * begun in between waits for both, and one begun before refuses it before anything is written or removed.
   */
  function importDemo(snapshot: Snapshot, replacing: SnapshotMeta[]): Promise<SavedSnapshot> {
    return trackWrite(() => save(snapshot, { replacing }));
  }

  function init(): Promise<void> {
    initialised ??= serial(async () => {
      await makeDirectory(snapshotsDir);
      // Left by crashes mid-write: never read, but they would pile up (each up to a snapshot's size).
      const staleBefore = new Date(now().getTime() - staleTempAgeMs);
      for (const d of [dir, snapshotsDir]) await removeStaleTempFiles(d, staleBefore);
      const entries = await readIndex();
      const demo = options.demoSnapshotPath;
      if (!demo || !existsSync(demo)) return;
      if (entries.length === 0) {
        // Refused once the server began to stop (StopRefusal): the reader is told so, not shown an empty store.
        await importDemo(await readSnapshotFile(demo), []);
        return;
      }
      // A store that holds a flagged demo import beside anything else has been scanned or uploaded into: kept as it is,
      // without reading the demo at every start.
      if (entries.some((e) => e.demo) && entries.some((e) => !e.demo)) return;
      // Following the bundled demo is a courtesy: a demo file that no longer reads leaves the store as it is.
      const snapshot = await readSnapshotFile(demo).catch(() => undefined);
      if (!snapshot) return;
      // One imported before the flag existed is known by the demo's account and capture time, which no scan shares.
      const isDemo = (e: SnapshotMeta) => e.demo === true || (e.account === snapshot.account && e.capturedAt === snapshot.capturedAt);
      // A store someone has scanned or uploaded into keeps its demo import as it was (links to it stay valid).
      if (!entries.every(isDemo)) return;
      // Also when the bundled demo is stored already but older demo imports are left (a replacement cut short).
      const current = snapshotId(snapshot.capturedAt, JSON.stringify(snapshot));
      if (!entries.some((e) => e.id !== current)) return;
      // Once the server began to stop, the store is read as it is: the replacement is made at the next start.
      await importDemo(snapshot, entries).catch((e: unknown) => {
        if (!isStopRefusal(e)) throw e;
      });
    }).catch((e: unknown) => {
      initialised = null;
      throw e;
    });
    return initialised;
  }

  return {
    dir,
    async listSnapshots() {
      await init();
      return serial(readIndex);
    },
    async getSnapshot(id) {
      await init();
      const entries = await serial(readIndex);
      const meta = id === "latest" ? entries[0] : entries.find((e) => e.id === id);
      if (!meta) return null;
      let bytes: Buffer;
      try {
        bytes = await readFile(fileFor(meta.id));
      } catch (e: unknown) {
        // Removed since it was listed: unknown, as it will be at the next listing.
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
      // In turns: the server answers other requests (the waiting page's stylesheet, its polls) while a large one is read.
      return { meta, snapshot: (await readSnapshotInTurns(bytes, `snapshot ${meta.id}`, { ownFile: true })).snapshot };
    },
    // One tracked write (writes-in-flight.ts), an upload's or a scan's: a stop between the file and the index waits for both.
    saveSnapshot(snapshot) {
      return trackWrite(
        async () => {
          await init();
          return serial(() => save(snapshot));
        },
        (saved) => interruptedLine(saved?.meta.id),
      );
    },
  };
}
