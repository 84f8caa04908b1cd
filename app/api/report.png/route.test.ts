/** GET /api/report.png's checks before rendering (the render itself, headless Chromium, is stubbed here). */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { DEMO_SNAPSHOT, useDataDir } from "@/test/data-dir";
import { reportFileName } from "@/lib/report-format/file-name";
import { createRenderSlots, REPORT_RENDER_LIMITS } from "@/lib/report-png/render-slots";

const rendered: string[] = [];
// What a render does once counted: by default it returns at once; a test may make it wait.
const renderHook = vi.hoisted(() => ({ render: async (): Promise<Buffer> => Buffer.from("png") }));
vi.mock("@/lib/report-png/render-server", () => ({
  ReportRenderError: class extends Error {},
  renderOrigin: () => "http://127.0.0.1:1",
  renderReportPng: async ({ path }: { path: string }) => {
    rendered.push(path);
    return renderHook.render();
  },
}));

/** The demo snapshot's account (data/demo-snapshot.json). */
const ACCOUNT = "123456789012";
useDataDir("lpg-report-png-", { demo: DEMO_SNAPSHOT });
let GET: (r: NextRequest) => Promise<Response>;
let ordersProcessor: string;

beforeAll(async () => {
  ({ GET } = await import("./route"));
  const { loadReport } = await import("@/lib/store/app-store");
  const { graphIndexOf } = await import("@/lib/view/graph-view");
  const idx = graphIndexOf((await loadReport("latest"))!.report);
  ordersProcessor = idx.functions.find((n) => n.label === "orders-processor")!.id;
});

const get = (qs: string) => GET(new NextRequest(`http://localhost/api/report.png?${qs}`, { headers: { host: "localhost" } }));

describe("GET /api/report.png", () => {
  it("refuses a focus or node the snapshot does not have with 404, instead of drawing the unfocused graph", async () => {
    rendered.length = 0;
    for (const qs of ["focus=function%3Agone", `focus=${encodeURIComponent("x")}&node=function%3Agone`]) {
      const r = await get(qs);
      expect(r.status, qs).toBe(404);
      expect((await r.json()).error).toMatch(/has no node .*function:gone|has no node x/);
    }
    expect(rendered).toEqual([]);
  });

  it("takes a shared graph URL as it is: vp and q are accepted and left out of the rendered page; the download's name", async () => {
    rendered.length = 0;
    const r = await get(`focus=${encodeURIComponent(ordersProcessor)}&node=${encodeURIComponent(ordersProcessor)}&sev=high&vp=10,-20,0.75&q=orders`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("image/png");
    expect(rendered).toHaveLength(1);
    const params = new URLSearchParams(rendered[0]!.split("?")[1]);
    expect(params.get("focus")).toBe(ordersProcessor);
    expect(params.has("vp")).toBe(false);
    expect(params.has("q")).toBe(false);
    // Named as the page's "Export PNG" names the same view (account and capture time), not by snapshot id. (Asserted
    // here, not in a test of its own: the route's rate limit, 10 a minute, leaves no request to spare in this file.)
    const name = reportFileName(ACCOUNT, "2026-11-20T09:30:00Z", "png");
    expect(name).toBe(`lambda-permissions-${ACCOUNT}-20261120T093000Z.png`);
    expect(r.headers.get("content-disposition")).toBe(`inline; filename="${name}"; filename*=UTF-8''${name}`);
  });

  it("answers 503 with Retry-After and a one-line JSON error once two render and four wait, instead of queueing more", async () => {
    // The server's own limits, with renders that finish only when released (no browser).
    const withSlot = createRenderSlots(REPORT_RENDER_LIMITS);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    renderHook.render = () => withSlot(async () => (await released, Buffer.from("png")));
    try {
      const held = Array.from({ length: 6 }, () => get(""));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const refused = await get("");
      expect(refused.status).toBe(503);
      // About one render's time (render-slots.ts REPORT_RENDER_LIMITS): sooner, both renders would still run.
      expect(refused.headers.get("retry-after")).toBe("20");
      expect(refused.headers.get("cache-control")).toBe("no-store");
      const body = await refused.json();
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error).toMatch(/^the server is busy rendering reports \(2 running, 4 waiting\): try again shortly$/);
      release();
      expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      release();
      renderHook.render = async () => Buffer.from("png");
    }
  });
});
