/**
 * What `scan` says at its end, in this process (cli/main.ts `main`) against the local endpoint: when the store
 * already holds the snapshot it read, when a region's functions could not be listed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { lambdaError } from "@/test/aws-endpoint/lambda";
import { withEnv } from "@/test/aws-endpoint/env";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { runCliInProcess as run } from "./test-support";

const root = path.resolve(__dirname, "..");
const demo = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const serve = useLocalEndpoint();
const appStoreKey = Symbol.for("lambda-permissions-graph.app-store");

let restoreEnv: () => void;
beforeEach(() => {
  restoreEnv = withEnv({ LPG_DATA_DIR: mkdtempSync(path.join(tmpdir(), "lpg-scan-store-")), LPG_DEMO_SNAPSHOT: "/nonexistent" });
  delete (globalThis as Record<symbol, unknown>)[appStoreKey];
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete (globalThis as Record<symbol, unknown>)[appStoreKey];
  restoreEnv();
});

describe("scan into the store", () => {
  it("says so when the store already held the same snapshot, instead of claiming to have stored it", async () => {
    await serve(demo);
    // The same capture second for both scans (a snapshot's capturedAt is in whole seconds): the same account read
    // twice within one second is the same snapshot, which the store keeps once.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-05T12:00:00Z") });
    const args = ["scan", "--regions", "us-east-1", "--no-organizations"];
    const first = await run(args);
    expect(first.code).toBe(0);
    const id = first.stdout.trim();
    expect(first.stderr).toContain(`Stored as snapshot ${id}; the dashboard shows it as the latest.\n`);
    const second = await run(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(`${id}\n`);
    expect(second.stderr).not.toContain("Stored as");
    expect(second.stderr).toContain(`Already stored as snapshot ${id} (the same snapshot, read in the same second): nothing new was stored.\n`);
  });
});

describe("the summary", () => {
  it("does not count a region whose functions could not be listed as one without functions", async () => {
    await serve(demo, {
      faults: { rewrite: (x) => (x.operation === "ListFunctions" && x.region === "eu-west-1" ? lambdaError(503, "ServiceException", "Service unavailable") : undefined) },
    });
    const r = await run(["scan", "--regions", "us-east-1,eu-west-1", "--no-organizations", "--out", "-"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Scanned account 123456789012: 66 functions in 2 region\(s\) \(the function list of eu-west-1 is incomplete\), /);
  });
});
