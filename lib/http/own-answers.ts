/**
 * The answers the dashboard server gives itself, outside Next.js (lib/http/dashboard-server.ts): a refusal before the
 * body is read (early-refusal.ts), the one to a request cut short as the server stops (close-gently.ts), the 500 for
 * an error that escaped Next and the 431 for headers too large to parse. Next adds the security headers to its own answers (next.config.js) and proxy.ts its CSP;
 * these never pass either, so they carry the same headers here, with a CSP that lets nothing load: they are JSON or
 * plain text, never a page.
 */
import http from "node:http";
import type { Duplex } from "node:stream";
import { signedInUser } from "@/lib/auth/identity";
import { readAuthSettings, unauthenticatedAllowed } from "@/lib/auth/settings";
import { SECURITY_HEADERS } from "@/lib/security/headers.mjs";
import { UPLOAD_NOT_STORED, UPLOAD_STOPPING_ANSWER } from "@/lib/store/interrupted";
import { earlyRefusal } from "./early-refusal";

/** Every own answer closes the connection: the client may still be sending a body no one will read. */
function ownAnswerHeaders(headers: Record<string, string>): Record<string, string> {
  return {
    ...Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value])),
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    ...headers,
    "Cache-Control": "private, no-store",
    Connection: "close",
  };
}

/**
 * The security headers on a response before Next sees it, so that every answer Next gives carries them, also the
 * empty 500 it answers when a route handler or page throws, which its next.config.js headers are not sure to reach.
 * Not the CSP: a page's is proxy.ts's, with the nonce its scripts need.
 */
export function presetSecurityHeaders(res: http.ServerResponse): void {
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
}

/** An error escaped Next before it answered: an empty 500, as Next's own, with the headers of every own answer. */
export function answerFailed(res: http.ServerResponse): void {
  if (!res.headersSent) res.writeHead(500, ownAnswerHeaders({}));
  res.end();
}

/**
 * A request whose body was still arriving when the server began to stop (close-gently.ts): nothing of it is stored,
 * and an upload's client and the server's log are told so, as the upload route tells them (app/api/snapshots).
 */
export function answerStopping(req: http.IncomingMessage, res: http.ServerResponse): void {
  const upload = req.method === "POST" && req.url?.split("?")[0] === "/api/snapshots";
  if (upload) console.error(UPLOAD_NOT_STORED);
  res.writeHead(503, ownAnswerHeaders({ "Content-Type": "application/json" }));
  res.end(JSON.stringify({ error: upload ? UPLOAD_STOPPING_ANSWER : "server is stopping: send the request again once the server is back" }));
}

/**
 * Answers what lib/http/early-refusal.ts refuses before the body is read, and closes the connection: the client may
 * still be sending a body no one will read.
 */
export async function refusedEarly(req: http.IncomingMessage, res: http.ServerResponse, bodyLimit: number): Promise<boolean> {
  const settings = readAuthSettings();
  let answer;
  try {
    answer = await earlyRefusal(
      { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers },
      { bodyLimit, authEnabled: settings.enabled, allowUnauthenticated: unauthenticatedAllowed(), signedIn: async () => !!(await signedInUser(await tokenRequest(req), settings)) },
    );
  } catch (e) {
    console.error(`request ${req.method} ${req.url?.split("?")[0]}: early access check failed:`, e);
    return false; // proxy.ts and the route handlers still check
  }
  if (!answer) return false;
  res.writeHead(answer.status, ownAnswerHeaders(answer.headers));
  res.end(answer.body);
  return true;
}

/**
 * The request as next-auth's getToken reads it in proxy.ts: its headers and cookies. next/server is loaded once Next
 * has set up its runtime (it needs Next's AsyncLocalStorage), not when this module is.
 */
async function tokenRequest(req: http.IncomingMessage) {
  const { NextRequest } = await import("next/server");
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return new NextRequest(new URL(req.url ?? "/", "http://localhost"), { headers });
}

/** Node's own answers to a request its parser refused, by the parser's error code (node/lib/_http_server.js). */
const PARSER_REFUSALS: Record<string, string> = {
  HPE_CHUNK_EXTENSIONS_OVERFLOW: "413 Payload Too Large",
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
};

/**
 * The server's "clientError": a request Node's parser refused, before any request object exists. Node answers headers
 * over its limit (--max-http-header-size, 16 KiB: the URL and cookies count) with an empty 431; this answers it as every
 * other refusal, `{ error }` saying what to shorten, with the own answers' headers. The path is not known (the request
 * line may have come in an earlier packet than the one that overflowed), so pages get the JSON too, as answerStopping
 * gives it. Every other parser error is answered as Node does.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  // The peer is gone, or the answer to the request before on this connection has begun: nothing can be added (Node's
  // own check, through the response it keeps on the socket).
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (err.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  let answer = `HTTP/1.1 ${PARSER_REFUSALS[err.code ?? ""] ?? "400 Bad Request"}\r\nConnection: close\r\n\r\n`;
  if (err.code === "HPE_HEADER_OVERFLOW") {
    const body = JSON.stringify({ error: `request headers too large: send at most ${http.maxHeaderSize / 1024} KiB of request line and headers (a long URL or large cookies)` });
    const headers = ownAnswerHeaders({ "Content-Type": "application/json; charset=utf-8", "Content-Length": String(Buffer.byteLength(body)) });
    answer = `HTTP/1.1 431 Request Header Fields Too Large\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n${body}`;
  }
  // Closed once the answer is handed to the system, not before: the rest of the request is never read.
  socket.end(answer, () => socket.destroy());
}
