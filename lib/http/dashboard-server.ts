/**
 * The production dashboard's HTTP server: Next.js's request handler (a custom server, nextjs.org/docs/app/guides/
 * custom-server) with two layers of our own around it, outermost first:
 *   1. compression (the `compression` package; next.config.js turns Next's own off, because it would compress
 *      the page before layer 2 could read it);
 *   2. paint-first scripts for HTML pages (lib/http/paint-first-scripts.ts: the first frame before the framework),
 *      with preloads for browsers on other machines, and DEL and C1 controls escaped in JSON answers
 *      (lib/http/answer-rewriters.ts).
 * It also tells route handlers the socket's address (lib/http/client-address.ts), which Next does not, and refuses
 * before Next reads a body what proxy.ts would refuse after (lib/http/early-refusal.ts, answered by own-answers.ts).
 * `serve`, `report`, the e2e server and the browser benchmark all start the dashboard through here, so they measure
 * and test what users run. It is ready when it is warm (lib/http/warm-up.ts): the first page loads no modules.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import compression from "compression";
import next from "next";
import { isLoopbackAddress } from "@/lib/auth/access";
import { proxyBodyLimitBytes } from "@/lib/snapshot/upload-max-mb.mjs";
import { keepIdleConnections } from "./idle-connections";
import { closesGently } from "./close-gently";
import { answerClientError, answerFailed, answerStopping, presetSecurityHeaders, refusedEarly } from "./own-answers";
import { CLIENT_ADDRESS_HEADER, vouchForClientAddressHeader } from "./client-address";
import { answerRewriter } from "./answer-rewriters";
import { rewriteResponse } from "./rewrite-response";
import { warmUp } from "./warm-up";

export interface DashboardServerOptions {
  /** The project root holding the `.next` build. */
  dir: string;
  host: string;
  port: number;
}

export interface DashboardServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the server; resolves once it is warm (lib/http/warm-up.ts), so that what the caller then says ("Dashboard on
 * …") is true of the first page too. `createNext` is Next's, or a test's stand-in.
 */
export async function startDashboardServer({ dir, host, port }: DashboardServerOptions, createNext: typeof next = next): Promise<DashboardServer> {
  // As `next start` does: the PNG report route renders the dashboard through this port (lib/report-png).
  process.env.PORT = String(port);
  const app = createNext({ dev: false, dir, hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  vouchForClientAddressHeader();
  const server = dashboardHttpServer(handle, proxyBodyLimitBytes(process.env));
  keepIdleConnections(server);
  const closeServer = closesGently(server, { unreceived: answerStopping });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  await warmUp(app, server.address() as AddressInfo);
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    async close() {
      // The answers in progress are sent in full (an upload's, a report's), idle connections closed at once.
      await closeServer();
      await app.close();
    },
  };
}

/** The HTTP server around Next's `handle`, with the answers of its own: apart from the start-up, as dashboardListener. */
export function dashboardHttpServer(handle: ReturnType<ReturnType<typeof next>["getRequestHandler"]>, bodyLimit: number): http.Server {
  const server = http.createServer(dashboardListener(handle, bodyLimit));
  server.on("clientError", answerClientError);
  return server;
}

/**
 * What the server does with each request, around Next's `handle`: apart from the start-up so that tests can give it a
 * Next that fails (lib/http/dashboard-server.test.ts).
 */
export function dashboardListener(handle: ReturnType<ReturnType<typeof next>["getRequestHandler"]>, bodyLimit: number): http.RequestListener {
  const compress = compression();
  return async (req, res) => {
    // Replaces any the client sent: the one place route handlers learn the socket's address (client-address.ts).
    if (req.socket.remoteAddress) req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress;
    else delete req.headers[CLIENT_ADDRESS_HEADER];
    if (await refusedEarly(req, res, bodyLimit)) return;
    presetSecurityHeaders(res);
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {
      // A browser on this machine shares its cores with the server: preloads would only compete with the paint.
      const preload = !isLoopbackAddress(req.socket.remoteAddress);
      rewriteResponse(res, (type) => answerRewriter(type, { preload }));
      // Next answers its own errors; this is for one escaping it, which must cost a request, not the server.
      handle(req, res).catch((e: unknown) => {
        // Answered already as the server stopped (answerStopping): Next's read of the body it cut says nothing new.
        if (res.writableEnded) return;
        console.error(`request ${req.method} ${req.url?.split("?")[0]} failed:`, e);
        answerFailed(res);
      });
    });
  };
}
