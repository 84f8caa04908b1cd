/** GET /api/analysis on the demo: nothing running, then the step reached while it is analysed, then ready; never starts one. */
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { useSnapshotFile } from "@/test/serve-snapshot-file";

useSnapshotFile();

async function get(query = "") {
  const { GET } = await import("./route");
  return GET(new NextRequest(`http://localhost/api/analysis${query}`, { headers: { host: "localhost" } }));
}

describe("GET /api/analysis", () => {
  it("answers not ready without starting an analysis, the step while one runs, then ready", async () => {
    const { getAppStore, loadReport } = await import("@/lib/store/app-store");
    expect(await (await get()).json()).toEqual({ ready: false, progress: null });
    expect(getAppStore().reports.analyses).toBe(0);

    const loading = loadReport("latest");
    let body: { ready: boolean; progress: { done: number; total: number; step: string } | null } = { ready: false, progress: null };
    for (let i = 0; i < 10_000 && !body.progress; i++) {
      await new Promise((r) => setImmediate(r));
      body = await (await get()).json();
    }
    expect(body.ready).toBe(false);
    expect(body.progress?.total).toBeGreaterThan(4);
    expect(body.progress?.done).toBeLessThan(body.progress!.total);
    expect(typeof body.progress?.step).toBe("string");

    await loading;
    expect(await (await get("?snapshot=latest")).json()).toEqual({ ready: true, progress: null });
    expect(getAppStore().reports.analyses).toBe(1);
  });

  it("refuses a parameter it does not read", async () => {
    expect((await get("?snapshot=latest&q=x")).status).toBe(400);
  });
});
