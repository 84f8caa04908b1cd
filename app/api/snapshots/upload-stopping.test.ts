/**
 * POST /api/snapshots while the server stops (serve's Ctrl-C or SIGTERM): an upload whose body is still arriving, or
 * whose write has not begun, stores nothing and is answered so (503), and the server's log says it. The stop is the
 * process's (on globalThis) and for good: these tests have a file, and a process, of their own.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { cutShortStore, type CutShortStore } from "@/lib/store/cut-short-store";
import { getAppStore } from "@/lib/store/app-store";
import { settleWritesBeforeStop } from "@/lib/store/writes-in-flight";
import { UPLOAD_NOT_STORED } from "@/lib/store/interrupted";
import { POST } from "./route";

const bodyRead = vi.hoisted(() => ({ giveUpAtStop: true }));

vi.mock("@/lib/store/writes-in-flight", async (original) => {
  const real = await original<typeof import("@/lib/store/writes-in-flight")>();
  // Off: the body counts as received before the stop, so that the stop finds the upload at its write.
  return { ...real, unlessStopping: <T>(work: Promise<T>) => (bodyRead.giveUpAtStop ? real.unlessStopping(work) : work) };
});

let store: CutShortStore;
beforeAll(async () => {
  store = await cutShortStore();
});
afterAll(() => store.restore());

const snapshot = JSON.stringify({ format: "lambda-permissions-graph/snapshot@1", capturedAt: "2026-03-01T00:00:00Z", account: "123456789012", regions: {} });
const storedIds = async () => (await getAppStore().store.listSnapshots()).map((m) => m.id);

/** A raw upload whose body sends its first half, then waits for `rest` before the second. */
function arriving(rest: Promise<void>) {
  const bytes = new TextEncoder().encode(snapshot);
  let sent = 0;
  let pulled!: () => void;
  const reading = new Promise<void>((r) => (pulled = r));
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent === 0) {
        sent = 1;
        controller.enqueue(bytes.slice(0, bytes.length / 2));
        return;
      }
      pulled();
      await rest;
      controller.enqueue(bytes.slice(bytes.length / 2));
      controller.close();
    },
  });
  const request = new NextRequest("http://localhost/api/snapshots?name=account.json", {
    method: "POST",
    body,
    headers: { host: "localhost", "content-type": "application/json" },
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
  return { request, reading };
}

describe("POST /api/snapshots as the server stops", () => {
  it("answers an upload whose body is still arriving 503, stores nothing of it, and says so in the log", async () => {
    const before = await storedIds();
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let sendRest!: () => void;
    const { request, reading } = arriving(new Promise<void>((r) => (sendRest = r)));
    const answering = POST(request);
    await reading; // the route has the first half and waits for the rest
    await settleWritesBeforeStop(() => undefined);
    sendRest(); // the client goes on sending: too late, the upload was given up as the stop began
    const r = await answering;
    expect(r.status).toBe(503);
    expect((await r.json()).error).toBe("server is stopping, upload not stored: send it again once the server is back");
    expect(log).toHaveBeenCalledWith(UPLOAD_NOT_STORED);
    expect(await storedIds()).toEqual(before);
    log.mockRestore();
  });

  it("answers an upload received in full but not yet written when the stop began 503, storing nothing", async () => {
    bodyRead.giveUpAtStop = false;
    await settleWritesBeforeStop(() => undefined);
    const before = await storedIds();
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const r = await POST(new NextRequest("http://localhost/api/snapshots?name=account.json", { method: "POST", body: snapshot, headers: { host: "localhost", "content-type": "application/json" } }));
    expect(r.status).toBe(503);
    expect((await r.json()).error).toMatch(/^server is stopping, upload not stored/);
    expect(log).toHaveBeenCalledWith(UPLOAD_NOT_STORED);
    expect(await storedIds()).toEqual(before);
    log.mockRestore();
  });
});
