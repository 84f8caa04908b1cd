/**
 * How long the dashboard keeps an idle keep-alive connection open.
 *
 * Node closes one after 5 s. A client that reuses the connection just as the server closes it gets ECONNRESET, and
 * only some clients retry: Playwright's request API did not (CI run of 2026-12-05: a GET after a 9 s scan), and a
 * load balancer in front of the dashboard keeps its upstream connections idle for longer than 5 s (AWS ALB: 60 s),
 * so it would hit the same race. The rule of thumb for servers behind ALB is to outlast its 60 s: the server, not
 * the balancer, is then the one that waits. The headers timeout must exceed the keep-alive timeout, or Node ends a
 * connection whose next request has started but whose headers are still arriving.
 */
import type { Server } from "node:http";

export const IDLE_CONNECTION_MS = 65_000;

export function keepIdleConnections(server: Server, idleMs = IDLE_CONNECTION_MS): void {
  server.keepAliveTimeout = idleMs;
  server.headersTimeout = idleMs + 1_000;
}
