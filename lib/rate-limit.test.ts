import { describe, expect, it } from "vitest";
import { createRateLimiter, tooManyRequests } from "./rate-limit";

function limiter(start = 1_000_000) {
  let t = start;
  const l = createRateLimiter(() => t);
  return { ...l, advance: (ms: number) => (t += ms) };
}

describe("rateLimit (token bucket)", () => {
  it("allows a burst of `limit`, then refuses with the wait until the next token", () => {
    const l = limiter();
    const opts = { limit: 3, windowMs: 60_000 };
    expect([1, 2, 3].map(() => l.rateLimit("scan:a", opts).ok)).toEqual([true, true, true]);
    const refused = l.rateLimit("scan:a", opts);
    expect(refused).toMatchObject({ ok: false, remaining: 0 });
    expect(refused.retryAfterMs).toBe(20_000); // one token per windowMs / limit
  });

  it("refills continuously: one token per windowMs/limit, never above limit", () => {
    const l = limiter();
    const opts = { limit: 2, windowMs: 1000 };
    l.rateLimit("k", opts);
    l.rateLimit("k", opts);
    expect(l.rateLimit("k", opts).ok).toBe(false);
    l.advance(499);
    expect(l.rateLimit("k", opts).ok).toBe(false);
    l.advance(2);
    expect(l.rateLimit("k", opts).ok).toBe(true);
    l.advance(60_000);
    expect(l.rateLimit("k", opts).remaining).toBe(1); // capped at limit, minus this request
  });

  it("keeps keys independent", () => {
    const l = limiter();
    const opts = { limit: 1, windowMs: 60_000 };
    expect(l.rateLimit("upload:alice", opts).ok).toBe(true);
    expect(l.rateLimit("upload:alice", opts).ok).toBe(false);
    expect(l.rateLimit("upload:bob", opts).ok).toBe(true);
  });

  it("stays bounded under a flood of distinct keys", () => {
    const l = limiter();
    for (let i = 0; i < 25_000; i++) l.rateLimit(`k${i}`, { limit: 5, windowMs: 60_000 });
    expect(l.size()).toBeLessThanOrEqual(10_000);
  });

  it("drops refilled buckets first, keeping ones that still limit someone", () => {
    const l = limiter();
    const opts = { limit: 1, windowMs: 1000 };
    l.rateLimit("busy", opts);
    for (let i = 0; i < 9_998; i++) l.rateLimit(`idle${i}`, opts);
    l.advance(900); // idle buckets are not refilled yet either; "busy" was used first
    l.advance(200); // now everything used before has refilled
    expect(l.rateLimit("busy", opts).ok).toBe(true); // refilled → token taken, bucket empty again
    l.rateLimit("new-1", opts); // reaches MAX_KEYS: prune
    l.rateLimit("new-2", opts);
    expect(l.rateLimit("busy", opts).ok).toBe(false);
    expect(l.size()).toBeLessThan(100);
  });

  it("rejects nonsensical options instead of silently allowing everything", () => {
    const l = limiter();
    expect(() => l.rateLimit("k", { limit: 0, windowMs: 1000 })).toThrow(/limit/);
    expect(() => l.rateLimit("k", { limit: 1, windowMs: 0 })).toThrow(/windowMs/);
  });

  it("tooManyRequests answers 429 with Retry-After in whole seconds", async () => {
    const res = tooManyRequests({ ok: false, limit: 5, remaining: 0, retryAfterMs: 1500 });
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("2");
    expect((await res.json()).error).toMatch(/try again in 2 s/);
  });
});
