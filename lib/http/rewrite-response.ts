/**
 * Applies a BodyRewriter to a Node response as it is written, for the content types `rewriterOf` gives one for
 * (decided by the Content-Type set when the body starts). Everything else, and every other header, passes through
 * untouched. Install it below any compression (so it sees the body as written) and above the handler that writes it.
 */
import type { ServerResponse } from "node:http";

type Callback = (error?: Error | null) => void;

/** Rewrites one answer's bytes as they stream; what it returns is sent (a string as UTF-8). */
export interface BodyRewriter {
  /** The next piece of the answer in; what can be sent so far out. */
  write(bytes: Buffer): Buffer | string;
  /** The end of the answer: whatever was held back. */
  end(): Buffer | string;
}

/** Rewrites one answer's text as it streams. */
export interface TextRewriter {
  write(text: string): string;
  end(): string;
}

/** A TextRewriter fed the body decoded as UTF-8 (a character cut between two pieces is decoded whole). */
export function decodedText(rewriter: TextRewriter): BodyRewriter {
  const decoder = new TextDecoder();
  return {
    write: (bytes) => rewriter.write(decoder.decode(bytes, { stream: true })),
    end: () => rewriter.write(decoder.decode()) + rewriter.end(),
  };
}

/** The rewriter for an answer of this Content-Type (`""` when it has none), or null to leave the answer alone. */
export type RewriterFor = (contentType: string) => BodyRewriter | null;

export function rewriteResponse(res: ServerResponse, rewriterOf: RewriterFor): void {
  const write = res.write.bind(res) as (chunk: unknown, encoding: BufferEncoding, cb?: Callback) => boolean;
  const end = res.end.bind(res) as (chunk: unknown, encoding: BufferEncoding, cb?: Callback) => ServerResponse;
  let rewriter: BodyRewriter | null | undefined;

  const rewriterFor = (): BodyRewriter | null => {
    if (rewriter === undefined) rewriter = rewriterOf(String(res.getHeader("content-type") ?? ""));
    // The body changes length: a Content-Length set for the original would cut or stall the response.
    if (rewriter && !res.headersSent) res.removeHeader("content-length");
    return rewriter;
  };
  const bytes = (chunk: unknown, encoding: unknown): Buffer => {
    if (chunk == null || typeof chunk === "function") return Buffer.alloc(0);
    if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    const view = chunk as Uint8Array;
    return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  };
  const callbackOf = (...args: unknown[]): Callback | undefined => args.find((a): a is Callback => typeof a === "function");
  const joined = (a: Buffer | string, b: Buffer | string): Buffer | string =>
    typeof a === "string" && typeof b === "string" ? a + b : Buffer.concat([typeof a === "string" ? Buffer.from(a) : a, typeof b === "string" ? Buffer.from(b) : b]);

  // writeHead(status, headers) sends the headers at once: decide (and drop a stale Content-Length) before it does.
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const headers = rest.find((a): a is Record<string, number | string | string[]> => !!a && typeof a === "object" && !Array.isArray(a));
    if (!headers) return writeHead(statusCode, ...rest);
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    rewriterFor();
    return writeHead(statusCode, ...rest.filter((a) => typeof a === "string"));
  } as ServerResponse["writeHead"];

  // As Next does before it streams a body: the headers go now, so the same decision is made first.
  const flushHeaders = res.flushHeaders.bind(res);
  res.flushHeaders = function (this: ServerResponse) {
    rewriterFor();
    flushHeaders();
  };

  res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, cb?: unknown) {
    const r = rewriterFor();
    if (!r) return (write as (...a: unknown[]) => boolean)(chunk, encoding, cb);
    return write(r.write(bytes(chunk, encoding)), "utf8", callbackOf(encoding, cb));
  } as ServerResponse["write"];

  res.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, cb?: unknown) {
    const r = rewriterFor();
    if (!r) return (end as (...a: unknown[]) => ServerResponse)(chunk, encoding, cb);
    return end(joined(r.write(bytes(chunk, encoding)), r.end()), "utf8", callbackOf(chunk, encoding, cb));
  } as ServerResponse["end"];
}
