/**
 * GET /api/report.png with `compare=`: the scan compared with is checked and pinned before rendering (the render
 * itself is stubbed). A file of its own: the route's rate limit (10 a minute) leaves route.test.ts no request to spare.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { DEMO_SNAPSHOT, useDataDir } from "@/test/data-dir";

const rendered: string[] = [];
vi.mock("@/lib/report-png/render-server", () => ({
  ReportRenderError: class extends Error {},
  renderOrigin: () => "http://127.0.0.1:1",
  renderReportPng: async ({ path }: { path: string }) => (rendered.push(path), Buffer.from("png")),
}));

useDataDir("lpg-report-png-compare-", { demo: DEMO_SNAPSHOT });
let GET: (r: NextRequest) => Promise<Response>;

beforeAll(async () => {
  ({ GET } = await import("./route"));
});

const get = (qs: string) => GET(new NextRequest(`http://localhost/api/report.png?${qs}`, { headers: { host: "localhost" } }));

describe("GET /api/report.png?compare=", () => {
  it("refuses a scan to compare with that is not stored, instead of drawing the plain graph under a 200 as if nothing changed", async () => {
    rendered.length = 0;
    const r = await get("compare=20200101T000000Z-0123456789ab");
    expect(r.status).toBe(404);
    expect((await r.json()).error).toBe("the scan to compare with (20200101T000000Z-0123456789ab) is not stored");
    expect(rendered).toEqual([]);
  });

  it("pins compare=latest to the scan it names, as it pins the snapshot, so a scan stored mid-render changes nothing", async () => {
    rendered.length = 0;
    const r = await get("compare=latest");
    expect(r.status).toBe(200);
    const id = r.headers.get("x-snapshot-id");
    expect(id).toMatch(/-[0-9a-f]{12}$/);
    expect(new URLSearchParams(rendered[0]!.split("?")[1]).get("compare")).toBe(id);
  });
});
