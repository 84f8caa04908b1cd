/**
 * Closing the dashboard's HTTP server without cutting an answer short: `serve` stopping (Ctrl-C, SIGTERM) while it
 * answers an upload, a report or a page. Node's server.close() stops accepting and closes idle connections, but keeps
 * a keep-alive connection open after its answer until the idle timeout (65 s here, idle-connections.ts), and
 * closeAllConnections() cuts the answers in progress (the client reads ECONNRESET, not the answer). So each answer in
 * progress is let finish as its connection's last, and an answer that never ends is cut after a grace period, so that
 * one stuck request cannot hold the stop (a second Ctrl-C stops at once anyway). A request whose body is still
 * arriving is answered at once (`unreceived`): Next reads a body whole before any route sees it (its proxy's body
 * limit), so no route could answer it before the client has sent the rest, however long that takes.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** Far longer than an answer takes (a PNG report renders in seconds), short enough for an operator to wait. */
export const CLOSE_GRACE_MS = 30_000;

export interface GentleCloseOptions {
  graceMs?: number;
  /** Answers a request whose body is still arriving as the close begins (as the last on its connection). */
  unreceived?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** Call at once after creating `server`; the returned function closes it, resolving once every connection ended. */
export function closesGently(server: Server, { graceMs = CLOSE_GRACE_MS, unreceived }: GentleCloseOptions = {}): () => Promise<void> {
  const answering = new Map<ServerResponse, IncomingMessage>();
  let closing = false;
  /** The connection's last answer: Node says `Connection: close` and closes it once the answer is sent. */
  const last = (res: ServerResponse) => {
    if (!res.headersSent) res.shouldKeepAlive = false;
  };
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    answering.set(res, req);
    if (closing) last(res);
    res.once("close", () => {
      answering.delete(res);
      // One whose headers were sent before the close leaves its connection open, idle: closed now.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  return () => {
    closing = true;
    answering.forEach((req, res) => {
      last(res);
      if (unreceived && !req.complete && !res.headersSent) unreceived(req, res);
    });
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    return closed.finally(() => clearTimeout(cut));
  };
}
