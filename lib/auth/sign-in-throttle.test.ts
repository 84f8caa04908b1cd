/**
 * docs/deploy.md "What the server sends and limits": password sign-in attempts are limited per client address
 * (30 per 15 minutes) and per server (1000, a backstop), before next-auth runs. On a frozen clock (fake Date
 * installed before the limiter loads), so budgets refill only when a test moves time. The socket's address
 * arrives as lib/http/dashboard-server.ts passes it on.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Throttle from "./sign-in-throttle";

let throttle: typeof Throttle;
const ORIGIN = "http://127.0.0.1:3000";

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-20T10:00:00Z") });
  throttle = await import("./sign-in-throttle");
  (await import("@/lib/http/client-address")).vouchForClientAddressHeader();
});
afterAll(() => vi.useRealTimers());

function attempt(socket: string, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "x-lpg-client-address": socket, ...headers },
    body: "username=alice&password=guess",
  });
}

/** Outcomes of `n` attempts: "ok" when let through, else the 429's error text. */
async function outcomes(n: number, make: (i: number) => Request, env: Record<string, string> = {}): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = throttle.signInThrottle(make(i), env);
    out.push(res ? ((await res.json()) as { error: string }).error : "ok");
  }
  return out;
}

const FROM_CLIENT = "Too many sign-in attempts from your network address; try again in 30 s.";

describe("per client address: 30 attempts per 15 minutes", () => {
  it("one client spending its budget gets 429 with Retry-After; another client is not affected", async () => {
    expect(await outcomes(30, () => attempt("203.0.113.1"))).toEqual(Array(30).fill("ok"));
    const refused = throttle.signInThrottle(attempt("203.0.113.1"))!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30"); // 15 minutes / 30: one attempt back every 30 s
    expect(refused.headers.get("ratelimit-limit")).toBe("30");
    const body = (await refused.json()) as { error: string; url: string };
    expect(body.error).toBe(FROM_CLIENT); // fixed text: nothing about whom the attempts were for
    // next-auth's client reads the error from the url of its JSON answer (components/auth/sign-in-form.tsx)
    expect(new URL(body.url).pathname).toBe("/signin");
    expect(new URL(body.url).searchParams.get("error")).toBe(FROM_CLIENT);

    expect(throttle.signInThrottle(attempt("203.0.113.2"))).toBeNull();
    expect(throttle.signInThrottle(attempt("::ffff:203.0.113.3"))).toBeNull();
  });

  it("one attempt comes back after 30 s, not before", async () => {
    vi.advanceTimersByTime(29_000);
    expect(throttle.signInThrottle(attempt("203.0.113.1"))?.status).toBe(429);
    vi.advanceTimersByTime(2_000);
    expect(throttle.signInThrottle(attempt("203.0.113.1"))).toBeNull();
    expect(throttle.signInThrottle(attempt("203.0.113.1"))?.status).toBe(429);
  });

  it("without trusted proxies, X-Forwarded-For and X-Real-IP are ignored: a new one per attempt does not help", async () => {
    const spoofed = await outcomes(31, (i) => attempt("203.0.113.10", { "x-forwarded-for": `192.0.2.${i}`, "x-real-ip": `192.0.2.${i}` }));
    expect(spoofed.slice(0, 30)).toEqual(Array(30).fill("ok"));
    expect(spoofed[30]).toBe(FROM_CLIENT);
  });

  it("behind one trusted proxy, clients are told apart by the entry the proxy appended", async () => {
    const env = { LPG_TRUSTED_PROXY_HOPS: "1" };
    const viaProxy = (client: string, forged = "") => attempt("10.0.0.2", { "x-forwarded-for": `${forged}${client}` });
    // The proxy's own socket address is not a budget: 40 attempts from two clients through it all pass.
    expect(await outcomes(40, (i) => viaProxy(i % 2 ? "198.51.100.1" : "198.51.100.2"), env)).toEqual(Array(40).fill("ok"));
    // A client forging entries to the left of the proxy's keeps its own budget.
    const forging = await outcomes(11, (i) => viaProxy("198.51.100.1", `192.0.2.${i}, `), env);
    expect(forging.slice(0, 10)).toEqual(Array(10).fill("ok"));
    expect(forging[10]).toBe(FROM_CLIENT);
    expect(await outcomes(1, () => viaProxy("198.51.100.3"), env)).toEqual(["ok"]);
  });

  it("behind two trusted proxies, the second entry from the right is the client", async () => {
    const env = { LPG_TRUSTED_PROXY_HOPS: "2" };
    const viaCdn = (i: number) => attempt("10.0.0.2", { "x-forwarded-for": `192.0.2.${i}, 198.51.100.50, 172.16.0.9` });
    const out = await outcomes(31, viaCdn, env);
    expect(out.slice(0, 30)).toEqual(Array(30).fill("ok"));
    expect(out[30]).toBe(FROM_CLIENT);
    // The CDN's address (rightmost) is shared by everyone: not the budget.
    expect(await outcomes(1, () => attempt("10.0.0.2", { "x-forwarded-for": "198.51.100.51, 172.16.0.9" }), env)).toEqual(["ok"]);
  });

  it("an IPv6 client's /64 is one budget", async () => {
    const out = await outcomes(31, (i) => attempt(`2001:db8:5:6::${(i + 1).toString(16)}`));
    expect(out[30]).toBe(FROM_CLIENT);
    expect(throttle.signInThrottle(attempt("2001:db8:5:7::1"))).toBeNull();
  });
});

describe("per server: a backstop of 1000 attempts per 15 minutes", () => {
  it("throttles guessing spread over many addresses", async () => {
    vi.advanceTimersByTime(15 * 60_000); // earlier tests' attempts refilled
    const spread = await outcomes(throttle.SIGN_IN_ATTEMPTS_PER_SERVER + 5, (i) => attempt(`10.${i >> 8}.${i & 255}.1`));
    expect(spread.slice(0, throttle.SIGN_IN_ATTEMPTS_PER_SERVER)).toEqual(Array(throttle.SIGN_IN_ATTEMPTS_PER_SERVER).fill("ok"));
    expect(spread.slice(throttle.SIGN_IN_ATTEMPTS_PER_SERVER)).toEqual(Array(5).fill("Too many sign-in attempts on this server; try again in 1 s."));
  });
});

describe("isPasswordAttempt", () => {
  // The catch-all segments as Next hands them over (percent-decoded): /api/auth/<segments>.
  it.each([
    ["POST", "callback/credentials", true],
    ["POST", "callback/credentials/extra", true],
    ["GET", "callback/credentials", false],
    ["POST", "signin/credentials", false],
    ["POST", "callback/github", false],
    ["GET", "session", false],
  ])("%s %s → %s", (method, path, expected) => {
    expect(throttle.isPasswordAttempt(method, path.split("/"))).toBe(expected);
  });
});
