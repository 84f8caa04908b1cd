/**
 * A server asked to stop waits for the store's writes in flight, whoever began them (an upload, a scan, a sign-out),
 * and says how each snapshot save ended. The writes are held at their rename or link (the index's, for a snapshot
 * save: the snapshot file in place, the index naming it not yet), so the moment of the stop is known, not guessed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FINISHING_WRITE } from "@/lib/store/interrupted";
import { testSnapshot } from "./test-snapshot";
import { useTempDir } from "./test-support";
import { forgetStop } from "@/test/not-stopping";

const hold = vi.hoisted(() => ({
  /** Renames to a path containing this wait until released. */
  path: "",
  reached: [] as string[],
  releases: [] as (() => void)[],
}));

vi.mock("node:fs/promises", async (original) => {
  const fsp = await original<typeof import("node:fs/promises")>();
  const held = async (to: string) => {
    if (hold.path && to.includes(hold.path)) {
      hold.reached.push(to);
      await new Promise<void>((r) => hold.releases.push(r));
    }
  };
  return {
    ...fsp,
    rename: async (from: string, to: string) => {
      await held(to);
      return fsp.rename(from, to);
    },
    // A snapshot's file is put in place by an exclusive write (atomic-write.ts), which links rather than renames.
    link: async (from: string, to: string) => {
      await held(to);
      return fsp.link(from, to);
    },
  };
});

const until = async (held: number) => {
  await vi.waitFor(() => expect(hold.reached).toHaveLength(held));
};
const releaseAll = () => hold.releases.splice(0).forEach((r) => r());

const dir = useTempDir("lpg-writes-in-flight-");
beforeEach(() => {
  forgetStop();
  vi.resetModules();
  Object.assign(hold, { path: "", reached: [], releases: [] });
});
afterEach(() => releaseAll());

/** The bundled demo (written as demo.json in the test's directory), listing `functions`. */
async function bundledDemo(functions: string[]): Promise<string> {
  const path = join(dir(), "demo.json");
  await writeFile(path, JSON.stringify(testSnapshot("2024-12-24T10:00:00Z", functions)));
  return path;
}

async function modules() {
  const { createFileStore } = await import("./file-store");
  const { writeFileAtomic } = await import("./atomic-write");
  const { settleWritesBeforeStop } = await import("./writes-in-flight");
  return { store: createFileStore({ dir: dir() }), writeFileAtomic, settleWritesBeforeStop };
}

describe("settleWritesBeforeStop", () => {
  it("waits for a snapshot save held between its file and its index, then says it was stored", async () => {
    const { store, settleWritesBeforeStop } = await modules();
    hold.path = "index.json";
    const saving = store.saveSnapshot(testSnapshot("2026-12-01T00:00:00Z", ["a"]));
    await until(1);
    const said: string[] = [];
    let settled = false;
    const stopping = settleWritesBeforeStop((line) => said.push(line)).then(() => (settled = true));
    await vi.waitFor(() => expect(said).toEqual([FINISHING_WRITE]));
    expect(settled).toBe(false);
    releaseAll();
    await stopping;
    const { meta } = await saving;
    expect(said).toEqual([FINISHING_WRITE, `Interrupted: the snapshot was stored as ${meta.id} before stopping.`]);
    expect((await store.listSnapshots()).map((m) => m.id)).toEqual([meta.id]);
    expect((await readdir(dir())).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses a write begun once the stop began, storing nothing of it, while the one in flight goes on to its index", async () => {
    const { store, settleWritesBeforeStop } = await modules();
    hold.path = "index.json";
    const first = store.saveSnapshot(testSnapshot("2026-12-01T00:00:00Z", ["a"]));
    await until(1);
    const said: string[] = [];
    const stopping = settleWritesBeforeStop((line) => said.push(line));
    await vi.waitFor(() => expect(said).toEqual([FINISHING_WRITE]));
    hold.path = "";
    // A request the server was handling, reaching its write now: the process would end in the middle of it.
    const { createFileStore } = await import("./file-store");
    const { isStopRefusal } = await import("./writes-in-flight");
    const other = join(dir(), "other");
    const refused = await createFileStore({ dir: other }).saveSnapshot(testSnapshot("2026-12-02T00:00:00Z", ["b"])).catch((e: unknown) => e);
    expect(isStopRefusal(refused)).toBe(true);
    expect((refused as Error).message).toBe("the server is stopping");
    await expect(readdir(other)).rejects.toThrow(/ENOENT/);
    releaseAll();
    await stopping;
    expect(said).toEqual([FINISHING_WRITE, `Interrupted: the snapshot was stored as ${(await first).meta.id} before stopping.`]);
    expect((await readdir(dir())).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses a file write begun once the stop began (a sign-out's record), through another copy of the module", async () => {
    const { writeFileAtomic, settleWritesBeforeStop } = await modules();
    await settleWritesBeforeStop(() => undefined);
    vi.resetModules();
    const other = await import("./atomic-write");
    const { isStopRefusal } = await import("./writes-in-flight");
    expect(isStopRefusal(await other.writeFileAtomic(join(dir(), "signed-out"), "").catch((e: unknown) => e))).toBe(true);
    expect(isStopRefusal(await writeFileAtomic(join(dir(), "signed-out"), "").catch((e: unknown) => e))).toBe(true);
    expect(await readdir(dir())).toEqual([]);
  });

  it("still lists once the stop began, when the index needs bringing in line (its write is left to the next start)", async () => {
    const { store, settleWritesBeforeStop } = await modules();
    const { meta } = await store.saveSnapshot(testSnapshot("2026-12-01T00:00:00Z", ["a"]));
    await rm(join(dir(), "index.json"));
    await settleWritesBeforeStop(() => undefined);
    expect((await store.listSnapshots()).map((m) => m.id)).toEqual([meta.id]);
    expect(await readdir(dir())).toEqual(["snapshots"]);
  });

  it("says a save that failed was not stored", async () => {
    const { store, settleWritesBeforeStop } = await modules();
    hold.path = "index.json";
    const saving = store.saveSnapshot(testSnapshot("2026-12-01T00:00:00Z", ["a"])).catch(() => "failed");
    await until(1);
    const said: string[] = [];
    const stopping = settleWritesBeforeStop((line) => said.push(line));
    await rm(dir(), { recursive: true, force: true }); // the rename into it then fails
    releaseAll();
    await stopping;
    expect(await saving).toBe("failed");
    expect(said).toEqual([FINISHING_WRITE, "Interrupted: the snapshot was not stored."]);
  });

  it("waits for any file write into the data directory (a sign-out's record), begun through another copy of the module", async () => {
    const { writeFileAtomic } = await modules();
    hold.path = "signed-out";
    const writing = writeFileAtomic(join(dir(), "signed-out"), "");
    await until(1);
    // serve's signal handler runs its own copy of the module; the dashboard's routes Next's bundled one.
    vi.resetModules();
    const other = await import("./writes-in-flight");
    const said: string[] = [];
    let settled = false;
    const stopping = other.settleWritesBeforeStop((line) => said.push(line)).then(() => (settled = true));
    await vi.waitFor(() => expect(said).toEqual([FINISHING_WRITE]));
    expect(settled).toBe(false);
    releaseAll();
    await stopping;
    expect(await writing).toBe(true);
    expect(said).toEqual([FINISHING_WRITE]);
    expect(await readdir(dir())).toEqual(["signed-out"]);
  });

  it("gives up work it was told to (an upload's body being received) as the stop begins, and refuses it once begun", async () => {
    const { settleWritesBeforeStop } = await modules();
    const { unlessStopping, isStopRefusal } = await import("./writes-in-flight");
    let failBody!: (e: Error) => void;
    const body = new Promise<string>((_, reject) => (failBody = reject));
    const receiving = unlessStopping(body).catch((e: unknown) => e);
    expect(await unlessStopping(Promise.resolve("received")).catch((e: unknown) => e)).toBe("received");
    await settleWritesBeforeStop(() => undefined);
    expect(isStopRefusal(await receiving)).toBe(true);
    failBody(new Error("body cut")); // its later failure is no one's: not an unhandled rejection
    expect(isStopRefusal(await unlessStopping(Promise.resolve("late")).catch((e: unknown) => e))).toBe(true);
  });

  it("lets a demo import begun by the store's first read write its index too, when the stop came during its file", async () => {
    const { createFileStore } = await import("./file-store");
    const { settleWritesBeforeStop } = await import("./writes-in-flight");
    const demo = await bundledDemo(["demo-fn"]);
    hold.path = ".json.gz";
    const listing = createFileStore({ dir: join(dir(), "data"), demoSnapshotPath: demo }).listSnapshots();
    await until(1);
    const stopping = settleWritesBeforeStop(() => undefined);
    releaseAll();
    await stopping;
    expect(await listing).toEqual([expect.objectContaining({ functionCount: 1, demo: true })]);
  });

  it("still reads a store of an older demo once the stop began: its replacement is left to the next start, nothing removed", async () => {
    const { createFileStore } = await import("./file-store");
    const { settleWritesBeforeStop } = await import("./writes-in-flight");
    const data = join(dir(), "data");
    const [old] = await createFileStore({ dir: data, demoSnapshotPath: await bundledDemo(["demo-fn"]) }).listSnapshots();
    await bundledDemo(["demo-fn", "new-fn"]); // a newer tool's demo
    await settleWritesBeforeStop(() => undefined);
    const store = createFileStore({ dir: data, demoSnapshotPath: join(dir(), "demo.json") });
    expect(await store.listSnapshots()).toEqual([old]);
    expect((await store.getSnapshot("latest"))?.meta).toEqual(old);
    expect(await readdir(join(data, "snapshots"))).toEqual([`${old!.id}.json.gz`]);
  });

  it("says nothing when no write is in flight", async () => {
    const { store, settleWritesBeforeStop } = await modules();
    await store.saveSnapshot(testSnapshot("2026-12-01T00:00:00Z", ["a"]));
    const said: string[] = [];
    await settleWritesBeforeStop((line) => said.push(line));
    expect(said).toEqual([]);
  });
});
