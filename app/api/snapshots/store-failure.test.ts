/** /api/snapshots on a data directory the server cannot use (LPG_DATA_DIR wrong, not writable): a sentence, not a crash. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { GET, POST } from "./route";
import { useUnusableStore } from "@/test/unusable-store";

const dir = useUnusableStore("lpg-store-failure-");

afterEach(() => vi.restoreAllMocks());

const snapshot = JSON.stringify({ format: "lambda-permissions-graph/snapshot@1", capturedAt: "2026-03-01T00:00:00Z", account: "123456789012", regions: {} });

describe("/api/snapshots when the store's directory cannot be used", () => {
  it("answers an upload with what to fix, having stored nothing; the path is for the server's log, not the user", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const r = await POST(new NextRequest("http://localhost/api/snapshots?name=account.json", { method: "POST", body: snapshot, headers: { host: "localhost", "content-type": "application/json" } }));
    expect(r.status).toBe(500);
    expect((await r.json()).error).toBe("not stored: cannot store the snapshot in the data directory (ENOTDIR): set LPG_DATA_DIR to a directory the server can write; the server's log names the one it tried");
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`cannot store the snapshot in ${dir()} (ENOTDIR)`));
  });

  it("answers the list with the same reason", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const r = await GET(new NextRequest("http://localhost/api/snapshots", { headers: { host: "localhost" } }));
    expect(r.status).toBe(500);
    const body = JSON.stringify(await r.json());
    expect(JSON.parse(body).error).toBe("cannot read the snapshot store in the data directory (ENOTDIR): set LPG_DATA_DIR to a directory the server can write; the server's log names the one it tried");
    expect(body).not.toContain(dir());
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`cannot read the snapshot store in ${dir()} (ENOTDIR)`));
  });
});
