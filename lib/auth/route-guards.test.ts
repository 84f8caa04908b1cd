/**
 * Defence in depth behind proxy.ts: every API route handler found under app/ checks access itself. Asked in local
 * mode through a non-loopback Host (what proxy.ts refuses first), each one refuses too, before touching any data;
 * with sign-in configured, each one answers 401 to a request without a session.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { credentialStamp } from "./password";
import { isPublicPath } from "./access";
import { listAppRoutes } from "./app-routes";
import { DEMO_SNAPSHOT, useDataDir } from "@/test/data-dir";

const root = path.resolve(__dirname, "../..");
const dir = useDataDir("lpg-route-guards-", { demo: DEMO_SNAPSHOT });
const api = listAppRoutes(root).filter((r) => r.kind === "api" && !isPublicPath(r.samplePath));

describe("API route handlers repeat the access check", () => {
  it("finds the API routes", () => {
    expect(api.length).toBeGreaterThanOrEqual(8);
    // The graph page's own, the details a click fetches among them.
    expect(api.map((r) => r.pattern)).toEqual(expect.arrayContaining(["/api/graph", "/api/graph/details", "/api/graph/list", "/api/graph/search"]));
  });

  it.each(api.map((r) => [r.pattern, r] as const))("%s refuses a non-loopback Host in local mode", async (_pattern, route) => {
    const mod = (await import(path.join(root, route.file))) as Record<string, unknown>;
    const handlers = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function");
    expect(handlers.length).toBeGreaterThan(0);
    for (const method of handlers) {
      const request = new NextRequest(`http://lpg.example.com${route.samplePath}`, {
        method,
        headers: { host: "lpg.example.com", "content-type": "application/json" },
        ...(method === "GET" ? {} : { body: "{}" }),
      });
      const res = (await (mod[method] as (r: NextRequest) => Promise<Response>)(request)) as Response;
      expect(res.status, `${method} ${route.pattern}`).toBe(403);
    }
  });
});

describe("API route handlers refuse anonymous requests when sign-in is configured", () => {
  const SECRET = "test-secret-0123456789abcdef0123456789";
  // A well-formed hash: the session check asks whether the user is still listed with the hash it signed in against.
  const HASH = "scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

  beforeAll(() => {
    const usersFile = path.join(dir, "users.txt");
    writeFileSync(usersFile, `alice:${HASH}\n`);
    vi.stubEnv("NEXTAUTH_SECRET", SECRET);
    vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3000");
    vi.stubEnv("LPG_USERS_FILE", usersFile);
    vi.stubEnv("LPG_ALLOW_UNAUTHENTICATED", "");
  });
  afterAll(() => vi.unstubAllEnvs());

  it("a session cookie is recognised in this setup (so the 401s below come from the missing session)", async () => {
    const { GET } = (await import(path.join(root, "app/api/snapshots/route.ts"))) as { GET: (r: NextRequest) => Promise<Response> };
    const token = { name: "alice", provider: "credentials", sub: "alice", credential: credentialStamp(HASH, SECRET), signedInAt: Math.floor(Date.now() / 1000) };
    const cookie = `next-auth.session-token=${await encode({ token, secret: SECRET })}`;
    const res = await GET(new NextRequest("http://127.0.0.1:3000/api/snapshots", { headers: { host: "127.0.0.1:3000", cookie } }));
    expect(res.status).toBe(200);
  });

  it.each(api.map((r) => [r.pattern, r] as const))("%s answers 401 without a session cookie", async (_pattern, route) => {
    const mod = (await import(path.join(root, route.file))) as Record<string, unknown>;
    const handlers = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function");
    expect(handlers.length).toBeGreaterThan(0);
    for (const method of handlers) {
      // A loopback Host, as proxy.ts would let through in local mode: only the missing session can refuse it.
      const request = new NextRequest(`http://127.0.0.1:3000${route.samplePath}`, {
        method,
        headers: { host: "127.0.0.1:3000", "content-type": "application/json" },
        ...(method === "GET" ? {} : { body: "{}" }),
      });
      const res = (await (mod[method] as (r: NextRequest) => Promise<Response>)(request)) as Response;
      expect(res.status, `${method} ${route.pattern}`).toBe(401);
      expect(await res.json()).toEqual({ error: "sign-in required" });
    }
  });
});
