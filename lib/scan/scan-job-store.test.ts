/** A dashboard scan whose store directory cannot be used: the job says what to fix, as the CLI and the upload do. */
import { describe, expect, it, vi } from "vitest";
import { parseSnapshot } from "@/lib/snapshot/read";
import { startScan, waitForScan } from "./scan-job";
import { useUnusableStore } from "@/test/unusable-store";

const dir = useUnusableStore("lpg-scan-store-");

describe("a dashboard scan that cannot be stored", () => {
  it("fails saying the scan was not stored and what to set; where is for the server's log", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const snapshot = parseSnapshot({ format: "lambda-permissions-graph/snapshot@1", capturedAt: "2026-03-01T00:00:00Z", account: "123456789012", regions: {} });
    startScan(async () => ({ snapshot, stats: { callsByOperation: {}, calls: 0, retried: 0, operations: [], durationMs: 1 } }));
    const done = await waitForScan();
    expect(done?.status).toBe("failed");
    expect(done?.error).toBe("The scan finished but was not stored: cannot store the snapshot in the data directory (ENOTDIR): set LPG_DATA_DIR to a directory the server can write; the server's log names the one it tried");
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`cannot store the snapshot in ${dir()} (ENOTDIR)`));
    log.mockRestore();
  });
});
