/**
 * POST /api/can (the details panel's what-if box) on a copy of the demo whose version list lacks version 9, which
 * internal-reports:prod routes to: the same answers as `can` (lib/analysis/what-if.ts), unknown where unread.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { DEMO_SNAPSHOT, useDataDir } from "@/test/data-dir";

const REPORTS = "arn:aws:lambda:us-east-1:123456789012:function:internal-reports";
let POST: (r: NextRequest) => Promise<Response>;

/** The demo with version 9 of internal-reports left out of its version list, as a file in the test's directory. */
function demoWithoutVersion9(): string {
  const snapshot = JSON.parse(readFileSync(DEMO_SNAPSHOT, "utf8"));
  const listed = snapshot.regions["us-east-1"].ListVersionsByFunction[REPORTS];
  listed.Versions = listed.Versions.filter((v: { Version: string }) => v.Version !== "9");
  const file = path.join(dir, "demo-without-version-9.json");
  writeFileSync(file, JSON.stringify(snapshot));
  return file;
}
const dir = useDataDir("lpg-can-unlisted-", { demo: demoWithoutVersion9 });

beforeAll(async () => {
  ({ POST } = await import("./route"));
});

const post = async (body: unknown) => {
  const r = await POST(new NextRequest("http://localhost/api/can", { method: "POST", headers: { host: "localhost", "content-type": "application/json" }, body: JSON.stringify(body) }));
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
