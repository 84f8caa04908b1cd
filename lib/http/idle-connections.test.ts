import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { IDLE_CONNECTION_MS, keepIdleConnections } from "./idle-connections";

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listening(setup: (s: http.Server) => void): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((_req, res) => res.end("ok"));
  setup(server);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port };
}

/** Sends one keep-alive GET on a raw socket, then reports whether the server closed it within `idleMs`. */
async function closedWhileIdle(port: number, idleMs: number): Promise<boolean> {
  const socket = net.connect(port, "127.0.0.1");
  let answered = false;
  let closed = false;
  socket.on("data", (d) => (answered ||= d.toString().startsWith("HTTP/1.1 200")));
  socket.on("close", () => (closed = true));
  socket.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
  await new Promise((r) => setTimeout(r, idleMs));
  expect(answered).toBe(true);
  socket.destroy();
  return closed;
}

describe("keepIdleConnections", () => {
  it("sets the keep-alive timeout past a load balancer's 60 s, and the headers timeout past that", async () => {
    const { server } = await listening((s) => keepIdleConnections(s));
    expect(server.keepAliveTimeout).toBe(IDLE_CONNECTION_MS);
    expect(IDLE_CONNECTION_MS).toBeGreaterThan(60_000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });

  // Shortened from Node's 5 s (what reset Playwright's reused connection) so the test is quick either way.
  // (Node 20 closes about a second after keepAliveTimeout, hence the 2 s wait for a 300 ms timeout.)
  it("an idle connection stays open for as long as asked, and no longer", async () => {
    const brief = await listening((s) => keepIdleConnections(s, 300));
    expect(await closedWhileIdle(brief.port, 2_000)).toBe(true);
    const kept = await listening((s) => keepIdleConnections(s, 5_000));
    expect(await closedWhileIdle(kept.port, 2_000)).toBe(false);
  });
});
