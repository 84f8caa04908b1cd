/**
 * The sign-in budgets guard every request next-auth treats as a password attempt. Next hands the route the
 * catch-all segments percent-decoded (shared/lib/router/utils/route-matcher.js), and next-auth picks the action and
 * provider from them, so `/api/auth/callback/%63redentials` is a password attempt too.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { signInOnWithNoUsers } from "@/test/auth-env";

vi.mock("next-auth", () => ({ default: () => new Response("next-auth ran", { status: 200 }) }));
vi.mock("@/lib/auth/options", () => ({ authOptions: () => ({}) }));

signInOnWithNoUsers();

let route: typeof import("./route");
let throttle: typeof import("@/lib/auth/sign-in-throttle");
const ORIGIN = "http://127.0.0.1:3000";

beforeAll(async () => {
  (await import("@/lib/http/client-address")).vouchForClientAddressHeader();
  route = await import("./route");
  throttle = await import("@/lib/auth/sign-in-throttle");
});

function post(path: string, address: string): Request {
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers: { "x-lpg-client-address": address }, body: "username=alice&password=guess" });
}

/** The segments as Next decodes them from `path`. */
function ctx(path: string) {
  const nextauth = path.replace(/^\/api\/auth\//, "").split("/").map(decodeURIComponent);
  return { params: Promise.resolve({ nextauth }) };
}

describe("POST /api/auth/[...nextauth]: the sign-in budgets", () => {
  it("a client that spent its budget is refused however the path is spelled", async () => {
    const address = "203.0.113.77";
    for (let i = 0; i < throttle.SIGN_IN_ATTEMPTS_PER_CLIENT; i++) expect(throttle.signInThrottle(post("/api/auth/callback/credentials", address))).toBeNull();
    for (const path of ["/api/auth/callback/credentials", "/api/auth/callback/%63redentials", "/api/auth/%63allback/credentials", "/api/auth/callback/credential%73", "/api/auth/callback/credentials/x"]) {
      const res = await route.POST(post(path, address), ctx(path));
      expect(res.status, path).toBe(429);
    }
  });

  it("other next-auth requests are not counted", async () => {
    const path = "/api/auth/session";
    const res = await route.GET(new Request(`${ORIGIN}${path}`, { headers: { "x-lpg-client-address": "203.0.113.77" } }), ctx(path));
    expect(res.status).toBe(200);
  });
});

describe("GET /api/auth/callback/credentials", () => {
  it("is a 405 naming POST, not next-auth's 500 (it supports no other method there), and is not counted", async () => {
    for (const path of ["/api/auth/callback/credentials", "/api/auth/callback/%63redentials"]) {
      const res = await route.GET(new Request(`${ORIGIN}${path}`, { headers: { "x-lpg-client-address": "198.51.100.9" } }), ctx(path));
      expect(res.status, path).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expect(await res.text()).toContain("/signin");
    }
    // Other callbacks (OAuth providers answer GET) still reach next-auth.
    const path = "/api/auth/callback/github";
    expect((await route.GET(new Request(`${ORIGIN}${path}`), ctx(path))).status).toBe(200);
  });
});

describe("GET /api/auth/error", () => {
  it("without an error goes to the sign-in page as is, not to /signin?error=undefined", async () => {
    const path = "/api/auth/error";
    const res = await route.GET(new Request(`${ORIGIN}${path}`), ctx(path));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/signin");
  });

  // Public: anyone could make the server answer 500 and log a stack trace with a crafted link.
  it.each([
    ["AccessDenied", "/signin?error=AccessDenied"],
    ["\r\nSet-Cookie: x=1", "/signin?error=%0D%0ASet-Cookie%3A%20x%3D1"],
    ["\u202e", "/signin?error=%E2%80%AE"],
    ["a b#c&d", "/signin?error=a%20b%23c%26d"],
  ])("with error=%j goes to the sign-in page with it percent-encoded, never next-auth's raw Location", async (error, location) => {
    const path = "/api/auth/error";
    const res = await route.GET(new Request(`${ORIGIN}${path}?error=${encodeURIComponent(error)}`), ctx(path));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(location);
  });
});

describe("/api/auth/* in local mode", () => {
  it("is a JSON 404 saying sign-in is not configured, not next-auth's 500 for its missing secret", async () => {
    const saved = { users: process.env.LPG_USERS_FILE };
    delete process.env.LPG_USERS_FILE;
    try {
      for (const path of ["/api/auth/session", "/api/auth/providers", "/api/auth/callback/credentials"]) {
        const res = await route.GET(new Request(`${ORIGIN}${path}`), ctx(path));
        expect(res.status, path).toBe(404);
        expect(await res.json()).toEqual({ error: "sign-in is not configured on this server (local mode)" });
      }
    } finally {
      process.env.LPG_USERS_FILE = saved.users;
    }
  });
});
