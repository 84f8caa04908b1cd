/**
 * docs/deploy.md "What the server sends and limits": the static security headers (next.config.js), the CSP
 * directives and sign-in mode's Cache-Control (proxy.ts, on every kind of response it gives), and the CSRF refusal
 * of another site's POST to the scan and sign-in routes and of reads embedded in another site's page (proxy.ts,
 * isCrossSiteRequest), signed in or not.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { NextConfig } from "next";
import { proxy } from "@/proxy";
import { credentialStamp } from "@/lib/auth/password";

const SECRET = "test-secret-0123456789abcdef0123456789";
const HASH = "scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const ORIGIN = "http://127.0.0.1:3000";
const dir = mkdtempSync(join(tmpdir(), "lpg-headers-"));
const usersFile = join(dir, "users.txt");

beforeAll(() => writeFileSync(usersFile, `alice:${HASH}\n`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

function localMode() {
  for (const k of ["NEXTAUTH_SECRET", "LPG_USERS_FILE", "GITHUB_ID", "GITHUB_SECRET", "GOOGLE_ID", "GOOGLE_SECRET", "OIDC_ISSUER", "OIDC_CLIENT_ID", "LPG_ALLOW_UNAUTHENTICATED"]) vi.stubEnv(k, "");
}

function signInMode() {
  localMode();
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.stubEnv("NEXTAUTH_URL", ORIGIN);
  vi.stubEnv("LPG_USERS_FILE", usersFile);
}

const session = async () =>
  `next-auth.session-token=${await encode({ token: { name: "alice", provider: "credentials", sub: "alice", credential: credentialStamp(HASH, SECRET), signedInAt: Math.floor(Date.now() / 1000) }, secret: SECRET })}`;

function request(path: string, init: { method?: string; host?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(`${ORIGIN}${path}`, {
    method: init.method ?? "GET",
    headers: { host: init.host ?? "127.0.0.1:3000", ...init.headers },
    ...(init.method && init.method !== "GET" ? { body: "{}" } : {}),
  });
}

const passedThrough = (res: Response) => res.headers.get("x-middleware-next") === "1";

describe("static headers (next.config.js)", () => {
  it("X-Frame-Options DENY, nosniff and no-referrer on every path", async () => {
    // @ts-expect-error -- plain JS config module without declarations
    const nextConfig = (await import("@/next.config.js")).default as NextConfig;
    const rules = await nextConfig.headers!();
    const all = rules.filter((r) => r.source === "/:path*");
    expect(all).toHaveLength(1);
    const headers = Object.fromEntries(all[0]!.headers.map((h) => [h.key.toLowerCase(), h.value]));
    expect(headers).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-robots-tag": "noindex, nofollow" });
    expect(nextConfig.poweredByHeader).toBe(false);
  });
});

describe("CSP directives (proxy.ts)", () => {
  const directives = (csp: string | null) => new Map((csp ?? "").split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(" ")]));

  it.each([
    ["local mode, a page", () => (localMode(), request("/graph"))],
    ["local mode, refused non-loopback Host", () => (localMode(), request("/graph", { host: "lpg.example.com" }))],
    ["sign-in mode, anonymous API", () => (signInMode(), request("/api/report"))],
    ["sign-in mode, anonymous page (redirect)", () => (signInMode(), request("/graph"))],
  ])("%s: object-src 'none', base-uri 'self', form-action 'self', frame-ancestors 'none'", async (_name, make) => {
    const res = await proxy(make());
    const d = directives(res.headers.get("content-security-policy"));
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'self'");
    expect(d.get("form-action")).toBe("'self'");
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("default-src")).toBe("'self'");
  });
});

describe("Cache-Control: private, no-store with sign-in on (proxy.ts)", () => {
  it("on pass-through with a session, on 401, on the redirect to sign-in and on the public sign-in page", async () => {
    signInMode();
    const cookie = await session();
    const responses = {
      "signed-in page": await proxy(request("/graph", { headers: { cookie } })),
      "signed-in API": await proxy(request("/api/report", { headers: { cookie } })),
      "anonymous API": await proxy(request("/api/report")),
      "anonymous page": await proxy(request("/graph")),
      "sign-in page": await proxy(request("/signin")),
    };
    expect(Object.values(responses).map((r) => r.status)).toEqual([200, 200, 401, 307, 200]);
    expect(passedThrough(responses["signed-in API"])).toBe(true);
    for (const [name, res] of Object.entries(responses)) expect(res.headers.get("cache-control"), name).toBe("private, no-store");
  });
});

describe("CSRF: another site's POST is refused before anything else (proxy.ts)", () => {
  const crossSite = { "sec-fetch-site": "cross-site", origin: "https://evil.example", "content-type": "application/json" };
  const sameOrigin = { "sec-fetch-site": "same-origin", origin: ORIGIN, "content-type": "application/json" };
  const SIGN_IN_POST = "/api/auth/callback/credentials";

  async function expectRefused(res: Response) {
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "cross-site request refused" });
    // Refusals carry the same headers as every other answer.
    expect(res.headers.get("content-security-policy")).toContain("object-src 'none'");
  }

  it("POST /api/scan and the sign-in POST, local mode", async () => {
    localMode();
    await expectRefused(await proxy(request("/api/scan", { method: "POST", headers: crossSite })));
    await expectRefused(await proxy(request(SIGN_IN_POST, { method: "POST", headers: crossSite })));
    expect(passedThrough(await proxy(request("/api/scan", { method: "POST", headers: sameOrigin })))).toBe(true);
  });

  it("POST /api/scan and the sign-in POST, sign-in mode, even carrying the user's session cookie", async () => {
    signInMode();
    const cookie = await session();
    await expectRefused(await proxy(request("/api/scan", { method: "POST", headers: { ...crossSite, cookie } })));
    await expectRefused(await proxy(request(SIGN_IN_POST, { method: "POST", headers: crossSite })));
    // The same requests from the dashboard itself go through.
    expect(passedThrough(await proxy(request("/api/scan", { method: "POST", headers: { ...sameOrigin, cookie } })))).toBe(true);
    expect(passedThrough(await proxy(request(SIGN_IN_POST, { method: "POST", headers: sameOrigin })))).toBe(true);
  });
});

describe("reads embedded in another site's page are refused; links from other sites still open (proxy.ts)", () => {
  const embedded = { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors", "sec-fetch-dest": "image" };
  const link = { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" };

  it("local mode: an <img> of the PNG report, a fetch of the search; a link to the graph and to the PNG passes", async () => {
    localMode();
    for (const path of ["/api/report.png", "/api/graph/search?q=orders", "/graph"]) {
      const res = await proxy(request(path, { headers: embedded }));
      expect(res.status, path).toBe(403);
      expect(await res.json()).toEqual({ error: "cross-site request refused" });
      expect(res.headers.get("content-security-policy")).toContain("object-src 'none'");
    }
    for (const path of ["/graph", "/api/report.png"]) expect(passedThrough(await proxy(request(path, { headers: link }))), path).toBe(true);
  });

  it("sign-in mode: refused even with the user's session cookie, which a SameSite=Lax cookie would not send anyway", async () => {
    signInMode();
    const cookie = await session();
    expect((await proxy(request("/api/report", { headers: { ...embedded, cookie } }))).status).toBe(403);
    expect(passedThrough(await proxy(request("/api/report", { headers: { ...link, cookie } })))).toBe(true);
  });
});
