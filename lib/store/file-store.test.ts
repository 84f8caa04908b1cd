import { describe, expect, it } from "vitest";
import { mkdir, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "./file-store";
import { SNAPSHOT_ID_PATTERN, compactTimestamp } from "./snapshot-id";
import { useTempDir } from "./test-support";

function snapshot(capturedAt: string, functions: string[] = ["a"], region = "us-east-1") {
  return parseSnapshot({
    format: "lambda-permissions-graph/snapshot@1",
    capturedAt,
    account: "123456789012",
    regions: {
      [region]: {
        ListFunctions: {
          Functions: functions.map((name) => ({
            FunctionName: name,
            FunctionArn: `arn:aws:lambda:${region}:123456789012:function:${name}`,
          })),
        },
      },
    },
  });
}

const dir = useTempDir("lpg-store-");

describe("snapshot ids", () => {
  it("compacts ISO timestamps and falls back to a slug", () => {
    expect(compactTimestamp("2025-03-01T12:34:56.789Z")).toBe("20250301T123456Z");
    expect(compactTimestamp("not a date!")).toBe("notadate");
    expect(compactTimestamp("")).toBe("undated");
  });
});

describe("file store", () => {
  it("saves gzipped JSON under a stable id and lists it", async () => {
    const store = createFileStore({ dir: dir() });
    const meta = (await store.saveSnapshot(snapshot("2025-03-01T12:00:00Z", ["a", "b"]))).meta;
    expect(meta.id).toMatch(SNAPSHOT_ID_PATTERN);
    expect(meta.id.startsWith("20250301T120000Z-")).toBe(true);
    expect(meta).toMatchObject({ account: "123456789012", regions: ["us-east-1"], functionCount: 2 });

    const raw = await readFile(join(dir(), "snapshots", `${meta.id}.json.gz`));
    expect(JSON.parse(gunzipSync(raw).toString("utf8")).account).toBe("123456789012");
    expect(await store.listSnapshots()).toEqual([meta]);
  });

  it("gives the same content the same id and stores it once", async () => {
    const store = createFileStore({ dir: dir() });
    const first = await store.saveSnapshot(snapshot("2025-03-01T12:00:00Z"));
    const again = await store.saveSnapshot(snapshot("2025-03-01T12:00:00Z"));
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    const a = first.meta;
    const b = again.meta;
    expect(b.id).toBe(a.id);
    expect(await store.listSnapshots()).toHaveLength(1);
    const c = (await store.saveSnapshot(snapshot("2025-03-01T12:00:00Z", ["other"]))).meta;
    expect(c.id).not.toBe(a.id);
  });

  it("resolves latest to the newest capture and returns null for unknown ids", async () => {
    const store = createFileStore({ dir: dir() });
    await store.saveSnapshot(snapshot("2025-01-01T00:00:00Z"));
    const newer = (await store.saveSnapshot(snapshot("2025-06-01T00:00:00Z", ["x"]))).meta;
    await store.saveSnapshot(snapshot("2025-03-01T00:00:00Z"));
    const latest = await store.getSnapshot("latest");
    expect(latest?.meta.id).toBe(newer.id);
    expect(latest?.snapshot.capturedAt).toBe("2025-06-01T00:00:00Z");
    expect((await store.listSnapshots()).map((m) => m.capturedAt)).toEqual([
      "2025-06-01T00:00:00Z",
      "2025-03-01T00:00:00Z",
      "2025-01-01T00:00:00Z",
    ]);
    expect(await store.getSnapshot("20990101T000000Z-000000000000")).toBeNull();
    expect(await store.getSnapshot("../../etc/passwd")).toBeNull();
  });

  it("never lets a file dated in the future stay latest: capture times count no later than when stored", async () => {
    let now = new Date("2026-11-29T12:00:00Z");
    const store = createFileStore({ dir: dir(), now: () => now });
    const future = (await store.saveSnapshot(snapshot("2099-01-01T00:00:00Z", ["from-the-future"]))).meta;
    // Until something newer arrives it is the newest the store knows of ...
    expect((await store.getSnapshot("latest"))?.meta.id).toBe(future.id);
    now = new Date("2026-11-29T13:00:00Z");
    const scanned = (await store.saveSnapshot(snapshot("2026-11-29T12:59:00Z", ["scanned"]))).meta;
    // ... and a later scan replaces it, as any later capture would.
    expect((await store.getSnapshot("latest"))?.meta.id).toBe(scanned.id);
    expect((await store.listSnapshots()).map((m) => m.id)).toEqual([scanned.id, future.id]);
    // An older capture uploaded later does not become latest.
    now = new Date("2026-11-29T14:00:00Z");
    await store.saveSnapshot(snapshot("2026-10-01T00:00:00Z", ["old"]));
    expect((await store.getSnapshot("latest"))?.meta.id).toBe(scanned.id);
  });

  it("says a save of content saved at the same moment is a duplicate, as it does one saved earlier", async () => {
    const store = createFileStore({ dir: dir() });
    const both = await Promise.all([store.saveSnapshot(snapshot("2025-03-01T12:00:00Z")), store.saveSnapshot(snapshot("2025-03-01T12:00:00Z"))]);
    expect(both.map((s) => s.duplicate).sort()).toEqual([false, true]);
    expect(both[0]?.meta).toEqual(both[1]?.meta);
  });

  it("leaves no temp files behind and survives concurrent saves", async () => {
    const store = createFileStore({ dir: dir() });
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => store.saveSnapshot(snapshot(`2025-0${i + 1}-01T00:00:00Z`))),
    );
    expect(await store.listSnapshots()).toHaveLength(6);
    const all = [...(await readdir(dir())), ...(await readdir(join(dir(), "snapshots")))];
    expect(all.filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("removes temp files a crash left mid-write when it opens, but not one young enough to be a write in progress", async () => {
    await mkdir(join(dir(), "snapshots"), { recursive: true });
    const stale = [join(dir(), ".index.json.4242.0123456789ab.tmp"), join(dir(), "snapshots", ".20250301T120000Z-0123456789ab.json.gz.4242.ba9876543210.tmp")];
    const young = join(dir(), "snapshots", ".20250302T120000Z-0123456789ab.json.gz.4343.abcdefabcdef.tmp");
    const unrelated = join(dir(), "notes.tmp");
    const now = new Date("2026-11-29T12:00:00Z");
    for (const path of [...stale, young, unrelated]) await writeFile(path, "partial");
    for (const path of [...stale, unrelated]) await utimes(path, new Date("2026-11-29T11:00:00Z"), new Date("2026-11-29T11:00:00Z"));
    await utimes(young, now, now);
    await createFileStore({ dir: dir(), now: () => now }).listSnapshots();
    const left = [...(await readdir(dir())), ...(await readdir(join(dir(), "snapshots")))];
    expect(left.sort()).toEqual(["notes.tmp", "snapshots", ".20250302T120000Z-0123456789ab.json.gz.4343.abcdefabcdef.tmp"].sort());
  });

  it("never reads a temp file a stop left, even one holding a whole snapshot or index, as part of the store", async () => {
    // What a second Ctrl-C or a crash leaves when it comes after the temp file was written, before it was put in place.
    const store = createFileStore({ dir: dir() });
    const kept = (await store.saveSnapshot(snapshot("2025-03-01T12:00:00Z"))).meta;
    const other = snapshot("2025-04-01T12:00:00Z", ["b"]);
    const otherId = "20250401T120000Z-0123456789ab";
    await writeFile(join(dir(), "snapshots", `.${otherId}.json.gz.4242.0123456789ab.tmp`), gzipSync(JSON.stringify(other)));
    const index = JSON.parse(await readFile(join(dir(), "index.json"), "utf8")) as { snapshots: object[] };
    const naming = { ...index, snapshots: [...index.snapshots, { ...kept, id: otherId, capturedAt: other.capturedAt }] };
    await writeFile(join(dir(), ".index.json.4242.ba9876543210.tmp"), JSON.stringify(naming));
    const reopened = createFileStore({ dir: dir() });
    expect(await reopened.listSnapshots()).toEqual([kept]);
    expect(await reopened.getSnapshot(otherId)).toBeNull();
  });

  it("imports the demo snapshot on first start only", async () => {
    const demo = join(dir(), "demo.json");
    await writeFile(demo, JSON.stringify(snapshot("2024-12-24T10:00:00Z", ["demo-fn"])));
    const storeDir = join(dir(), "data");
    const store = createFileStore({ dir: storeDir, demoSnapshotPath: demo });
    const list = await store.listSnapshots();
    expect(list).toHaveLength(1);
    expect(list[0]?.functionCount).toBe(1);

    await store.saveSnapshot(snapshot("2025-01-01T00:00:00Z"));
    const again = createFileStore({ dir: storeDir, demoSnapshotPath: demo });
    expect(await again.listSnapshots()).toHaveLength(2);
  });

  it("follows a changed bundled demo while the store holds nothing else, and keeps it once anything else is stored", async () => {
    const demo = join(dir(), "demo.json");
    const storeDir = join(dir(), "data");
    await writeFile(demo, JSON.stringify(snapshot("2024-12-24T10:00:00Z", ["demo-fn"])));
    const first = await createFileStore({ dir: storeDir, demoSnapshotPath: demo }).listSnapshots();
    expect(first).toEqual([expect.objectContaining({ functionCount: 1, demo: true })]);

    // A newer version of the tool ships another demo (same capture time, other content): it replaces the old one.
    await writeFile(demo, JSON.stringify(snapshot("2024-12-24T10:00:00Z", ["demo-fn", "new-fn"])));
    const updated = createFileStore({ dir: storeDir, demoSnapshotPath: demo });
    const second = await updated.listSnapshots();
    expect(second).toEqual([expect.objectContaining({ functionCount: 2, demo: true })]);
    expect(second[0]?.id).not.toBe(first[0]?.id);
    expect(await readdir(join(storeDir, "snapshots"))).toEqual([`${second[0]?.id}.json.gz`]);
    expect((await updated.getSnapshot("latest"))?.meta.id).toBe(second[0]?.id);

    // Once a scan is stored, the demo import stays as it was: links to it keep working.
    await updated.saveSnapshot(snapshot("2025-01-01T00:00:00Z"));
    await writeFile(demo, JSON.stringify(snapshot("2024-12-24T10:00:00Z", ["only-fn"])));
    const third = await createFileStore({ dir: storeDir, demoSnapshotPath: demo }).listSnapshots();
    expect(third.map((m) => m.functionCount).sort()).toEqual([1, 2]);
    expect(third.map((m) => m.id)).toContain(second[0]?.id);
  });

  it("knows a demo imported before the flag existed by its account and capture time; a broken demo file breaks nothing", async () => {
    const demo = join(dir(), "demo.json");
    const storeDir = join(dir(), "data");
    await writeFile(demo, JSON.stringify(snapshot("2024-12-24T10:00:00Z", ["demo-fn"])));
    const old = await createFileStore({ dir: storeDir, demoSnapshotPath: demo }).listSnapshots();
    // As an older version wrote the index: no flag.
    const index = JSON.parse(await readFile(join(storeDir, "index.json"), "utf8"));
    for (const e of index.snapshots) delete e.demo;
    await writeFile(join(storeDir, "index.json"), JSON.stringify(index));
    await writeFile(demo, JSON.stringify(snapshot("2024-12-24T10:00:00Z", ["demo-fn", "new-fn"])));
    const now = await createFileStore({ dir: storeDir, demoSnapshotPath: demo }).listSnapshots();
    expect(now).toEqual([expect.objectContaining({ functionCount: 2, demo: true })]);
    expect(now[0]?.id).not.toBe(old[0]?.id);

    await writeFile(demo, "{ not json");
    const still = createFileStore({ dir: storeDir, demoSnapshotPath: demo });
    expect((await still.listSnapshots()).map((m) => m.id)).toEqual([now[0]?.id]);
    expect((await still.getSnapshot("latest"))?.snapshot.account).toBe(now[0]?.account);
  });

  it("starts empty when there is no demo snapshot", async () => {
    const store = createFileStore({ dir: dir(), demoSnapshotPath: join(dir(), "missing.json") });
    expect(await store.listSnapshots()).toEqual([]);
    expect(await store.getSnapshot("latest")).toBeNull();
  });

  it("rebuilds a missing or corrupt index from the snapshot files", async () => {
    const store = createFileStore({ dir: dir() });
    const meta = (await store.saveSnapshot(snapshot("2025-03-01T12:00:00Z"))).meta;
    await writeFile(join(dir(), "index.json"), "{ half a fi");
    const reopened = createFileStore({ dir: dir() });
    expect((await reopened.listSnapshots()).map((m) => m.id)).toEqual([meta.id]);
    await rm(join(dir(), "index.json"));
    const again = createFileStore({ dir: dir() });
    expect((await again.getSnapshot(meta.id))?.meta.id).toBe(meta.id);
  });

  // The snapshot file is written before the index: a crash between the two leaves a complete file the index lacks.
  it("lists a snapshot whose file was written but whose index entry was not (a crash between the two writes)", async () => {
    const store = createFileStore({ dir: dir() });
    const kept = (await store.saveSnapshot(snapshot("2025-03-01T12:00:00Z"))).meta;
    const indexBefore = await readFile(join(dir(), "index.json"));
    const crashed = (await store.saveSnapshot(snapshot("2025-03-02T12:00:00Z", ["b"]))).meta;
    await writeFile(join(dir(), "index.json"), indexBefore);
    const restarted = createFileStore({ dir: dir() });
    expect((await restarted.listSnapshots()).map((m) => m.id)).toEqual([crashed.id, kept.id]);
    expect((await restarted.getSnapshot("latest"))?.meta.id).toBe(crashed.id);
  });

  // The CLI's `scan` and the dashboard (or two servers) share one directory; each serialises only its own writes.
  it("loses no snapshot when two processes save into one store at once", async () => {
    const a = createFileStore({ dir: dir() });
    const b = createFileStore({ dir: dir() });
    await Promise.all([a.listSnapshots(), b.listSnapshots()]);
    const saved = await Promise.all(
      [1, 2, 3, 4, 5].flatMap((d) => [a.saveSnapshot(snapshot(`2025-01-0${d}T00:00:00Z`)), b.saveSnapshot(snapshot(`2025-02-0${d}T00:00:00Z`))]),
    );
    const listed = (await createFileStore({ dir: dir() }).listSnapshots()).map((m) => m.id);
    expect([...listed].sort()).toEqual(saved.map((s) => s.meta.id).sort());
    expect((await a.listSnapshots()).map((m) => m.id)).toEqual(listed);
  });

  // Deleting is not offered; a file removed by hand (or by another tool) must not break the list or its links.
  it("drops a snapshot whose file is gone: not listed, and its id is unknown rather than an error", async () => {
    const store = createFileStore({ dir: dir() });
    const kept = (await store.saveSnapshot(snapshot("2025-03-01T12:00:00Z"))).meta;
    const gone = (await store.saveSnapshot(snapshot("2025-03-02T12:00:00Z", ["b"]))).meta;
    await rm(join(dir(), "snapshots", `${gone.id}.json.gz`));
    expect((await store.listSnapshots()).map((m) => m.id)).toEqual([kept.id]);
    expect(await store.getSnapshot(gone.id)).toBeNull();
    expect((await store.getSnapshot("latest"))?.meta.id).toBe(kept.id);
  });
});

// The ratio guard is for a user's gzip (lib/snapshot/read.ts): a plain upload or a scan stored at over 100:1 was
// listed as stored and then refused at every read.
describe("a snapshot that compresses far better than an account's", () => {
  const description = "x".repeat(2 * 1024 * 1024);
  const compressible = () => {
    const s = snapshot("2025-03-01T12:00:00Z");
    s.regions["us-east-1"]!.ListFunctions!.Functions[0]!.Description = description;
    return s;
  };

  it("reads back as it was saved, at over 100 times its gzip", async () => {
    const store = createFileStore({ dir: dir() });
    const meta = (await store.saveSnapshot(compressible())).meta;
    const raw = await readFile(join(dir(), "snapshots", `${meta.id}.json.gz`));
    expect(gunzipSync(raw).length).toBeGreaterThan(100 * raw.length);
    const read = await createFileStore({ dir: dir() }).getSnapshot(meta.id);
    expect(read?.snapshot.regions["us-east-1"]?.ListFunctions?.Functions[0]?.Description).toBe(description);
  });

  it("is listed when its file is found without an index entry", async () => {
    const meta = (await createFileStore({ dir: dir() }).saveSnapshot(compressible())).meta;
    await rm(join(dir(), "index.json"));
    expect((await createFileStore({ dir: dir() }).listSnapshots()).map((m) => m.id)).toEqual([meta.id]);
  });
});
