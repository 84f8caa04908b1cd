/**
 * A store saving a snapshot hands the event loop back while it makes the file: at once, stringifying, hashing and
 * gzipping a 10,000-function upload held the dashboard's one thread ~1.5 s (bench/upload-stall.ts). The steps are
 * counted where they are run (runInTurns, lib/steps.ts); the file's reads and writes are asynchronous anyway.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "./file-store";
import { snapshotId } from "./snapshot-id";
import { useTempDir } from "./test-support";

const turns = vi.hoisted(() => ({ count: 0 }));

vi.mock("@/lib/steps", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/steps")>();
  return {
    ...real,
    runInTurns: <Y, R>(steps: Generator<Y, R>, onStep?: (step: Y) => void) =>
      real.runInTurns(steps, (step) => {
        turns.count += 1;
        onStep?.(step);
      }),
  };
});

const dir = useTempDir("lpg-save-in-turns-");

describe("saving a snapshot leaves the server turns to answer other requests", () => {
  it("hashes and writes a large snapshot in turns, under the id and as the text it had at once", async () => {
    // ~4 MiB of JSON: the id's text is hashed a MiB at a time (snapshot-id.ts).
    const Functions = Array.from({ length: 4_000 }, (_, i) => ({
      FunctionName: `f${i}`,
      FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:f${i}`,
      Description: "x".repeat(1_000),
    }));
    const snapshot = parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt: "2026-12-07T00:00:00Z", account: "123456789012", regions: { "us-east-1": { ListFunctions: { Functions } } } });
    const json = JSON.stringify(snapshot);
    expect(json.length).toBeGreaterThan(4 * 1024 * 1024);
    const store = createFileStore({ dir: dir() });
    await store.listSnapshots(); // the store opened first: its own start is not counted
    turns.count = 0;
    const { meta, duplicate } = await store.saveSnapshot(snapshot);
    expect(turns.count).toBeGreaterThanOrEqual(4);
    expect(duplicate).toBe(false);
    expect(meta.id).toBe(snapshotId(snapshot.capturedAt, json));
    expect(gunzipSync(readFileSync(join(dir(), "snapshots", `${meta.id}.json.gz`))).toString("utf8")).toBe(json);
  });
});
