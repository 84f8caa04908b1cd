/**
 * A session lasts 12 hours from signing in, however often it is used. next-auth re-issues the JWT cookie with a new
 * expiry on every GET /api/auth/session (a sliding window), so without a sign-in time of our own a copied cookie
 * could be kept alive for ever by asking for the session now and then.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { encode, type JWT } from "next-auth/jwt";
import { buildAuthOptions } from "./options";
import { signedInUser } from "./identity";
import { SESSION_MAX_AGE_SECONDS } from "./access";
import { signInToken, stubGitHubSignIn } from "@/test/github-sign-in";

const SECRET = "lifetime-secret-0123456789-abcdefghijklmn";
const START = new Date("2026-03-02T08:00:00Z");

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START);
  stubGitHubSignIn(SECRET);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const options = () => buildAuthOptions(process.env);

/** What GET /api/auth/session does: the jwt callback without an account, re-encoded with a fresh expiry. */
async function refreshed(token: JWT): Promise<JWT> {
  return (await options().callbacks!.jwt!({ token } as never)) as JWT;
}

async function accepted(token: JWT): Promise<boolean> {
  const cookie = `next-auth.session-token=${await encode({ token, secret: SECRET, maxAge: SESSION_MAX_AGE_SECONDS })}`;
  return (await signedInUser(new NextRequest("http://127.0.0.1:3000/api/report", { headers: { host: "127.0.0.1:3000", cookie } }))) !== null;
}

describe("session lifetime", () => {
  it("is next-auth's cookie lifetime too", () => {
    expect(options().session?.maxAge).toBe(SESSION_MAX_AGE_SECONDS);
    expect(SESSION_MAX_AGE_SECONDS).toBe(12 * 3600);
  });

  it("a session refreshed through /api/auth/session still ends 12 hours after signing in", async () => {
    let token = await signInToken();
    expect(await accepted(token)).toBe(true);
    // Used all day: every hour the session endpoint re-issues the cookie with a new 12-hour expiry.
    for (let hour = 1; hour < 12; hour++) {
      vi.setSystemTime(START.getTime() + hour * 3600_000);
      token = await refreshed(token);
      expect(await accepted(token), `hour ${hour}`).toBe(true);
    }
    vi.setSystemTime(START.getTime() + 12 * 3600_000 + 1000);
    // accepted() encodes the token anew: a fresh cookie, as the endpoint issued before.
    expect(await accepted(token), "a fresh cookie of a 12-hour-old sign-in").toBe(false);
    // Nor does the session endpoint issue one any more: it answers no session (app/api/auth/[...nextauth]/session.test.ts).
    await expect(refreshed(token)).rejects.toThrow(/session has ended/);
  });

  it("refuses a token without a sign-in time (issued before this check) or with one in the future", async () => {
    const { signedInAt: _dropped, ...unstamped } = await signInToken();
    expect(await accepted(unstamped as JWT)).toBe(false);
    expect(await accepted({ ...(await signInToken()), signedInAt: Math.floor(START.getTime() / 1000) + 3600 })).toBe(false);
  });
});
