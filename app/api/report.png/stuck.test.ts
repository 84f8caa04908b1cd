/**
 * GET /api/report.png when a render never finishes (a layout stuck in the page): the route's answer, and the render
 * slots given back. The render is a stub that never ends, run in the server's own slots with a short bound. A file of
 * its own: the route's rate limit (10 a minute) leaves route.test.ts no request to spare.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { DEMO_SNAPSHOT, useDataDir } from "@/test/data-dir";
import { createRenderSlots, REPORT_RENDER_LIMITS } from "@/lib/report-png/render-slots";

/** The server's limits with the bound a test sets: its renders run in these slots. */
const slotsWithBound = (renderMs: number) => createRenderSlots({ ...REPORT_RENDER_LIMITS, renderMs });
// The stop signal each render was handed: set once the render was told to stop its page.
const stops: AbortSignal[] = [];
const renderHook = vi.hoisted(() => ({ stuck: true, withSlot: undefined as unknown as ReturnType<typeof slotsWithBound> }));
vi.mock("@/lib/report-png/render-server", () => ({
  ReportRenderError: class extends Error {},
  renderOrigin: () => "http://127.0.0.1:1",
  renderReportPng: ({ signal }: { signal?: AbortSignal }) =>
    renderHook.withSlot((stop) => {
      stops.push(stop);
      return renderHook.stuck ? new Promise<Buffer>(() => {}) : Promise.resolve(Buffer.from("png"));
    }, signal),
}));

useDataDir("lpg-report-png-stuck-", { demo: DEMO_SNAPSHOT });
let GET: (r: NextRequest) => Promise<Response>;

beforeAll(async () => {
  ({ GET } = await import("./route"));
});

const get = (signal?: AbortSignal) => GET(new NextRequest("http://localhost/api/report.png", { headers: { host: "localhost" }, signal }));

/** Both slots (REPORT_RENDER_LIMITS.running) taken and given back: the next render gets one and answers 200. */
async function expectSlotsFree() {
  renderHook.stuck = false;
  try {
    const r = await get();
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("image/png");
  } finally {
    renderHook.stuck = true;
  }
}

describe("GET /api/report.png with a render that never finishes", () => {
  it("answers 504 saying what did not finish and what to do, stops the render and frees its slot", async () => {
    // A bound of 200 ms, so the stuck renders' time is up within the test.
    renderHook.withSlot = slotsWithBound(200);
    stops.length = 0;
    const answers = await Promise.all([get(), get()]);
    for (const r of answers) {
      expect(r.status).toBe(504);
      expect(r.headers.get("cache-control")).toBe("no-store");
      const body = await r.json();
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error).toMatch(/^the report did not finish rendering in 0 s: the graph's layout or drawing took too long and was stopped; draw fewer nodes \(filter by sev, rule, who, .*focus one node\) and try again$/);
    }
    expect(stops.map((s) => s.aborted)).toEqual([true, true]);
    await expectSlotsFree();
  });

  it("stops the render of a request aborted mid-render (the client went away) and frees its slot", async () => {
    // A bound the test never reaches: only the abort can stop these renders.
    renderHook.withSlot = slotsWithBound(10 * 60_000);
    stops.length = 0;
    const clients = [new AbortController(), new AbortController()];
    const answers = clients.map((c) => get(c.signal));
    // Both renders have their slot and run (after the route has read the demo: slow on a loaded machine).
    await vi.waitFor(() => expect(stops).toHaveLength(2), { timeout: 100_000 });
    for (const c of clients) c.abort();
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual([499, 499]);
    expect(stops.map((s) => s.aborted)).toEqual([true, true]);
    await expectSlotsFree();
  });
});
