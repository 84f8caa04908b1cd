/**
 * Every answer of the dashboard server carries the security headers, also when Next fails: a route handler or page
 * that throws (Next answers an empty 500 itself) and an error escaping Next's handler (the server answers it).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SECURITY_HEADERS } from "@/lib/security/headers.mjs";
import { dashboardListener } from "./dashboard-server";

type Handle = Parameters<typeof dashboardListener>[0];

let server: http.Server | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** The dashboard's listener around `handle` in place of Next's, asked GET `path`. */
async function answerOf(handle: Handle, path = "/api/graph"): Promise<http.IncomingMessage & { body: string }> {
  server = http.createServer(dashboardListener(handle, 1024));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve(Object.assign(res, { body })));
      })
      .on("error", reject);
  });
}

function expectSecurityHeaders(res: http.IncomingMessage, what: string): void {
  for (const { key, value } of SECURITY_HEADERS) expect(res.headers[key.toLowerCase()], `${what}: ${key}`).toBe(value);
}

describe("the dashboard server when a request fails inside Next", () => {
  it("Next's own 500 for a route that throws carries the security headers", async () => {
    // As Next answers a route handler's or a page's throw: status and an empty body, no headers of its own.
    const res = await answerOf(async (_req, r) => {
      r.statusCode = 500;
      r.end();
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).toBe("");
    expectSecurityHeaders(res, "Next's crash answer");
  });

  it("an error escaping Next is an empty 500 with the headers of the server's own answers", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await answerOf(async () => {
      throw new Error("route crashed");
    }, "/api/graph?snapshot=secret");
    expect(res.statusCode).toBe(500);
    expect(res.body).toBe("");
    expectSecurityHeaders(res, "an escaped error");
    expect(res.headers["content-security-policy"]).toMatch(/default-src 'none'/);
    expect(res.headers["cache-control"]).toBe("private, no-store");
    expect(logged).toHaveBeenCalledOnce();
    expect(String(logged.mock.calls[0]?.[0])).toBe("request GET /api/graph failed:");
  });

  it("a header Next sets for an answer is Next's, not replaced", async () => {
    const res = await answerOf(async (_req, r) => {
      r.setHeader("X-Frame-Options", "SAMEORIGIN");
      r.end("ok");
    });
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("JSON answers carry no control a terminal obeys", () => {
  // A Sid as a crafted policy could hold it: CSI "clear screen", an OSC retitling the terminal, DEL.
  const SID = "x\u009b2J\u009d0;owned\u0007\u007fy";
  const escaped = String.raw`x\u009b2J\u009d0;owned\u0007\u007fy`;

  it.each(["application/json", "application/sarif+json"])("%s: DEL and C1 controls are escapes, the value the same", async (type) => {
    const body = Buffer.from(JSON.stringify({ Sid: SID, note: "ünï · ✓" }), "utf8");
    const res = await answerOf(async (_req, r) => {
      r.setHeader("content-type", type);
      r.setHeader("content-length", String(body.length));
      r.flushHeaders();
      // A byte at a time: every character cut somewhere, a control and a three-byte ✓ too, must come out whole.
      for (let i = 0; i < body.length - 1; i++) r.write(new Uint8Array(body.subarray(i, i + 1)));
      r.end(new Uint8Array(body.subarray(body.length - 1)));
    });
    expect(res.body).not.toMatch(/[\u007f-\u009f]/);
    expect(res.body).toContain(escaped);
    expect(JSON.parse(res.body)).toEqual({ Sid: SID, note: "ünï · ✓" });
  });

  it("a JSON answer in one piece: escaped too", async () => {
    const res = await answerOf(async (_req, r) => {
      r.writeHead(200, { "content-type": "application/json" });
      r.end(JSON.stringify([SID]));
    });
    expect(res.body).toBe(`["${escaped}"]`);
  });

  it("other answers are sent as written (a text report escapes its own)", async () => {
    const res = await answerOf(async (_req, r) => {
      r.setHeader("content-type", "text/plain; charset=utf-8");
      r.end(SID);
    });
    expect(res.body).toBe(SID);
  });
});
