/**
 * In-memory token buckets for expensive routes (scan, upload, report rendering, sign-in). One bucket per key:
 * it holds up to `limit` tokens and refills `limit` tokens per `windowMs`, continuously, so a burst of `limit`
 * is allowed and then one request per windowMs/limit. Per server process: enough for the single-instance
 * deployment this tool targets; several instances behind a balancer each enforce their own limit.
 *
 * Usage in a route handler (see also lib/auth/guard.ts's guardApi, which does this plus the auth check):
 *   const r = rateLimit(`scan:${user}`, { limit: 5, windowMs: 60_000 });
 *   if (!r.ok) return tooManyRequests(r);
 */
import { NextResponse } from "next/server";

export interface RateLimitOptions {
  /** Requests allowed in a burst, and per window on average. */
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  ok: boolean;
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** When refused: milliseconds until one request would be allowed again; 0 when ok. */
  retryAfterMs: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** Above this many keys, buckets that have refilled completely (carry no state) are dropped. */
const MAX_KEYS = 10_000;

export function createRateLimiter(now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();

  function refill(b: Bucket, t: number, opts: RateLimitOptions): void {
    const elapsed = Math.max(0, t - b.updated);
    b.tokens = Math.min(opts.limit, b.tokens + (elapsed * opts.limit) / opts.windowMs);
    b.updated = t;
  }

  function prune(t: number, opts: RateLimitOptions): void {
    for (const [key, b] of buckets) {
      if (b.tokens + ((t - b.updated) * opts.limit) / opts.windowMs >= opts.limit) buckets.delete(key);
    }
    // Still full of active keys (a flood of distinct keys): forget the oldest tenth rather than grow without
    // bound; a tenth, not one, so a flood does not rescan the whole map on every new key.
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_KEYS * 0.9) break;
      buckets.delete(key);
    }
  }

  function rateLimit(key: string, opts: RateLimitOptions): RateLimitResult {
    if (!(opts.limit >= 1) || !(opts.windowMs > 0)) throw new Error("rateLimit: limit must be >= 1 and windowMs > 0");
    const t = now();
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= MAX_KEYS) prune(t, opts);
      b = { tokens: opts.limit, updated: t };
      buckets.set(key, b);
    } else {
      refill(b, t, opts);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true, limit: opts.limit, remaining: Math.floor(b.tokens), retryAfterMs: 0 };
    }
    const retryAfterMs = Math.ceil(((1 - b.tokens) * opts.windowMs) / opts.limit);
    return { ok: false, limit: opts.limit, remaining: 0, retryAfterMs };
  }

  return { rateLimit, size: () => buckets.size, reset: () => buckets.clear() };
}

const shared = createRateLimiter();

/** Take one token from `key`'s bucket. Keys are namespaced by the caller, e.g. `scan:alice@example.com`. */
export function rateLimit(key: string, opts: RateLimitOptions): RateLimitResult {
  return shared.rateLimit(key, opts);
}

/**
 * 429 with Retry-After (seconds) and a JSON body saying when to retry; `body` replaces the default body for
 * callers whose clients expect another shape.
 */
export function tooManyRequests(
  result: RateLimitResult,
  body: (seconds: number) => Record<string, string> = (seconds) => ({ error: `too many requests: try again in ${seconds} s` }),
): NextResponse {
  return retryLater(429, result.retryAfterMs, body, { "RateLimit-Limit": String(result.limit), "RateLimit-Remaining": "0" });
}

/**
 * A refusal to be retried: 429 when the client is over its limit, 503 when the server is busy for everyone; Retry-After
 * in whole seconds (at least one) and a JSON body that may say it.
 */
export function retryLater(status: 429 | 503, retryAfterMs: number, body: (seconds: number) => Record<string, string>, headers: Record<string, string> = {}): NextResponse {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return NextResponse.json(body(seconds), { status, headers: { "Retry-After": String(seconds), ...headers } });
}
