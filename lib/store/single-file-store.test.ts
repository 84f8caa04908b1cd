/**
 * `serve FILE` is read-only (docs/reports.md, docs/scan.md): the dashboard shows that one file, uploads get 409,
 * and a dashboard scan fails with a message saying so; the served file is never rewritten.
 * serve.ts sets LPG_SNAPSHOT_FILE, which is what the store, the upload route and the scan job read.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createSingleFileStore } from "./single-file-store";

const root = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "lpg-serve-file-"));
const served = path.join(dir, "served.json");
const demoText = readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8");
const demo = parseSnapshot(demoText);

beforeAll(() => {
  copyFileSync(path.join(root, "data/demo-snapshot.json"), served);
  process.env.LPG_SNAPSHOT_FILE = served;
  process.env.LPG_DATA_DIR = path.join(dir, "store"); // must stay unused
  process.env.LPG_DEMO_SNAPSHOT = "/nonexistent";
  for (const k of ["NEXTAUTH_SECRET", "LPG_USERS_FILE", "GITHUB_ID", "GOOGLE_ID", "OIDC_ISSUER"]) delete process.env[k];
});
afterAll(() => {
  delete process.env.LPG_SNAPSHOT_FILE;
  rmSync(dir, { recursive: true, force: true });
});

describe("serve FILE: a read-only dashboard over one snapshot file", () => {
  it("the store lists that one file and refuses to save", async () => {
    const store = createSingleFileStore(served);
    // Listing reads the whole file, once: until then a page paints its waiting state before it asks (when-ready.tsx).
    expect(store.listingReadsSnapshot?.()).toBe(true);
    const list = await store.listSnapshots();
    expect(list).toHaveLength(1);
    expect(store.listingReadsSnapshot?.()).toBe(false);
    expect((await store.getSnapshot("latest"))?.meta.id).toBe(list[0]!.id);
    await expect(store.saveSnapshot({ ...demo, capturedAt: "2026-12-01T00:00:00Z" })).rejects.toThrow(/read-only.*omit FILE/);
    expect(readFileSync(served, "utf8")).toBe(demoText);
  });

  it("an upload gets 409 with the reason, and nothing changes", async () => {
    const { POST, GET } = await import("@/app/api/snapshots/route");
    const body = JSON.stringify({ ...JSON.parse(demoText), capturedAt: "2026-12-01T00:00:00Z" });
    const res = await POST(new NextRequest("http://127.0.0.1:3000/api/snapshots?name=new.json", { method: "POST", headers: { host: "127.0.0.1:3000" }, body }));
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatch(/showing one file read-only \(serve FILE\).*start it without FILE to upload/);
    const listed = await (await GET(new NextRequest("http://127.0.0.1:3000/api/snapshots", { headers: { host: "127.0.0.1:3000" } }))).json();
    expect(listed.snapshots).toHaveLength(1);
    expect(listed.snapshots[0].capturedAt).toBe(demo.capturedAt);
    expect(readFileSync(served, "utf8")).toBe(demoText);
  });

  it("a dashboard scan fails with a message saying the file is served read-only", async () => {
    const { startScan, waitForScan } = await import("@/lib/scan/scan-job");
    let ran = false;
    startScan(async () => {
      ran = true;
      return { snapshot: { ...demo, capturedAt: "2026-12-01T00:00:00Z" }, stats: { callsByOperation: {}, calls: 0, retried: 0, operations: [], durationMs: 0 } };
    });
    const done = await waitForScan();
    expect(ran).toBe(true);
    expect(done?.status).toBe("failed");
    expect(done?.error).toMatch(/serving .*served\.json read-only; saving snapshots needs the store \(omit FILE\)/);
    expect(done?.snapshotId).toBeUndefined();
    expect(readFileSync(served, "utf8")).toBe(demoText);
  });
});
