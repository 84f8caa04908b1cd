/** A disk that fills between the snapshot file and the index: the save fails whole, leaving no file to be listed later. */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "./file-store";
import { useTempDir } from "./test-support";

const full = vi.hoisted(() => ({ index: false }));
vi.mock("./atomic-write", async (original) => {
  const real = await original<typeof import("./atomic-write")>();
  return {
    ...real,
    writeFileAtomic: (...args: Parameters<typeof real.writeFileAtomic>) =>
      full.index && args[0].endsWith("index.json")
        ? Promise.reject(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }))
        : real.writeFileAtomic(...args),
  };
});

const snapshot = (capturedAt: string) => parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt, account: "123456789012", regions: {} });

const dir = useTempDir("lpg-store-full-");
beforeEach(() => {
  full.index = false;
});

describe("a save whose index write fails", () => {
  it("removes the snapshot file it wrote, so the refused snapshot does not appear later", async () => {
    const store = createFileStore({ dir: dir() });
    const kept = (await store.saveSnapshot(snapshot("2026-01-01T00:00:00Z"))).meta;
    full.index = true;
    await expect(store.saveSnapshot(snapshot("2026-01-02T00:00:00Z"))).rejects.toMatchObject({ code: "ENOSPC" });
    full.index = false;
    expect(await readdir(join(dir(), "snapshots"))).toEqual([`${kept.id}.json.gz`]);
    expect((await createFileStore({ dir: dir() }).listSnapshots()).map((m) => m.id)).toEqual([kept.id]);
  });
});
