import { describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { checkUpload } from "./upload";
import { uploadLimitBytes } from "./upload-limit";
import { REDACTED } from "./redact";
import { MAX_JSON_CONTAINERS } from "./read";

const valid = {
  format: "lambda-permissions-graph/snapshot@1",
  capturedAt: "2026-01-01T00:00:00Z",
  account: "123456789012",
  regions: {
    "us-east-1": {
      ListFunctions: {
        Functions: [
          {
            FunctionName: "a",
            FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:a",
            Environment: { Variables: { DB_PASSWORD: "hunter2" } },
          },
        ],
      },
    },
  },
};
const bytes = (s: string) => new TextEncoder().encode(s);

describe("checkUpload", () => {
  it("refuses densely nested JSON before parsing it (memory bomb), with a clear 400", async () => {
    const dense = JSON.stringify(valid).replace(/}$/, `,"junk":[${"{},".repeat(MAX_JSON_CONTAINERS)}{}]}`);
    const r = await checkUpload(bytes(dense), "bomb.json");
    expect(r).toEqual({ ok: false, status: 400, error: expect.stringMatching(/^bomb\.json: holds more than 5,000,000 JSON objects and arrays/) });
  });

  it("refuses a gzip that decompresses to more than 100 times its size (gzip bomb) before holding it all", async () => {
    const padded = JSON.stringify({ ...valid, note: "a".repeat(60 * 1024 * 1024) });
    const gz = gzipSync(padded);
    expect(gz.length).toBeLessThan(200_000);
    const r = await checkUpload(gz, "bomb.json.gz");
    expect(r).toEqual({ ok: false, status: 400, error: expect.stringMatching(/^bomb\.json\.gz: decompresses to more than 100 times its \d+ KiB, where account snapshots compress about 10:1/) });
    // Up to 1 MiB of output the ratio is not asked (tiny files compress erratically); past it, it is.
    expect((await checkUpload(gzipSync(JSON.stringify({ ...valid, note: "a".repeat(2 * 1024 * 1024) })), "tiny-but-padded.json.gz")).ok).toBe(false);
    expect((await checkUpload(gzipSync(JSON.stringify({ ...valid, note: "a".repeat(512 * 1024) })), "small.json.gz")).ok).toBe(true);
  });

  it("refuses JSON nested deeper than any account's, which could be parsed but not stored or shown (stack overflow)", async () => {
    const deep = JSON.stringify(valid).replace(/}$/, `,"junk":${"[".repeat(10_000)}${"]".repeat(10_000)}}`);
    const r = await checkUpload(bytes(deep), "deep.json");
    expect(r).toEqual({ ok: false, status: 400, error: expect.stringMatching(/^deep\.json: nested more than 256 levels deep/) });
    // Brackets inside strings are text, not nesting: a policy string may hold any.
    const text = JSON.stringify({ ...valid, note: "[".repeat(10_000) });
    expect((await checkUpload(bytes(text), "text.json")).ok).toBe(true);
  });

  it("accepts JSON and gzipped JSON, with environment values redacted", async () => {
    for (const [data, name] of [[bytes(JSON.stringify(valid)), "s.json"], [gzipSync(JSON.stringify(valid)), "s.json.gz"]] as const) {
      const r = await checkUpload(data, name);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const fn = r.snapshot.regions["us-east-1"]?.ListFunctions?.Functions[0];
      expect(fn?.Environment?.Variables?.DB_PASSWORD).toBe(REDACTED);
      expect(JSON.stringify(r.snapshot)).not.toContain("hunter2");
    }
  });

  it.each([
    ["empty", bytes(""), "e.json", 400, /e\.json is empty/],
    ["not JSON", bytes("hello, world"), "notes.json", 400, /notes\.json: not valid JSON/],
    ["bad gzip", Uint8Array.from([0x1f, 0x8b, 1, 2, 3, 4]), "s.json.gz", 400, /not a valid gzip file/],
    ["named .gz, not gzip", bytes(JSON.stringify(valid)), "s.json.gz", 400, /named \.gz but is not gzip data/],
    ["wrong format", bytes(JSON.stringify({ format: "something-else@2" })), "x.json", 400, /not a Lambda Permissions Graph snapshot/],
    ["no format", bytes("[1,2]"), "x.json", 400, /expected a JSON object/],
    [
      "schema error with its path",
      // Not a list entry or a per-resource answer, which the reader sets aside instead (salvage.test.ts).
      bytes(JSON.stringify({ ...valid, sts: { GetCallerIdentity: { Arn: 7 } } })),
      "x.json",
      400,
      /invalid snapshot: sts\.GetCallerIdentity\.Arn/,
    ],
  ])("rejects %s with a clear message", async (_, data, name, status, message) => {
    const r = await checkUpload(data, name);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status).toBe(status);
    expect(r.error).toMatch(message);
  });

  it("hands the event loop back while it reads a file, so the server answers others meanwhile", async () => {
    const functions = Array.from({ length: 2_000 }, (_, i) => ({ FunctionName: `f${i}`, FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:f${i}` }));
    const large = bytes(JSON.stringify({ ...valid, regions: { "us-east-1": { ListFunctions: { Functions: functions } } } }));
    let turns = 0;
    let checking = true;
    const turn = () => {
      turns += 1;
      if (checking) setImmediate(turn);
    };
    setImmediate(turn);
    const r = await checkUpload(large, "large.json");
    checking = false;
    expect(r.ok).toBe(true);
    // The reader's steps: text, the nesting scan, JSON.parse, redaction, the shape check.
    expect(turns).toBeGreaterThanOrEqual(4);
  });

  it("refuses files above the limit before parsing them", async () => {
    const r = await checkUpload(bytes("x".repeat(2048)), "big.json", 1024);
    expect(r).toEqual({ ok: false, status: 413, error: expect.stringMatching(/big\.json is .* MB; the upload limit is .* MB/) });
  });

  it("reads the limit from LPG_UPLOAD_MAX_MB, falling back to 50 MB on nonsense", () => {
    expect(uploadLimitBytes({})).toBe(50 * 1024 * 1024);
    expect(uploadLimitBytes({ LPG_UPLOAD_MAX_MB: "2" })).toBe(2 * 1024 * 1024);
    expect(uploadLimitBytes({ LPG_UPLOAD_MAX_MB: "lots" })).toBe(50 * 1024 * 1024);
    expect(uploadLimitBytes({ LPG_UPLOAD_MAX_MB: "-1" })).toBe(50 * 1024 * 1024);
  });
});
