/**
 * A store an earlier version left mid demo replacement: it wrote the index naming the new demo, then crashed before
 * removing the old demo's file. The old demo must not come back (as a scan, which would stop the store following the
 * demo); the store reconciles to the bundled demo alone.
 */
import { describe, expect, it } from "vitest";
import { copyFile, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "./file-store";
import { testSnapshot } from "./test-snapshot";
import { useTempDir } from "./test-support";

const dir = useTempDir("lpg-old-crash-");

describe("a store left with the index written and the old demo file still there", () => {
  it("lists the bundled demo alone, removes the old demo's file, and goes on following the demo", async () => {
    const demo = join(dir(), "demo.json");
    const storeDir = join(dir(), "data");
    const open = () => createFileStore({ dir: storeDir, demoSnapshotPath: demo });
    await writeFile(demo, JSON.stringify(testSnapshot("2024-12-24T10:00:00Z", ["demo-fn"])));
    const [old] = await open().listSnapshots();
    const oldFile = join(storeDir, "snapshots", `${old?.id}.json.gz`);
    await copyFile(oldFile, join(dir(), "old.json.gz"));

    // The replacement as that version did it: index first (naming only the new demo), then the crash.
    await writeFile(demo, JSON.stringify(testSnapshot("2025-06-01T10:00:00Z", ["demo-fn", "new-fn"])));
    const [current] = await open().listSnapshots();
    expect(current?.id).not.toBe(old?.id);
    const index = await readFile(join(storeDir, "index.json"), "utf8");
    await copyFile(join(dir(), "old.json.gz"), oldFile);
    expect(await readFile(join(storeDir, "index.json"), "utf8")).toBe(index);

    const restarted = await open().listSnapshots();
    expect(restarted).toEqual([expect.objectContaining({ id: current?.id, functionCount: 2, demo: true })]);
    expect(await readdir(join(storeDir, "snapshots"))).toEqual([`${current?.id}.json.gz`]);
    expect(await open().listSnapshots()).toEqual(restarted);

    // Still following: the next demo replaces it.
    await writeFile(demo, JSON.stringify(testSnapshot("2025-12-01T10:00:00Z", ["only-fn"])));
    expect(await open().listSnapshots()).toEqual([expect.objectContaining({ functionCount: 1, capturedAt: "2025-12-01T10:00:00Z", demo: true })]);
  });

  it("keeps a scan of another account that the index lacks (a crash between its file and index writes)", async () => {
    const demo = join(dir(), "demo.json");
    const storeDir = join(dir(), "data");
    await writeFile(demo, JSON.stringify(testSnapshot("2024-12-24T10:00:00Z", ["demo-fn"])));
    const store = createFileStore({ dir: storeDir, demoSnapshotPath: demo });
    const index = await (async () => (await store.listSnapshots(), readFile(join(storeDir, "index.json"))))();
    const scan = parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt: "2025-01-01T00:00:00Z", account: "210987654321", regions: {} });
    const saved = (await store.saveSnapshot(scan)).meta;
    await writeFile(join(storeDir, "index.json"), index);
    const restarted = await createFileStore({ dir: storeDir, demoSnapshotPath: demo }).listSnapshots();
    expect(restarted.map((m) => [m.id, m.demo ?? false])).toContainEqual([saved.id, false]);
    expect(restarted).toHaveLength(2);
  });
});
