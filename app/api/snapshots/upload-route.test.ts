/** POST /api/snapshots, the upload route, on a store of its own. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { cutShortStore, type CutShortStore } from "@/lib/store/cut-short-store";
import { getAppStore } from "@/lib/store/app-store";
import { POST } from "./route";

let store: CutShortStore;
beforeAll(async () => {
  store = await cutShortStore();
});
afterAll(() => store.restore());

let day = 0;
/** A new snapshot each time (the store answers a repeat as a duplicate). */
const snapshot = (regions = {}) => JSON.stringify({ format: "lambda-permissions-graph/snapshot@1", capturedAt: `2026-03-${String(++day).padStart(2, "0")}T00:00:00Z`, account: "123456789012", regions });

/** A multipart upload of the snapshot, with the Content-Type header spelled as given. */
async function upload(spell: (type: string) => string, text = snapshot()) {
  const form = new FormData();
  form.append("file", new File([text], "account.json", { type: "application/json" }));
  const framed = new Request("http://localhost/api/snapshots", { method: "POST", body: form });
  const type = framed.headers.get("content-type")!;
  const body = new Uint8Array(await framed.arrayBuffer());
  return POST(new NextRequest("http://localhost/api/snapshots", { method: "POST", body, headers: { host: "localhost", "content-type": spell(type) } }));
}

describe("POST /api/snapshots", () => {
  it("stores a multipart upload, having set nothing aside", async () => {
    const r = await upload((t) => t);
    expect(r.status).toBe(201);
    expect((await r.json()).setAside).toEqual({ count: 0, entries: [] });
  });

  it("answers the second of two identical uploads at once as already stored, as it answers a repeat later", async () => {
    const text = snapshot();
    const both = await Promise.all([upload((t) => t, text), upload((t) => t, text)]);
    const answers = await Promise.all(both.map(async (r) => ({ status: r.status, body: await r.json() })));
    expect(answers.map((a) => [a.status, a.body.duplicate]).sort()).toEqual([[200, true], [201, false]]);
    expect(answers[0]?.body.snapshot.id).toBe(answers[1]?.body.snapshot.id);
    const later = await upload((t) => t, text);
    expect([later.status, (await later.json()).duplicate]).toEqual([200, true]);
  });

  it("says which malformed entries it set aside to store the file, the first 20 and how many", async () => {
    const arn = (i: number) => `arn:aws:lambda:us-east-1:123456789012:function:f${i}`;
    const Functions = Array.from({ length: 25 }, (_, i) => ({ FunctionName: 42, FunctionArn: arn(i) }));
    const r = await upload((t) => t, snapshot({ "us-east-1": { ListFunctions: { Functions } } }));
    expect(r.status).toBe(201);
    const { setAside } = await r.json();
    expect(setAside.count).toBe(25);
    expect(setAside.entries).toHaveLength(20);
    expect(setAside.entries[0]).toEqual({
      field: "regions.us-east-1.ListFunctions.Functions.0",
      target: arn(0),
      message: expect.stringMatching(/^Functions\.0\.FunctionName: /),
    });
  });

  // The store gzips what it keeps: a plain upload this compressible was stored at over 100:1, which the reader then
  // took for a gzip bomb, so the user was told "Stored" of a snapshot that never opened.
  it("stores a very compressible plain upload so that it opens", async () => {
    const Description = "x".repeat(2 * 1024 * 1024);
    const Functions = [{ FunctionName: "f", FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", Description }];
    const r = await upload((t) => t, snapshot({ "us-east-1": { ListFunctions: { Functions } } }));
    expect(r.status).toBe(201);
    const stored = await getAppStore().store.getSnapshot((await r.json()).snapshot.id);
    expect(stored?.snapshot.regions["us-east-1"]?.ListFunctions?.Functions[0]?.Description).toBe(Description);
  });

  // Media types are case-insensitive (RFC 9110 §8.3.1): read as raw JSON, the multipart framing was "not valid JSON".
  it("reads the form whatever the case of its media type", async () => {
    const r = await upload((t) => t.replace("multipart/form-data", "Multipart/Form-Data"));
    expect(r.status, JSON.stringify(await r.clone().json())).toBe(201);
  });

  // Next cuts a chunked body at its proxy limit (LPG_UPLOAD_MAX_MB + 1 MB): what reaches the route is that long.
  it("answers a body of the proxy's whole limit, which was cut there, with 413, not 'not a valid form'", async () => {
    const saved = process.env.LPG_UPLOAD_MAX_MB;
    process.env.LPG_UPLOAD_MAX_MB = "1";
    try {
      const body = new Uint8Array(2 * 1024 * 1024).fill(0x20);
      const r = await POST(new NextRequest("http://localhost/api/snapshots", { method: "POST", body, headers: { host: "localhost", "content-type": "multipart/form-data; boundary=x" } }));
      expect(r.status).toBe(413);
      expect((await r.json()).error).toMatch(/^the upload is more than 2(\.0)? MB; the upload limit is 1(\.0)? MB/);
    } finally {
      if (saved === undefined) delete process.env.LPG_UPLOAD_MAX_MB;
      else process.env.LPG_UPLOAD_MAX_MB = saved;
    }
  });
});
