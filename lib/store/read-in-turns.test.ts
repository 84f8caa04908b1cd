/**
 * A store reading a snapshot hands the event loop back while it parses: the dashboard's one thread must answer the
 * waiting page's stylesheet, scripts and polls meanwhile. Read at once, a 10,000-function file held them for
 * seconds, and the page that said "Analysing…" painted only when the file was read.
 *
 * Other work is queued the moment the file's bytes arrive (readFile below), so the turns counted are those of the
 * parse and the id, not of the file's reading, which is asynchronous anyway.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "./file-store";
import { createSingleFileStore } from "./single-file-store";
import { snapshotId } from "./snapshot-id";
import { useTempDir } from "./test-support";

/** Set by a test: called with the path when a readFile's bytes arrive, before the reader has them. */
const onBytes = vi.hoisted(() => ({ current: undefined as ((file: string) => void) | undefined }));

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const readFile = (async (...args: Parameters<typeof real.readFile>) => {
    const bytes = await real.readFile(...args);
    onBytes.current?.(String(args[0]));
    return bytes;
  }) as typeof real.readFile;
  return { ...real, default: { ...real, readFile }, readFile };
});

/** Set by a test: told when zlib starts inflating and when it hands the bytes back, at once or from the thread pool. */
const onInflate = vi.hoisted(() => ({ current: undefined as ((moment: "start" | "end") => void) | undefined }));

vi.mock("node:zlib", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:zlib")>();
  const gunzipSync = ((...args: Parameters<typeof real.gunzipSync>) => {
    onInflate.current?.("start");
    try {
      return real.gunzipSync(...args);
    } finally {
      onInflate.current?.("end");
    }
  }) as typeof real.gunzipSync;
  const gunzip = ((buffer: Parameters<typeof real.gunzip>[0], options: Parameters<typeof real.gunzip>[1], callback: Parameters<typeof real.gunzip>[2]) => {
    onInflate.current?.("start");
    real.gunzip(buffer, options, (error, result) => {
      onInflate.current?.("end");
      callback(error, result);
    });
  }) as typeof real.gunzip;
  return { ...real, default: { ...real, gunzip, gunzipSync }, gunzip, gunzipSync };
});

/** Runs `read` and counts the turns other work gets from the moment the bytes of a `snapshotFile` arrive until it settles. */
async function turnsDuring<T>(snapshotFile: RegExp, read: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const other = () => {
    if (done) return;
    turns += 1;
    setImmediate(other);
  };
  onBytes.current = (file) => {
    if (!snapshotFile.test(file)) return;
    onBytes.current = undefined;
    setImmediate(other);
  };
  try {
    const value = await read();
    return { value, turns };
  } finally {
    done = true;
    onBytes.current = undefined;
  }
}

/** Runs `read` and says, for each gunzip it made, how many turns other work got between its start and its bytes. */
async function turnsWhileInflating<T>(read: () => Promise<T>): Promise<{ value: T; turns: number[] }> {
  let ticks = 0;
  let done = false;
  const other = () => {
    if (done) return;
    ticks += 1;
    setImmediate(other);
  };
  const turns: number[] = [];
  let startedAt = 0;
  onInflate.current = (moment) => {
    if (moment === "start") startedAt = ticks;
    else turns.push(ticks - startedAt);
  };
  setImmediate(other);
  try {
    return { value: await read(), turns };
  } finally {
    done = true;
    onInflate.current = undefined;
  }
}

const root = path.resolve(__dirname, "../..");
const demoPath = path.join(root, "data/demo-snapshot.json");
const demo = parseSnapshot(readFileSync(demoPath));
const dir = useTempDir("lpg-read-in-turns-");

describe("reading a snapshot leaves the server turns to answer other requests", () => {
  it("a served file (serve FILE): its parse and its id", async () => {
    const served = path.join(dir(), "served.json");
    copyFileSync(demoPath, served);
    const store = createSingleFileStore(served);
    const { value, turns } = await turnsDuring(/served\.json$/, () => store.listSnapshots());
    expect(turns).toBeGreaterThanOrEqual(3);
    // The same snapshot and the same id as read at once.
    expect(value[0]!.id).toBe(snapshotId(demo.capturedAt, JSON.stringify(demo)));
    expect((await store.getSnapshot("latest"))?.snapshot).toEqual(demo);
  });

  it("a stored snapshot (an upload, a scan)", async () => {
    const store = createFileStore({ dir: dir() });
    const { meta } = await store.saveSnapshot(demo);
    const { value, turns } = await turnsDuring(/\.json\.gz$/, () => store.getSnapshot(meta.id));
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(value?.snapshot).toEqual(demo);
  });

  // Gunzipped at once, a stored 10,000-function file (2.3 MB → 24 MB) held every other request for ~150-650 ms.
  it("a stored snapshot's gunzip: other work runs while the file inflates (the thread pool inflates it)", async () => {
    const store = createFileStore({ dir: dir() });
    const { meta } = await store.saveSnapshot(demo);
    const { value, turns } = await turnsWhileInflating(() => store.getSnapshot(meta.id));
    expect(value?.snapshot).toEqual(demo);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toBeGreaterThanOrEqual(1);
  });

  it("a served .json.gz's gunzip too (serve FILE.json.gz)", async () => {
    const served = path.join(dir(), "served.json.gz");
    writeFileSync(served, gzipSync(readFileSync(demoPath)));
    const store = createSingleFileStore(served);
    const { value, turns } = await turnsWhileInflating(() => store.getSnapshot("latest"));
    expect(value?.snapshot).toEqual(demo);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toBeGreaterThanOrEqual(1);
  });
});
