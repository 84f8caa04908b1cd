/**
 * The per-route rate limits of docs/deploy.md ("What the server sends and limits"): scan 5, upload 20 and the PNG
 * report 10 per minute (lib/http/rate-limit-hook.ts), /api/report 60 per minute, each route its own bucket, per
 * server in local mode. Called through the real route handlers with requests that pass the limit and then stop
 * early (wrong content type, empty upload, invalid query), so nothing is scanned, stored or rendered.
 * The clock is frozen (fake Date, installed before the limiter is loaded): the buckets refill only when the test
 * moves time, never because the machine was slow.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { MAX_LINK_VALUE } from "@/lib/view/graph-link";
import { DEMO_SNAPSHOT, useDataDir } from "@/test/data-dir";

// Outside a running Next server there is no request scope for connection() (the scan route awaits it after the limit).
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => undefined }));

type Handler = (r: NextRequest) => Promise<Response>;
useDataDir("lpg-rate-limits-", { demo: DEMO_SNAPSHOT });
const ORIGIN = "http://127.0.0.1:3000";
let scanPOST: Handler;
let uploadPOST: Handler;
let pngGET: Handler;
let reportGET: Handler;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-20T10:00:00Z") });
  for (const k of ["NEXTAUTH_SECRET", "LPG_USERS_FILE", "GITHUB_ID", "GOOGLE_ID", "OIDC_ISSUER", "LPG_ALLOW_UNAUTHENTICATED"]) delete process.env[k];
  ({ POST: scanPOST } = await import("./scan/route"));
  ({ POST: uploadPOST } = await import("./snapshots/route"));
  ({ GET: pngGET } = await import("./report.png/route"));
  ({ GET: reportGET } = await import("./report/route"));
});
afterAll(() => vi.useRealTimers());

const headers = { host: "127.0.0.1:3000" };
/** Passes the limit, then 415 (not JSON): no scan starts. */
const scan = () => scanPOST(new NextRequest(`${ORIGIN}/api/scan`, { method: "POST", headers: { ...headers, "content-type": "text/plain" }, body: "x" }));
/** Passes the limit, then 400 (an empty file): nothing is stored. */
const upload = () => uploadPOST(new NextRequest(`${ORIGIN}/api/snapshots?name=x.json`, { method: "POST", headers, body: "" }));
/** Passes the limit, then 400 (invalid query): nothing is rendered. */
/** An unknown parameter is ignored (as the page ignores it), so the PNG is refused by a value past the link limit. */
const png = () => pngGET(new NextRequest(`${ORIGIN}/api/report.png?sev=${"x".repeat(MAX_LINK_VALUE + 1)}`, { headers }));
const report = () => reportGET(new NextRequest(`${ORIGIN}/api/report?bogus=1`, { headers }));

async function statuses(call: () => Promise<Response>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call()).status);
  return out;
}

async function expectLimit(call: () => Promise<Response>, limit: number, passedStatus: number) {
  expect(await statuses(call, limit)).toEqual(Array(limit).fill(passedStatus));
  const refused = await call();
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect(refused.headers.get("ratelimit-limit")).toBe(String(limit));
  expect(await refused.json()).toEqual({ error: expect.stringMatching(/^too many requests: try again in \d+ s$/) });
}

describe("per-route rate limits (local mode: one bucket per route for the server)", () => {
  it("POST /api/scan: 5 per minute", async () => {
    await expectLimit(scan, 5, 415);
  });

  it("POST /api/snapshots (upload): 20 per minute", async () => {
    await expectLimit(upload, 20, 400);
  });

  it("GET /api/report.png: 10 per minute", async () => {
    await expectLimit(png, 10, 400);
  });

  it("GET /api/report has its own 60 per minute, not spent by the PNG renders above", async () => {
    await expectLimit(report, 60, 400);
  });

  it("the buckets refill with time: one more scan after 12 s (5 per minute), not before", async () => {
    expect((await scan()).status).toBe(429);
    vi.advanceTimersByTime(11_000);
    expect((await scan()).status).toBe(429);
    vi.advanceTimersByTime(1_000);
    expect((await scan()).status).toBe(415);
    expect((await scan()).status).toBe(429);
  });
});
