/**
 * POST /api/can (the details panel's what-if box) on a copy of the demo whose version list lacks version 9, which
 * internal-reports:prod routes to: the same answers as `can` (lib/analysis/what-if.ts), unknown where unread.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";

const dir = mkdtempSync(path.join(tmpdir(), "lpg-can-unlisted-"));
const REPORTS = "arn:aws:lambda:us-east-1:123456789012:function:internal-reports";
let POST: (r: NextRequest) => Promise<Response>;

beforeAll(async () => {
  const snapshot = JSON.parse(readFileSync(path.resolve(__dirname, "../../../data/demo-snapshot.json"), "utf8"));
  const listed = snapshot.regions["us-east-1"].ListVersionsByFunction[REPORTS];
  listed.Versions = listed.Versions.filter((v: { Version: string }) => v.Version !== "9");
  const file = path.join(dir, "demo-without-version-9.json");
  writeFileSync(file, JSON.stringify(snapshot));
  process.env.LPG_DATA_DIR = path.join(dir, "store");
  process.env.LPG_DEMO_SNAPSHOT = file;
  delete process.env.LPG_SNAPSHOT_FILE;
  ({ POST } = await import("./route"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const post = async (body: unknown) => {
  const r = await POST(new NextRequest("http://localhost/api/can", { method: "POST", headers: { host: "localhost" }, body: JSON.stringify(body) }));
  expect(r.status).toBe(200);
  return r.json();
};

describe("POST /api/can on a version the snapshot's version list lacks", () => {
  it("as the resource: conditional, naming the version and the alias that routes to it", async () => {
    const a = await post({ principal: "checkout-api", action: "lambda:InvokeFunction", resource: `${REPORTS}:9` });
    expect(a.decision).toBe("conditional");
    expect(a.reasons).toContainEqual(expect.stringContaining("since version 9 (alias prod) is not in ListVersionsByFunction's result"));
  });

  it("as the principal (the box's run-as choice): an unknown role, never the current one", async () => {
    const a = await post({ principal: `${REPORTS}:prod`, action: "s3:GetObject", resource: "arn:aws:s3:::acme-reports-prod/q4.csv" });
    expect(a).toMatchObject({ decision: "conditional", principal: { role: "" } });
    expect(a.reasons).toContainEqual(expect.stringContaining("of internal-reports:prod runs as the role it was published with, unknown because the function's version list in the snapshot does not hold it: its answer is unknown"));
  });
});
