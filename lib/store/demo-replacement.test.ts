/**
 * A demo replacement cut short (a crash, a failed removal): the store must still hold nothing but the bundled demo,
 * flagged as such, and go on following it. The crash is simulated by making the removal of the old demo's file fail.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createFileStore } from "./file-store";
import { testSnapshot } from "./test-snapshot";
import { useTempDir } from "./test-support";

const crash = vi.hoisted(() => ({ onRemove: null as null | ((path: string) => boolean) }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...real,
    rm: (path: Parameters<typeof real.rm>[0], options?: Parameters<typeof real.rm>[1]) =>
      crash.onRemove?.(String(path)) ? Promise.reject(Object.assign(new Error("crashed"), { code: "EIO" })) : real.rm(path, options),
  };
});

const dir = useTempDir("lpg-demo-");
afterEach(() => {
  crash.onRemove = null;
});

describe("a demo replacement cut short", () => {
  it("leaves the new demo flagged and the old one gone, and the store goes on following the demo", async () => {
    const demo = join(dir(), "demo.json");
    const storeDir = join(dir(), "data");
    const open = () => createFileStore({ dir: storeDir, demoSnapshotPath: demo });
    await writeFile(demo, JSON.stringify(testSnapshot("2024-12-24T10:00:00Z", ["demo-fn"])));
    const [old] = await open().listSnapshots();

    // A newer tool ships a demo captured at another time; the removal of the old demo's file fails.
    await writeFile(demo, JSON.stringify(testSnapshot("2025-06-01T10:00:00Z", ["demo-fn", "new-fn"])));
    crash.onRemove = (path) => path.endsWith(`${old?.id}.json.gz`);
    await expect(open().listSnapshots()).rejects.toThrow(/crashed/);
    crash.onRemove = null;

    const restarted = await open().listSnapshots();
    expect(restarted).toEqual([expect.objectContaining({ functionCount: 2, demo: true })]);
    expect(await readdir(join(storeDir, "snapshots"))).toEqual([`${restarted[0]?.id}.json.gz`]);

    // Still following: the next demo replaces it.
    await writeFile(demo, JSON.stringify(testSnapshot("2025-12-01T10:00:00Z", ["only-fn"])));
    const next = await open().listSnapshots();
    expect(next).toEqual([expect.objectContaining({ functionCount: 1, capturedAt: "2025-12-01T10:00:00Z", demo: true })]);
  });
});
