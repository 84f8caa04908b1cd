/**
 * Defence in depth behind proxy.ts: every API route handler found under app/ checks access itself. Asked in local
 * mode through a non-loopback Host (what proxy.ts refuses first), each one refuses too, before touching any data.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { isPublicPath } from "./access";
import { listAppRoutes } from "./app-routes";

const root = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "lpg-route-guards-"));
const api = listAppRoutes(root).filter((r) => r.kind === "api" && !isPublicPath(r.samplePath));

beforeAll(() => {
  process.env.LPG_DATA_DIR = dir;
  process.env.LPG_DEMO_SNAPSHOT = path.join(root, "data/demo-snapshot.json");
  delete process.env.LPG_SNAPSHOT_FILE;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("API route handlers repeat the access check", () => {
  it("finds the API routes", () => {
    expect(api.length).toBeGreaterThanOrEqual(8);
  });

  it.each(api.map((r) => [r.pattern, r] as const))("%s refuses a non-loopback Host in local mode", async (_pattern, route) => {
    const mod = (await import(path.join(root, route.file))) as Record<string, unknown>;
    const handlers = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function");
    expect(handlers.length).toBeGreaterThan(0);
    for (const method of handlers) {
      const request = new NextRequest(`http://lpg.example.com${route.samplePath}`, {
        method,
        headers: { host: "lpg.example.com", "content-type": "application/json" },
        ...(method === "GET" ? {} : { body: "{}" }),
      });
      const res = (await (mod[method] as (r: NextRequest) => Promise<Response>)(request)) as Response;
      expect(res.status, `${method} ${route.pattern}`).toBe(403);
    }
  });
});
