/**
 * Proves, for every route under app/ (pages and route handlers, including ones added after this test was
 * written), that the proxy refuses anonymous requests when sign-in is on, lets a valid session through, and
 * that local mode answers loopback Hosts only. Runs the real proxy() on real NextRequests.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { config, proxy } from "@/proxy";
import { decideAccess, isPublicPath } from "@/lib/auth/access";
import { listAppRoutes } from "@/lib/auth/app-routes";
import { credentialStamp } from "@/lib/auth/password";

const ROOT = join(import.meta.dirname, "..");
const routes = listAppRoutes(ROOT);
const SECRET = "test-secret-0123456789abcdef0123456789";
const HASH = "scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const ORIGIN = "http://127.0.0.1:3000";
let usersFile = "";

beforeAll(() => {
  usersFile = join(mkdtempSync(join(tmpdir(), "lpg-routes-")), "users.txt");
  writeFileSync(usersFile, `alice:${HASH}\n`);
});

afterEach(() => vi.unstubAllEnvs());

function authOn() {
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.stubEnv("NEXTAUTH_URL", ORIGIN);
  vi.stubEnv("LPG_USERS_FILE", usersFile);
  vi.stubEnv("LPG_ALLOW_UNAUTHENTICATED", "");
}

function request(path: string, init: { host?: string; cookie?: string } = {}) {
  const headers: Record<string, string> = { host: init.host ?? "127.0.0.1:3000" };
  if (init.cookie) headers.cookie = init.cookie;
  return new NextRequest(`${ORIGIN}${path}`, { headers });
}

/** A token signed in just now, as options.ts's jwt callback stamps it, unless `token` says otherwise. */
async function sessionCookie(token: Record<string, unknown>, secret = SECRET) {
  return `next-auth.session-token=${await encode({ token: { signedInAt: Math.floor(Date.now() / 1000), ...token }, secret })}`;
}

const passedThrough = (res: Response) => res.headers.get("x-middleware-next") === "1";
const refused = routes.filter((r) => !isPublicPath(r.samplePath));

describe("route enumeration", () => {
  it("finds the app's pages and route handlers", () => {
    const patterns = routes.map((r) => `${r.kind} ${r.pattern}`);
    expect(patterns).toEqual(expect.arrayContaining(["page /", "page /graph", "page /signin", "api /api/report", "api /api/auth/[...nextauth]", "metadata /icon.svg"]));
  });

  it("only the sign-in page, next-auth's endpoints and the app's icon are public", () => {
    expect(routes.filter((r) => isPublicPath(r.samplePath)).map((r) => r.pattern).sort()).toEqual(["/api/auth/[...nextauth]", "/icon.svg", "/signin"]);
  });

  it("the proxy runs on every route", () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    for (const r of routes) expect(matcher.test(r.samplePath), r.file).toBe(true);
    expect(matcher.test("/_next/static/chunks/main.js")).toBe(false);
  });
});

describe("auth on: anonymous requests are refused on every route", () => {
  it.each(refused.map((r) => [r.samplePath, r]))("%s", async (_path, r) => {
    authOn();
    const expected = r.samplePath.startsWith("/api/") ? "unauthorized" : "sign-in";
    expect(decideAccess({ pathname: r.samplePath, authEnabled: true, signedIn: false, host: "127.0.0.1", allowUnauthenticated: false }).kind).toBe(expected);
    const res = await proxy(request(`${r.samplePath}?snapshot=latest`));
    expect(passedThrough(res)).toBe(false);
    if (expected === "unauthorized") {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "sign-in required" });
    } else {
      expect(res.status).toBe(307);
      const to = new URL(res.headers.get("location")!);
      expect(to.pathname).toBe("/signin");
      expect(to.searchParams.get("callbackUrl")).toBe(`${r.samplePath}?snapshot=latest`);
    }
  });

  it("LPG_ALLOW_UNAUTHENTICATED does not open a server that has sign-in configured", async () => {
    authOn();
    vi.stubEnv("LPG_ALLOW_UNAUTHENTICATED", "1");
    expect((await proxy(request("/api/report"))).status).toBe(401);
  });
});

describe("auth on: sessions", () => {
  it("a valid session passes on every route", async () => {
    authOn();
    const cookie = await sessionCookie({ name: "alice", provider: "credentials", sub: "alice", credential: credentialStamp(HASH, SECRET) });
    for (const r of routes) expect(passedThrough(await proxy(request(r.samplePath, { cookie }))), r.file).toBe(true);
  });

  it.each([
    ["a token signed with another secret", { name: "alice", provider: "credentials" }, "another-secret-0123456789abcdef0123"],
    ["a user removed from the users file", { name: "bob", provider: "credentials", credential: credentialStamp(HASH, SECRET) }, SECRET],
    ["a password session signed in against another hash (a changed password)", { name: "alice", provider: "credentials", credential: credentialStamp(`${HASH}x`, SECRET) }, SECRET],
    ["a provider that is not configured", { email: "alice@example.com", provider: "github" }, SECRET],
    ["a token without provider", { name: "alice" }, SECRET],
  ])("refuses %s", async (_name, token, secret) => {
    authOn();
    const cookie = await sessionCookie(token, secret);
    expect((await proxy(request("/api/report", { cookie }))).status).toBe(401);
    expect((await proxy(request("/graph", { cookie }))).status).toBe(307);
  });

  it("re-checks the allowlist: an OAuth session ends when its address leaves the list", async () => {
    authOn();
    vi.stubEnv("GITHUB_ID", "id");
    vi.stubEnv("GITHUB_SECRET", "secret");
    vi.stubEnv("LPG_ALLOWED_EMAILS", "carol@example.com");
    const cookie = await sessionCookie({ email: "carol@example.com", provider: "github" });
    expect(passedThrough(await proxy(request("/api/report", { cookie })))).toBe(true);
    vi.stubEnv("LPG_ALLOWED_EMAILS", "dave@example.com");
    expect((await proxy(request("/api/report", { cookie }))).status).toBe(401);
  });
});

describe("local mode (no provider)", () => {
  it.each(routes.map((r) => [r.samplePath]))("%s answers loopback Hosts only", async (path) => {
    vi.stubEnv("LPG_ALLOW_UNAUTHENTICATED", "");
    for (const host of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000"]) {
      expect(passedThrough(await proxy(request(path, { host }))), host).toBe(true);
    }
    for (const host of ["192.168.1.20:3000", "lpg.example.com", "127.0.0.1.evil.example", ""]) {
      const res = await proxy(request(path, { host }));
      expect(res.status, host).toBe(403);
      expect(await res.text()).toMatch(/local mode.*LPG_ALLOW_UNAUTHENTICATED=1/s);
    }
  });

  it("LPG_ALLOW_UNAUTHENTICATED=1 lets a fronting proxy's Host through", async () => {
    vi.stubEnv("LPG_ALLOW_UNAUTHENTICATED", "1");
    expect(passedThrough(await proxy(request("/graph", { host: "lpg.example.com" })))).toBe(true);
  });
});

describe("CSP on every response", () => {
  it("carries a fresh nonce, no inline scripts, frame-ancestors 'none'", async () => {
    vi.stubEnv("LPG_ALLOW_UNAUTHENTICATED", "");
    const a = (await proxy(request("/graph"))).headers.get("content-security-policy")!;
    const b = (await proxy(request("/graph"))).headers.get("content-security-policy")!;
    authOn();
    const refusedCsp = (await proxy(request("/api/report"))).headers.get("content-security-policy");
    for (const csp of [a, b, refusedCsp]) {
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'(;|$)/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp!.match(/script-src[^;]*/)![0]).not.toMatch(/unsafe-inline|unsafe-eval/);
    }
    expect(a.match(/nonce-([^']+)/)![1]).not.toBe(b.match(/nonce-([^']+)/)![1]);
  });
});
