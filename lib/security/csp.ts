/**
 * The Content-Security-Policy every response carries (set in proxy.ts with a fresh nonce per request; Next reads
 * the nonce from the request's CSP header and puts it on its own scripts).
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    // No 'unsafe-inline' for scripts: only nonce-bearing scripts and what they load ('strict-dynamic').
    // Dev only: React uses eval to rebuild server error stacks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // 'unsafe-inline' for styles only: React Flow positions every node, edge label and the viewport with
    // server-rendered style="" attributes, and Next inlines critical CSS. Inline styles cannot run code; a
    // nonce here would make browsers ignore 'unsafe-inline' and break those attributes.
    "style-src 'self' 'unsafe-inline'",
    // data:/blob: for PNG export (html-to-image renders the graph through data: and blob: URLs).
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The ELK layout runs in a module worker served from /_next/static; blob: for bundlers that wrap workers.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable per response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}
