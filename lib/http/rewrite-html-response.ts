/**
 * Applies an HtmlRewriter to a Node response as it is written, for HTML responses only (decided by the
 * Content-Type set when the body starts). Everything else, and every other header, passes through untouched.
 * Install it below any compression (so it sees text) and above the handler that writes the page.
 */
import type { ServerResponse } from "node:http";
import type { HtmlRewriter } from "./paint-first-scripts";

type Callback = (error?: Error | null) => void;

export function rewriteHtmlResponse(res: ServerResponse, makeRewriter: () => HtmlRewriter): void {
  const write = res.write.bind(res) as (chunk: unknown, encoding: BufferEncoding, cb?: Callback) => boolean;
  const end = res.end.bind(res) as (chunk: unknown, encoding: BufferEncoding, cb?: Callback) => ServerResponse;
  let rewriter: HtmlRewriter | null | undefined;
  const decoder = new TextDecoder();

  const rewriterFor = (): HtmlRewriter | null => {
    if (rewriter === undefined) {
      const type = String(res.getHeader("content-type") ?? "");
      rewriter = /^text\/html\b/i.test(type) ? makeRewriter() : null;
    }
    // The body changes length: a Content-Length set for the original would cut or stall the response.
    if (rewriter && !res.headersSent) res.removeHeader("content-length");
    return rewriter;
  };
  const text = (chunk: unknown, encoding: unknown, stream: boolean): string => {
    if (chunk == null || typeof chunk === "function") return "";
    if (typeof chunk === "string") return typeof encoding === "string" && encoding !== "utf8" && encoding !== "utf-8" ? Buffer.from(chunk, encoding as BufferEncoding).toString("utf8") : chunk;
    return decoder.decode(chunk as Uint8Array, { stream });
  };
  const callbackOf = (...args: unknown[]): Callback | undefined => args.find((a): a is Callback => typeof a === "function");

  // writeHead(status, headers) sends the headers at once: decide (and drop a stale Content-Length) before it does.
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const headers = rest.find((a): a is Record<string, number | string | string[]> => !!a && typeof a === "object" && !Array.isArray(a));
    if (!headers) return writeHead(statusCode, ...rest);
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    rewriterFor();
    return writeHead(statusCode, ...rest.filter((a) => typeof a === "string"));
  } as ServerResponse["writeHead"];

  res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, cb?: unknown) {
    const r = rewriterFor();
    if (!r) return (write as (...a: unknown[]) => boolean)(chunk, encoding, cb);
    return write(r.write(text(chunk, encoding, true)), "utf8", callbackOf(encoding, cb));
  } as ServerResponse["write"];

  res.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, cb?: unknown) {
    const r = rewriterFor();
    if (!r) return (end as (...a: unknown[]) => ServerResponse)(chunk, encoding, cb);
    const last = text(chunk, encoding, true) + decoder.decode();
    return end(r.write(last) + r.end(), "utf8", callbackOf(chunk, encoding, cb));
  } as ServerResponse["end"];
}
