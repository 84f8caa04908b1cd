/**
 * Every answer of the dashboard server carries the security headers, also when Next fails: a route handler or page
 * that throws (Next answers an empty 500 itself) and an error escaping Next's handler (the server answers it).
 */
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SECURITY_HEADERS } from "@/lib/security/headers.mjs";
import { dashboardHttpServer, dashboardListener } from "./dashboard-server";

type Handle = Parameters<typeof dashboardListener>[0];

let server: http.Server | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** The dashboard's server around `handle` in place of Next's, listening; answers its port. */
async function listen(handle: Handle): Promise<number> {
  server = dashboardHttpServer(handle, 1024);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * What the server answers `chunks`, written one after another on one connection, until it closes the connection; a
 * chunk after `awaiting` is written once the answer so far ends with it.
 */
async function rawAnswer(port: number, chunks: string[], awaiting?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = "";
    let answered = () => {};
    const socket = net.connect(port, "127.0.0.1", async () => {
      for (const chunk of chunks) {
        if (chunk === awaiting) await new Promise<void>((r) => (answered = r));
        else await new Promise<void>((written) => socket.write(chunk, () => written()));
      }
    });
    socket.on("data", (d: Buffer) => {
      answer += d.toString("utf8");
      if (awaiting !== undefined && answer.endsWith(awaiting)) answered();
    });
    socket.on("close", () => resolve(answer));
    // The server closes with the rest of the request unread: a reset after its answer is expected.
    socket.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? undefined : reject(e)));
  });
}

/** The dashboard's listener around `handle` in place of Next's, asked GET `path`. */
async function answerOf(handle: Handle, path = "/api/graph"): Promise<http.IncomingMessage & { body: string }> {
  const port = await listen(handle);
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

describe("a request Node's parser refuses, before Next or any route sees it", () => {
  const ok: Handle = async (_req, r) => {
    r.end("ok");
  };
  const parse = (answer: string) => {
    const [head = "", body = ""] = answer.split("\r\n\r\n");
    const [status = "", ...lines] = head.split("\r\n");
    return { status, headers: Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()])), body };
  };

  it.each([
    ["in the packet with the request line", (big: string) => [`GET /api/graph HTTP/1.1\r\nHost: localhost\r\nX-Big: ${big}\r\n\r\n`]],
    ["after it, in packets of their own (the path unknown when they overflow)", (big: string) => ["GET /api/graph HTTP/1.1\r\nHost: localhost\r\n", `Cookie: ${big}`, `${big}\r\n\r\n`]],
  ])("headers over the limit, %s: 431 with {error} saying the limit, and the own answers' headers", async (_, chunks) => {
    const port = await listen(ok);
    const answer = parse(await rawAnswer(port, chunks("a".repeat(http.maxHeaderSize))));
    expect(answer.status).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(answer.headers["connection"]).toBe("close");
    expect(answer.headers["cache-control"]).toBe("private, no-store");
    expect(answer.headers["content-security-policy"]).toMatch(/default-src 'none'/);
    for (const { key, value } of SECURITY_HEADERS) expect(answer.headers[key.toLowerCase()], key).toBe(value);
    expect(JSON.parse(answer.body)).toEqual({ error: `request headers too large: send at most ${http.maxHeaderSize / 1024} KiB of request line and headers (a long URL or large cookies)` });
    expect(Number(answer.headers["content-length"])).toBe(Buffer.byteLength(answer.body));
  });

  it("the second request on a kept-alive connection too, once the first is answered", async () => {
    const port = await listen(ok);
    const end = "0\r\n\r\n"; // the first answer's last chunk
    const first = "GET /api/graph HTTP/1.1\r\nHost: localhost\r\n\r\n";
    const answer = await rawAnswer(port, [first, end, `GET /api/graph HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"a".repeat(http.maxHeaderSize)}\r\n\r\n`], end);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n2\r\nok\r\n0\r\n\r\nHTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(answer).toContain('{"error":"request headers too large');
  });

  it("any other malformed request: Node's own empty 400", async () => {
    const port = await listen(ok);
    expect(await rawAnswer(port, ["GET /api/graph HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n"])).toBe("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  });
});
