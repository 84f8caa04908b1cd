/**
 * The answers the dashboard server gives before Next.js sees a request carry the security headers Next's own answers
 * do (docs/deploy.md: "every response"): a refusal is framed, sniffed or indexed no more than a page.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SECURITY_HEADERS } from "@/lib/security/headers.mjs";
import { answerStopping, refusedEarly } from "./own-answers";

let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    if (req.url === "/stopping") return answerStopping(req, res);
    if (!(await refusedEarly(req, res, 1024))) res.end("passed to Next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => vi.unstubAllEnvs());

function send(method: string, path: string, headers: Record<string, string> = {}, body = ""): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function expectSecurityHeaders(res: http.IncomingMessage, what: string): void {
  for (const { key, value } of SECURITY_HEADERS) expect(res.headers[key.toLowerCase()], `${what}: ${key}`).toBe(value);
  const csp = res.headers["content-security-policy"];
  expect(csp, what).toMatch(/frame-ancestors 'none'/);
  expect(csp, what).toMatch(/default-src 'none'/);
  expect(res.headers["cache-control"], what).toBe("private, no-store");
}

describe("the dashboard server's own answers", () => {
  it("each kind of early refusal carries the security headers", async () => {
    vi.stubEnv("LPG_ALLOW_UNAUTHENTICATED", "");
    const refusals: [string, Promise<http.IncomingMessage>, number][] = [
      ["a method Next does not handle", send("TRACE", "/"), 405],
      ["a body over the limit", send("POST", "/api/can", { "content-type": "application/json" }, "x".repeat(2048)), 413],
      ["another site's write", send("POST", "/api/scan", { "content-type": "application/json", "sec-fetch-site": "cross-site" }, "{}"), 403],
      ["local mode through a foreign Host", send("POST", "/api/scan", { "content-type": "application/json", host: "lpg.example.com" }, "{}"), 403],
    ];
    for (const [what, answer, status] of refusals) {
      const res = await answer;
      expect(res.statusCode, what).toBe(status);
      expectSecurityHeaders(res, what);
    }
  });

  it("an anonymous body when sign-in is on: 401 with the security headers", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "test-secret-0123456789abcdef0123456789");
    vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3000");
    vi.stubEnv("LPG_USERS_FILE", "/nonexistent/users");
    const res = await send("POST", "/api/scan", { "content-type": "application/json" }, "{}");
    expect(res.statusCode).toBe(401);
    expectSecurityHeaders(res, "401");
  });

  it("the answer to a request cut short as the server stops", async () => {
    const res = await send("GET", "/stopping");
    expect(res.statusCode).toBe(503);
    expectSecurityHeaders(res, "503");
  });

  it("what it does not refuse goes on to Next", async () => {
    const res = await send("GET", "/graph");
    expect(res.statusCode).toBe(200);
    expect(res.headers["x-frame-options"]).toBeUndefined();
  });
});
