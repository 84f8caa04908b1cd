import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dashboardScanOptions, scanStatus, settleScanBeforeStop, startScan, waitForScan, type ScanRunner } from "./scan-job";
import { AwsCredentialsError } from "@/lib/aws/errors";
import { parseSnapshot } from "@/lib/snapshot/read";
import { getAppStore } from "@/lib/store/app-store";
import { trackWrite } from "@/lib/store/writes-in-flight";
import { lambdaError } from "@/test/aws-endpoint/lambda";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { withEnv } from "@/test/aws-endpoint/env";
import { forgetStop } from "@/test/not-stopping";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const root = path.resolve(__dirname, "../..");
const demo = parseSnapshot(readFileSync(path.join(root, "data/demo-snapshot.json")));
const serve = useLocalEndpoint();

/** A scan that reads the demo account at once, stamped `capturedAt` so its stored copy can be told apart. */
function scanOfDemo(capturedAt: string): ScanRunner {
  return async (opts) => {
    opts.onProgress?.({ regionsTotal: 1, regionsDone: 1, functionsTotal: 66, functionsDone: 66, calls: 200, errors: 0, retried: 0, accountWideDone: true });
    return { snapshot: { ...demo, capturedAt }, stats: { callsByOperation: {}, calls: 200, retried: 0, operations: [], durationMs: 1 } };
  };
}

/**
 * Holds the store's next snapshot write: `holding` settles once the write has begun, `written()` lets it go on.
 * Held as a write in flight, as the store's own writes are (writes-in-flight.ts), for a stop to wait for.
 */
function holdStoreWrite() {
  const { store } = getAppStore();
  const save = store.saveSnapshot.bind(store);
  let written!: () => void;
  const writing = new Promise<void>((r) => (written = r));
  let held!: () => void;
  const holding = new Promise<void>((r) => (held = r));
  const spy = vi.spyOn(store, "saveSnapshot").mockImplementation((s) =>
    trackWrite(async () => {
      held();
      await writing;
      return save(s);
    }),
  );
  return { holding, written, spy };
}

beforeAll(() => {
  process.env.LPG_DATA_DIR = mkdtempSync(path.join(tmpdir(), "lpg-scan-job-"));
  process.env.LPG_DEMO_SNAPSHOT = "/nonexistent";
});

describe("scan job", () => {
  it("coalesces concurrent starts into one scan and stores the result as the latest snapshot", async () => {
    let runs = 0;
    let finish!: () => void;
    const gate = new Promise<void>((r) => (finish = r));
    const runner: ScanRunner = async (opts) => {
      runs++;
      opts.onProgress?.({ regionsTotal: 2, regionsDone: 0, functionsTotal: 10, functionsDone: 4, calls: 12, errors: 0, retried: 0, accountWideDone: false });
      await gate;
      return { snapshot: { ...demo, capturedAt: "2026-11-28T12:00:00Z" }, stats: { callsByOperation: {}, calls: 12, retried: 0, operations: [], durationMs: 1 } };
    };
    const first = startScan(runner);
    const second = startScan(runner);
    expect(first.joined).toBe(false);
    expect(second.joined).toBe(true);
    expect(second.job.id).toBe(first.job.id);
    expect(scanStatus()?.progress.functionsDone).toBe(4);
    finish();
    const done = await waitForScan();
    expect(runs).toBe(1);
    expect(done?.status).toBe("succeeded");
    const latest = await getAppStore().store.getSnapshot("latest");
    expect(latest?.meta.id).toBe(done?.snapshotId);
    expect(latest?.snapshot.capturedAt).toBe("2026-11-28T12:00:00Z");
    // A new start after the end is a new scan.
    const third = startScan(runner);
    expect(third.joined).toBe(false);
    await waitForScan();
    expect(runs).toBe(2);
  });

  it("a credential problem ends the job as failed with the one-sentence message", async () => {
    startScan(async () => {
      throw new AwsCredentialsError("No AWS credentials found in the default credential chain: sign in, then scan again.");
    });
    const done = await waitForScan();
    expect(done?.status).toBe("failed");
    expect(done?.error).toBe("No AWS credentials found in the default credential chain: sign in, then scan again.");
  });

  it("counts failed calls only: versions the scan chose not to read and an account in no organization failed nothing", async () => {
    const errors = [
      { region: "us-east-1", operation: "GetPolicy", target: "arn:aws:lambda:us-east-1:123456789012:function:f:1", code: "NotRead", message: "not read" },
      { region: "us-east-1", operation: "GetPolicy", target: "arn:aws:lambda:us-east-1:123456789012:function:f:2", code: "NotRead", message: "not read" },
      { operation: "DescribeOrganization", target: "123456789012", code: "AWSOrganizationsNotInUseException", message: "not in an organization" },
      { region: "us-east-1", operation: "ListTags", target: "arn:aws:lambda:us-east-1:123456789012:function:f", code: "AccessDeniedException", message: "denied" },
    ];
    startScan(async () => ({ snapshot: { ...demo, errors }, stats: { callsByOperation: {}, calls: 4, retried: 0, operations: [], durationMs: 1 } }));
    const done = await waitForScan();
    expect(done?.status).toBe("succeeded");
    expect(done?.progress.errors).toBe(1); // the dashboard says "Scanned N functions, 1 call failed"
  });

  it("regions come from LPG_SCAN_REGIONS, else the configured region", () => {
    expect(dashboardScanOptions({})).toEqual({});
    expect(dashboardScanOptions({ LPG_SCAN_REGIONS: "all" })).toEqual({ regions: "all" });
    expect(dashboardScanOptions({ LPG_SCAN_REGIONS: "us-east-1, eu-west-1" })).toEqual({ regions: ["us-east-1", "eu-west-1"] });
  });

  it("LPG_SCAN_ORGANIZATIONS=off skips the organization's SCPs and RCPs, as the CLI's --no-organizations", () => {
    expect(dashboardScanOptions({ LPG_SCAN_ORGANIZATIONS: "off" })).toEqual({ organizations: false });
    expect(dashboardScanOptions({ LPG_SCAN_ORGANIZATIONS: " FALSE " })).toEqual({ organizations: false });
    expect(dashboardScanOptions({ LPG_SCAN_ORGANIZATIONS: "on" })).toEqual({});
    expect(dashboardScanOptions({})).toEqual({});
    expect(() => dashboardScanOptions({ LPG_SCAN_ORGANIZATIONS: "skip" })).toThrow(/LPG_SCAN_ORGANIZATIONS must be on or off \(got 'skip'\)/);
  });

  it("version policies come from LPG_SCAN_VERSION_POLICIES, as the CLI's --version-policies", () => {
    expect(dashboardScanOptions({ LPG_SCAN_VERSION_POLICIES: "all" })).toEqual({ versionPolicies: Infinity });
    expect(dashboardScanOptions({ LPG_SCAN_VERSION_POLICIES: " 5 " })).toEqual({ versionPolicies: 5 });
    expect(() => dashboardScanOptions({ LPG_SCAN_VERSION_POLICIES: "lots" })).toThrow(/LPG_SCAN_VERSION_POLICIES needs a number/);
  });

  it("a scan whose function listing was denied names the regions it could not list, not just 0 functions", async () => {
    const input = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
    await serve(input, {
      faults: { rewrite: (x) => (x.operation === "ListFunctions" ? lambdaError(403, "AccessDeniedException", "not authorized to perform: lambda:ListFunctions") : undefined) },
    });
    const restore = withEnv({ LPG_SCAN_REGIONS: "us-east-1,eu-west-1", LPG_SCAN_ORGANIZATIONS: "off" });
    try {
      startScan();
      const done = await waitForScan();
      expect(done?.status).toBe("succeeded");
      expect(done?.functions).toBe(0);
      expect(done?.unlistedRegions).toEqual(["eu-west-1", "us-east-1"]);
    } finally {
      restore();
    }
  });

  it("says while the snapshot is written to the store that it is, not the last region's progress", async () => {
    const { holding, written, spy } = holdStoreWrite();
    try {
      startScan(scanOfDemo("2026-11-28T13:00:00Z"));
      await holding;
      expect(scanStatus()?.status).toBe("running");
      expect(scanStatus()?.progress.storing).toBe(true);
      written();
      const done = await waitForScan();
      expect(done?.status).toBe("succeeded");
      expect(done?.progress.storing).toBeFalsy();
    } finally {
      spy.mockRestore();
    }
  });
});

describe("a server asked to stop during a scan (serve's Ctrl-C)", () => {
  const run = () => scanOfDemo("2026-11-28T14:00:00Z");
  // Each a server process of its own: a scan is started before the stop, which a stop begun earlier would refuse.
  beforeEach(forgetStop);

  it("lets the store's write finish, then says it was stored", async () => {
    const { store } = getAppStore();
    const { holding, written, spy } = holdStoreWrite();
    try {
      startScan(run());
      await holding;
      const said: string[] = [];
      const settled = settleScanBeforeStop((line) => said.push(line));
      await Promise.resolve();
      expect(said).toEqual(["Interrupted: finishing the write into the store first (interrupt again to stop at once)."]);
      written();
      await settled;
      const done = scanStatus();
      expect(done?.status).toBe("succeeded");
      expect(said[1]).toBe(`Interrupted: the snapshot was stored as ${done?.snapshotId} before stopping.`);
      expect((await store.getSnapshot(done!.snapshotId!))?.snapshot.capturedAt).toBe("2026-11-28T14:00:00Z");
    } finally {
      spy.mockRestore();
    }
  });

  it("says a scan still reading the account is not stored, without waiting for it, and then does not store it", async () => {
    const { store } = getAppStore();
    const before = await store.listSnapshots();
    let finish!: () => void;
    const gate = new Promise<void>((r) => (finish = r));
    startScan(async (opts) => {
      await gate;
      return scanOfDemo("2026-11-28T15:00:00Z")(opts);
    });
    const said: string[] = [];
    await settleScanBeforeStop((line) => said.push(line));
    expect(said).toEqual(["Interrupted: the snapshot was not stored. The scan running was still reading the account; the latest snapshot is the one before it."]);
    // Its reading ends while the server closes: a write begun now would be cut off by the exit, and belie the line.
    finish();
    const done = await waitForScan();
    expect(done).toMatchObject({ status: "failed", error: "Interrupted: the snapshot was not stored." });
    expect(await store.listSnapshots()).toEqual(before);
  });

  it("says nothing when no scan runs", async () => {
    const said: string[] = [];
    await settleScanBeforeStop((line) => said.push(line));
    expect(said).toEqual([]);
  });
});
