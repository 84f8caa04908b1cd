/**
 * POST /api/scan once the server began to stop (serve's Ctrl-C or SIGTERM): refused with 503 before the account is
 * read, since its snapshot could not be stored. The stop is the process's (on globalThis) and for good: these tests
 * have a file, and a process, of their own.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { scanStatus, settleScanBeforeStop } from "@/lib/scan/scan-job";
import { POST } from "./route";

const collector = vi.hoisted(() => ({ scanAccount: vi.fn() }));
// Outside a request, connection() has no request to wait for.
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), connection: async () => undefined }));
vi.mock("@/lib/aws/collect", async (original) => ({ ...(await original<typeof import("@/lib/aws/collect")>()), scanAccount: collector.scanAccount }));

const scanRequest = () =>
  new NextRequest("http://localhost/api/scan", { method: "POST", headers: { host: "localhost", "content-type": "application/json" }, body: "{}" });

describe("POST /api/scan as the server stops", () => {
  it("is refused with 503 and a sentence saying so, before any call to the account, and no job starts", async () => {
    await settleScanBeforeStop(() => undefined);
    const r = await POST(scanRequest());
    expect(r.status).toBe(503);
    expect((await r.json()).error).toBe("server is stopping, scan not started: start it again once the server is back");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(collector.scanAccount).not.toHaveBeenCalled();
    expect(scanStatus()).toBeNull();
  });
});
