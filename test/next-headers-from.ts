/**
 * next-auth's route reads the request's cookies and headers through next/headers, which answer only inside Next's
 * request scope. next-auth require()s it at each request, outside vitest's module mocks: its entry in Node's module
 * cache answers for the request `current()` returns instead. Returns what puts the real module back.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** A cookie value as Next's cookies() gives it: percent-decoded (next-auth's CSRF cookie holds an encoded `|`). */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function answerNextHeadersFrom(current: () => Request | null): () => void {
  require("next/headers");
  const nextHeaders = require.cache[require.resolve("next/headers")]!;
  const realExports: unknown = nextHeaders.exports;
  nextHeaders.exports = {
    cookies: async () => ({
      getAll: () =>
        (current()?.headers.get("cookie") ?? "")
          .split(/;\s*/)
          .filter(Boolean)
          .map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: decoded(pair.slice(pair.indexOf("=") + 1)) })),
    }),
    headers: async () => current()?.headers ?? new Headers(),
  };
  return () => {
    nextHeaders.exports = realExports;
  };
}
