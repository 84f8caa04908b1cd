/**
 * GET /api/report.png with `compare=`: the scan compared with is checked and pinned before rendering (the render
 * itself is stubbed). A file of its own: the route's rate limit (10 a minute) leaves route.test.ts no request to spare.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";

const rendered: string[] = [];
vi.mock("@/lib/report-png/render-server", () => ({
  ReportRenderError: class extends Error {},
  renderOrigin: () => "http://127.0.0.1:1",
  renderReportPng: async ({ path }: { path: string }) => (rendered.push(path), Buffer.from("png")),
}));

const dir = mkdtempSync(path.join(tmpdir(), "lpg-report-png-compare-"));
let GET: (r: NextRequest) => Promise<Response>;

beforeAll(async () => {
  process.env.LPG_DATA_DIR = dir;
  process.env.LPG_DEMO_SNAPSHOT = path.resolve(__dirname, "../../../data/demo-snapshot.json");
  delete process.env.LPG_SNAPSHOT_FILE;
  ({ GET } = await import("./route"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
