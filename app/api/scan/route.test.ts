/** POST /api/scan on a dashboard serving one file read-only (`serve FILE`). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { NextRequest } from "next/server";
import { scanStatus } from "@/lib/scan/scan-job";

let POST: (r: NextRequest) => Promise<Response>;

beforeAll(async () => {
  process.env.LPG_SNAPSHOT_FILE = path.resolve(__dirname, "../../../data/demo-snapshot.json");
  ({ POST } = await import("./route"));
});
afterAll(() => {
  delete process.env.LPG_SNAPSHOT_FILE;
});

describe("POST /api/scan in serve FILE mode", () => {
  it("is refused up front with 409 and a sentence saying why, and no scan starts", async () => {
    const r = await POST(
      new NextRequest("http://localhost/api/scan", { method: "POST", headers: { host: "localhost", "content-type": "application/json" }, body: "{}" }),
    );
    expect(r.status).toBe(409);
    expect((await r.json()).error).toMatch(/one file read-only \(serve FILE\), so it cannot scan/);
    expect(scanStatus()).toBeNull();
  });
});
