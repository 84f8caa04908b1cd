/**
 * GET /api/auth/session for a session the app no longer accepts (12 hours after sign-in, or signed out): next-auth
 * answered the user's name and re-issued the cookie, which every page and API then refused, so the browser kept
 * showing a signed-in user it could not serve. Such a session is answered empty and its cookie cleared.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { signInToken, stubGitHubSignIn } from "@/test/github-sign-in";
import { answerNextHeadersFrom } from "@/test/next-headers-from";
import { useDataDir } from "@/test/data-dir";

const SECRET = "dead-session-secret-0123456789-abcdefghij";
const ORIGIN = "http://127.0.0.1:3000";
const COOKIE = "next-auth.session-token";
const START = new Date("2026-03-02T08:00:00Z");
/** Where the sign-out below is recorded (lib/auth/signed-out.ts), not the working directory's store. */
useDataDir("lpg-session-route-");

/** The request next-auth's route is answering (test/next-headers-from.ts). */
const current: { req: Request | null } = { req: null };
let restoreNextHeaders = () => {};

let route: typeof import("./route");
let options: typeof import("@/lib/auth/options");

beforeAll(async () => {
  stubGitHubSignIn(SECRET, ORIGIN);
  restoreNextHeaders = answerNextHeadersFrom(() => current.req);
  options = await import("@/lib/auth/options");
  route = await import("./route");
});
afterEach(() => vi.useRealTimers());
afterAll(() => {
  restoreNextHeaders();
  vi.unstubAllEnvs();
});

/** A cookie as next-auth sets it at sign-in (the jwt callback with the account), signed in at START. */
async function signInCookie(): Promise<string> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START);
  return encode({ token: await signInToken({ name: "Carol" }), secret: SECRET });
}

/** GET /api/auth/session with `cookie`: the body and the session cookie the answer sets ("" when cleared). */
async function session(cookie: string): Promise<{ body: Record<string, unknown>; setCookie: string | undefined }> {
  const req = new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { host: "127.0.0.1:3000", cookie: `${COOKIE}=${cookie}` } });
  current.req = req;
  const res = await route.GET(req, { params: Promise.resolve({ nextauth: ["session"] }) });
  expect(res.status).toBe(200);
  const set = (res as Response).headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));
  return { body: (await res.json()) as Record<string, unknown>, setCookie: set };
}

const cleared = (setCookie: string | undefined) => setCookie !== undefined && setCookie.startsWith(`${COOKIE}=;`) && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(setCookie);

describe("GET /api/auth/session", () => {
  it("answers a live session with its user and re-issues its cookie", async () => {
    const cookie = await signInCookie();
    vi.setSystemTime(START.getTime() + 11 * 3600_000);
    const { body, setCookie } = await session(cookie);
    expect((body.user as { email?: string } | undefined)?.email).toBe("carol@example.com");
    expect(setCookie).toMatch(new RegExp(`^${COOKIE}=[^;]+;`));
  });

  it("answers a session 12 hours after sign-in as none, and clears its cookie, without logging an error", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const cookie = await signInCookie();
      vi.setSystemTime(START.getTime() + 12 * 3600_000 + 1000);
      const { body, setCookie } = await session(cookie);
      expect(body).toEqual({});
      expect(cleared(setCookie), setCookie).toBe(true);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it("answers a signed-out session as none, and clears its cookie", async () => {
    const cookie = await signInCookie();
    // What next-auth's POST /api/auth/signout does with the cookie it clears in that browser; this is a copy.
    await options.buildAuthOptions(process.env).events!.signOut!({ token: (await decode({ token: cookie, secret: SECRET }))! } as never);
    const { body, setCookie } = await session(cookie);
    expect(body).toEqual({});
    expect(cleared(setCookie), setCookie).toBe(true);
  });
});
