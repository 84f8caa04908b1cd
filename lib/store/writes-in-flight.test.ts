/**
 * A server asked to stop waits for the store's writes in flight, whoever began them (an upload, a scan, a sign-out),
 * and says how each snapshot save ended. The writes are held at their rename (the index's, for a snapshot save: the
 * snapshot file in place, the index naming it not yet), so the moment of the stop is known, not guessed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FINISHING_WRITE } from "@/lib/store/interrupted";
import { testSnapshot } from "./test-snapshot";

const hold = vi.hoisted(() => ({
  /** Renames to a path containing this wait until released. */
  path: "",
  reached: [] as string[],
  releases: [] as (() => void)[],
}));

vi.mock("node:fs/promises", async (original) => {
  const fsp = await original<typeof import("node:fs/promises")>();
  return {
    ...fsp,
    rename: async (from: string, to: string) => {
      if (hold.path && to.includes(hold.path)) {
        hold.reached.push(to);
        await new Promise<void>((r) => hold.releases.push(r));
      }
      return fsp.rename(from, to);
    },
  };
});

const until = async (held: number) => {
  await vi.waitFor(() => expect(hold.reached).toHaveLength(held));
};
const releaseAll = () => hold.releases.splice(0).forEach((r) => r());

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "lpg-writes-in-flight-"));
  // Each test a process of its own: the state is the process's (globalThis), and a stop is for good.
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("lambda-permissions-graph.store-writes-in-flight")];
  vi.resetModules();
  Object.assign(hold, { path: "", reached: [], releases: [] });
});
afterEach(async () => {
  releaseAll();
  await rm(dir, { recursive: true, force: true });
});

async function modules() {
  const { createFileStore } = await import("./file-store");
  const { writeFileAtomic } = await import("./atomic-write");
  const { settleWritesBeforeStop } = await import("./writes-in-flight");
  return { store: createFileStore({ dir }), writeFileAtomic, settleWritesBeforeStop };
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
    expect((await readdir(dir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("waits for writes begun while it waits (a request the server was handling) and says each one's outcome", async () => {
    const { store, settleWritesBeforeStop } = await modules();
    hold.path = "index.json";
    const first = store.saveSnapshot(testSnapshot("2026-12-01T00:00:00Z", ["a"]));
    await until(1);
    const said: string[] = [];
    const stopping = settleWritesBeforeStop((line) => said.push(line));
    await vi.waitFor(() => expect(said).toEqual([FINISHING_WRITE]));
    hold.path = "";
    // Begun after the stop, ended before the first one (another store: one store saves one at a time): still its line said.
    const { createFileStore } = await import("./file-store");
    const second = await createFileStore({ dir: join(dir, "other") }).saveSnapshot(testSnapshot("2026-12-02T00:00:00Z", ["b"]));
    releaseAll();
    await stopping;
    const stored = (id: string) => `Interrupted: the snapshot was stored as ${id} before stopping.`;
    // In the order they ended.
    expect(said).toEqual([FINISHING_WRITE, stored(second.meta.id), stored((await first).meta.id)]);
  });

  it("says a save that failed was not stored", async () => {
    const { store, settleWritesBeforeStop } = await modules();
    hold.path = "index.json";
    const saving = store.saveSnapshot(testSnapshot("2026-12-01T00:00:00Z", ["a"])).catch(() => "failed");
    await until(1);
    const said: string[] = [];
    const stopping = settleWritesBeforeStop((line) => said.push(line));
    await rm(dir, { recursive: true, force: true }); // the rename into it then fails
    releaseAll();
    await stopping;
    expect(await saving).toBe("failed");
    expect(said).toEqual([FINISHING_WRITE, "Interrupted: the snapshot was not stored."]);
  });

  it("waits for any file write into the data directory (a sign-out's record), begun through another copy of the module", async () => {
    const { writeFileAtomic } = await modules();
    hold.path = "signed-out";
    const writing = writeFileAtomic(join(dir, "signed-out"), "");
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
    expect(await readdir(dir)).toEqual(["signed-out"]);
  });

  it("says nothing when no write is in flight", async () => {
    const { store, settleWritesBeforeStop } = await modules();
    await store.saveSnapshot(testSnapshot("2026-12-01T00:00:00Z", ["a"]));
    const said: string[] = [];
    await settleWritesBeforeStop((line) => said.push(line));
    expect(said).toEqual([]);
  });
});
