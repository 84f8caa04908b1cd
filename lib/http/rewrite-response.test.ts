import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import compression from "compression";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodedText, rewriteResponse, type TextRewriter } from "./rewrite-response";

/** A rewriter whose effect is easy to see and which holds text back across pieces (like the real one). */
function upperCaseTags(): TextRewriter {
  let held = "";
  const rewrite = (s: string) => s.replace(/<b>/g, "<strong>"); // longer: a stale Content-Length shows
  return {
    write(text) {
      const all = held + text;
      const cut = all.endsWith("<") || all.endsWith("<b") ? all.lastIndexOf("<") : all.length;
      held = all.slice(cut);
      return rewrite(all.slice(0, cut));
    },
    end() {
      const rest = held;
      held = "";
      return rewrite(rest);
    },
  };
}

const PAGE = "<p>ünï<b>cødé</b> ✓ " + "x".repeat(5000) + "<b>end</b></p>";
const bytes = Buffer.from(PAGE, "utf8");

/** Routes: how a handler may write a page (Next streams Uint8Arrays after flushHeaders; error pages end at once). */
const routes: Record<string, (res: http.ServerResponse) => void> = {
  "/streamed": (res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.flushHeaders();
    // Cut inside the multi-byte "ü" and inside "<b>": the text must still come out whole.
    for (const [a, b] of [[0, 4], [4, 8], [8, 12], [12, 2000], [2000, bytes.length]] as const) res.write(new Uint8Array(bytes.subarray(a, b)));
    res.end();
  },
  "/flushed": (res) => {
    // A length set for the original, then the headers sent before the body starts (as Next's streaming does).
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("content-length", String(bytes.length));
    res.flushHeaders();
    res.end(new Uint8Array(bytes));
  },
  "/whole": (res) => {
    res.writeHead(200, { "content-type": "text/html", "content-length": bytes.length });
    res.end(bytes);
  },
  "/string": (res) => {
    res.setHeader("content-type", "text/html");
    res.setHeader("content-length", String(bytes.length));
    res.write(PAGE.slice(0, 10), () => undefined);
    res.end(PAGE.slice(10), "utf8", () => undefined);
  },
  "/json": (res) => {
    const body = JSON.stringify({ html: "<b>" });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  },
};

let server: http.Server;
let origin = "";
beforeAll(async () => {
  const compress = compression({ threshold: 0 });
  server = http.createServer((req, res) => {
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {
      rewriteResponse(res, (type) => (/^text\/html\b/i.test(type) ? decodedText(upperCaseTags()) : null));
      routes[req.url ?? ""]?.(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** GET with or without gzip; the body decoded by hand, so a wrong Content-Length or encoding shows. */
function get(path: string, gzip: boolean): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${origin}${path}`, { headers: { "accept-encoding": gzip ? "gzip" : "identity" } }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () => {
          const raw = Buffer.concat(parts);
          const body = (res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

describe("rewriteResponse", () => {
  const expected = PAGE.replace(/<b>/g, "<strong>");

  for (const path of ["/streamed", "/flushed", "/whole", "/string"]) {
    for (const gzip of [false, true]) {
      it(`rewrites an HTML page written ${path.slice(1)}, ${gzip ? "gzip" : "uncompressed"}`, async () => {
        const res = await get(path, gzip);
        expect(res.status).toBe(200);
        expect(res.body).toBe(expected);
        expect(res.headers["content-encoding"]).toBe(gzip ? "gzip" : undefined);
        // The original length would cut the longer body or stall the shorter one.
        if (res.headers["content-length"]) expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.body));
      });
    }
  }

  it("leaves other content types and their headers alone", async () => {
    const res = await get("/json", false);
    expect(res.body).toBe('{"html":"<b>"}');
    expect(res.headers["content-length"]).toBe(String(Buffer.byteLength(res.body)));
  });
});
