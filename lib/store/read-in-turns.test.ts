/**
 * A store reading a snapshot hands the event loop back while it parses: the dashboard's one thread must answer the
 * waiting page's stylesheet, scripts and polls meanwhile. Read at once, a 10,000-function file held them for
 * seconds, and the page that said "Analysing…" painted only when the file was read.
 *
 * Other work is queued the moment the file's bytes arrive (readFile below), so the turns counted are those of the
 * parse and the id, not of the file's reading, which is asynchronous anyway.
 */
import { copyFileSync, readFileSync } from "node:fs";
import path from "node:path";
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
});
