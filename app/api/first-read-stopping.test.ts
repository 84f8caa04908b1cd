/**
 * The API on an empty store first read once the server began to stop (serve's Ctrl-C or SIGTERM): its first read
 * imports the bundled demo, a write the stop refuses. Each route answers 503 saying so, not a bare 500 (nor an empty
 * store the next start would not show), and nothing is written. The stop is the process's (on globalThis) and for
 * good: these tests have a file, and a process, of their own.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { stopBeforeFirstRead } from "@/test/stopped-empty-store";

const dir = mkdtempSync(path.join(tmpdir(), "lpg-first-read-stopping-"));
const store = path.join(dir, "store");

stopBeforeFirstRead(store, dir);

const request = (url: string, init: { method?: string; body?: string } = {}) =>
  new NextRequest(`http://localhost${url}`, { ...init, headers: { host: "localhost", "content-type": "application/json" } });

const routes: [string, () => Promise<Response>][] = [
  ["GET /api/snapshots", async () => (await import("./snapshots/route")).GET(request("/api/snapshots"))],
  ["GET /api/graph", async () => (await import("./graph/route")).GET(request("/api/graph"))],
  ["GET /api/report", async () => (await import("./report/route")).GET(request("/api/report"))],
  ["GET /api/snapshots/diff", async () => (await import("./snapshots/diff/route")).GET(request("/api/snapshots/diff?from=latest&to=latest"))],
  [
    "POST /api/can",
    async () =>
      (await import("./can/route")).POST(
        request("/api/can", { method: "POST", body: JSON.stringify({ principal: "checkout-api", action: "lambda:InvokeFunction", resource: "checkout-api" }) }),
      ),
  ],
];

describe("an empty store first read as the server stops", () => {
  it.each(routes)("%s answers 503 saying the demo could not be imported, writing nothing", async (_, answer) => {
    const r = await answer();
    expect(r.status).toBe(503);
    expect((await r.json()).error).toBe("server is stopping, the empty snapshot store could not import the demo snapshot: ask again once the server is back");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(readdirSync(path.join(store, "snapshots"))).toEqual([]);
  });
});
