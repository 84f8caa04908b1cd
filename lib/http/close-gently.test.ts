/** Closing the dashboard's server lets the answers in progress finish (serve's Ctrl-C while it answers an upload). */
import { afterEach, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { closesGently } from "./close-gently";

const agents: http.Agent[] = [];
afterEach(() => agents.splice(0).forEach((a) => a.destroy()));

/** A server whose `/held` answers wait for `release`; keep-alive connections idle for longer than any test runs. */
async function server(graceMs?: number) {
  const releases: (() => void)[] = [];
  let started!: () => void;
  const reached = new Promise<void>((r) => (started = r));
  const s = http.createServer((req, res) => {
    if (req.url === "/held") {
      started();
      releases.push(() => res.end("x".repeat(100_000)));
    } else if (req.url === "/streaming") {
      started();
      res.write("first part ");
      releases.push(() => res.end("last part"));
    } else if (req.url === "/upload") {
      req.resume();
      req.on("end", () => res.end("stored"));
    } else res.end("ok");
  });
  s.keepAliveTimeout = 10 * 60_000;
  const close = closesGently(s, {
    graceMs,
    unreceived: (_req, res) => {
      res.statusCode = 503;
      res.end("stopping");
    },
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return { port: (s.address() as AddressInfo).port, close, reached, release: () => releases.splice(0).forEach((r) => r()) };
}

function get(port: number, path: string): Promise<{ body: string; connection?: string }> {
  const agent = new http.Agent({ keepAlive: true });
  agents.push(agent);
  return new Promise((resolve, reject) => {
    http
      .get({ port, host: "127.0.0.1", path, agent }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ body, connection: res.headers.connection }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

describe("closesGently", () => {
  it("sends an answer in progress in full, as its connection's last, and does not wait for idle connections", async () => {
    const s = await server();
    await get(s.port, "/"); // leaves an idle keep-alive connection
    const answer = get(s.port, "/held");
    await s.reached;
    let closed = false;
    const closing = s.close().then(() => (closed = true));
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    s.release();
    expect(await answer).toEqual({ body: "x".repeat(100_000), connection: "close" });
    await closing;
  });

  it("waits for an answer whose headers were already sent, then closes its connection", async () => {
    const s = await server();
    const answer = get(s.port, "/streaming");
    await s.reached;
    const closing = s.close();
    s.release();
    expect((await answer).body).toBe("first part last part");
    await closing;
  });

  it("answers a request whose body is still arriving at once, as `unreceived` says, rather than wait for the rest", async () => {
    const s = await server();
    const agent = new http.Agent({ keepAlive: true });
    agents.push(agent);
    const answer = new Promise<{ status?: number; body: string } | string>((resolve) => {
      const req = http.request({ port: s.port, host: "127.0.0.1", path: "/upload", method: "POST", agent, headers: { "content-length": 1000, expect: "100-continue" } });
      req.on("continue", () => {
        req.write("x".repeat(500)); // the rest never comes
        void s.close();
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode, body }));
      });
      req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
    });
    expect(await answer).toEqual({ status: 503, body: "stopping" });
  });

  it("cuts an answer still in progress after the grace period, so that one stuck request cannot hold the stop", async () => {
    const s = await server(50);
    const answer = get(s.port, "/held").catch((e: NodeJS.ErrnoException) => e.code);
    await s.reached;
    await s.close();
    expect(await answer).toBe("ECONNRESET");
  });
});
