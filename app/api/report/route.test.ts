/** GET /api/report in each format of `analyze --format`, on the demo, with and without a suppressions file. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { reportFileName } from "@/lib/report-format/file-name";
import { formatSarif } from "@/lib/report-format/sarif";

const STORE = Symbol.for("lambda-permissions-graph.app-store");
const saved = { file: process.env.LPG_SNAPSHOT_FILE, suppressions: process.env.LPG_SUPPRESSIONS };
beforeAll(() => {
  process.env.LPG_SNAPSHOT_FILE = demoSnapshotPath();
  delete process.env.LPG_SUPPRESSIONS;
  delete (globalThis as Record<symbol, unknown>)[STORE];
});
afterAll(() => {
  for (const [key, value] of [["LPG_SNAPSHOT_FILE", saved.file], ["LPG_SUPPRESSIONS", saved.suppressions]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  delete (globalThis as Record<symbol, unknown>)[STORE];
});

async function get(query: string) {
  const { GET } = await import("./route");
  return GET(new NextRequest(`http://localhost/api/report${query}`, { headers: { host: "localhost" } }));
}

describe("GET /api/report", () => {
  it("answers JSON by default, inline", async () => {
    const r = await get("");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(r.headers.get("content-disposition")).toBeNull();
    const report = await r.json();
    expect(report.account).toBe("123456789012");
    expect(report.suppressed).toBeUndefined();
  });

  it("streams the JSON in pieces, not as one string: the same text as the report's JSON.stringify", async () => {
    const r = await get("");
    const reader = r.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(chunks.length).toBeGreaterThan(1);
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(JSON.parse(text).account).toBe("123456789012");
  });

  it.each([
    ["sarif", /^application\/sarif\+json$/, "sarif", (body: string) => expect(JSON.parse(body).version).toBe("2.1.0")],
    ["markdown", /^text\/markdown; charset=utf-8$/, "md", (body: string) => expect(body.split("\n")[0]).toBe("## Lambda Permissions Graph · account 123456789012")],
    ["text", /^text\/plain; charset=utf-8$/, "txt", (body: string) => expect(body.split("\n")[0]).toMatch(/^Account 123456789012 · captured /)],
  ])("answers %s as a file to save, named as the PNG of the same scan: account and capture time", async (format, type, ext, check) => {
    const r = await get(`?format=${format}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(type);
    expect(r.headers.get("x-snapshot-id")).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{12}$/);
    const { account, capturedAt } = await (await get("")).json();
    const png = reportFileName(account, capturedAt, "png");
    expect(png).toMatch(/^lambda-permissions-123456789012-\d{8}T\d{6}Z\.png$/);
    const name = png.replace(/\.png$/, `.${ext}`);
    expect(r.headers.get("content-disposition")).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
    check(await r.text());
  });

  it("streams the SARIF log in pieces: the text of the whole log, indented", async () => {
    const r = await get("?format=sarif");
    const reader = r.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(chunks.length).toBeGreaterThan(1);
    const report = await (await get("")).json();
    const whole = JSON.stringify(formatSarif(report, "lambda-permissions-123456789012.json"), null, 2);
    expect(Buffer.concat(chunks).equals(Buffer.from(whole))).toBe(true);
  });

  it.each(["sarif", "markdown", "text"])("refuses %s to a non-loopback Host in local mode, as the JSON, before reading the report", async (format) => {
    const { GET } = await import("./route");
    const r = await GET(new NextRequest(`http://lpg.example.com/api/report?format=${format}`, { headers: { host: "lpg.example.com" } }));
    expect(r.status).toBe(403);
    expect(r.headers.get("content-disposition")).toBeNull();
  });

  it("names the same SARIF artifact for every snapshot of the account: GitHub keeps an alert only while its file path does", async () => {
    const sarif = JSON.parse(await (await get("?format=sarif")).text());
    const uris = new Set(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    // Not the snapshot id, which changes with every scan: each upload would close every alert and open it anew.
    expect([...uris]).toEqual(["lambda-permissions-123456789012.json"]);
  });

  it("refuses a format given twice with different values: the overview reads the first, this route read the last", async () => {
    const r = await get("?format=json&format=sarif");
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: "invalid query", issues: ["format: given 2 different values; send one"] });
    expect((await get("?format=text&format=text")).headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("refuses a format it does not have, naming the ones it has", async () => {
    const r = await get("?format=xml");
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toContain("format must be json, sarif, markdown or text");
  });

  it("with LPG_SUPPRESSIONS, every format leaves the accepted findings out and lists them apart", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lpg-route-")), "s.json");
    writeFileSync(file, JSON.stringify({ suppressions: [{ rule: "public-invoke", function: "debug-echo", reason: "load test" }] }));
    process.env.LPG_SUPPRESSIONS = file;
    try {
      const report = await (await get("")).json();
      expect(report.suppressed.map((f: { rule: string }) => f.rule)).toEqual(["public-invoke"]);
      expect(report.findings.some((f: { rule: string; function?: string }) => f.rule === "public-invoke" && f.function?.endsWith(":debug-echo"))).toBe(false);
      expect(await (await get("?format=text")).text()).toContain("accepted: load test");
      expect(await (await get("?format=markdown")).text()).toContain("### Accepted (1, in the suppressions file)");
      const sarif = JSON.parse(await (await get("?format=sarif")).text());
      expect(sarif.runs[0].results.some((r: { ruleId: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }) => r.ruleId === "public-invoke" && r.locations[0]!.logicalLocations[0]!.fullyQualifiedName.endsWith(":debug-echo"))).toBe(false);
    } finally {
      delete process.env.LPG_SUPPRESSIONS;
    }
  });
});
