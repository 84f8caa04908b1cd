/**
 * Signing out ends the session on the server too: a copy of the cookie taken before (another browser profile, a
 * proxy log) is refused afterwards, while the same user's other sessions go on.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { buildAuthOptions } from "./options";
import { signedInUser } from "./identity";
import { signInToken, stubGitHubSignIn } from "@/test/github-sign-in";

const SECRET = "sign-out-secret-0123456789-abcdefghijklm";

beforeAll(() => {
  stubGitHubSignIn(SECRET);
});
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** A cookie as next-auth sets it at sign-in (the jwt callback with the account), signed in at `at`. */
async function signInCookie(at: Date): Promise<string> {
  vi.setSystemTime(at);
  return encode({ token: await signInToken(), secret: SECRET });
}

const accepted = async (cookie: string) =>
  (await signedInUser(new NextRequest("http://127.0.0.1:3000/api/report", { headers: { host: "127.0.0.1:3000", cookie: `next-auth.session-token=${cookie}` } }))) !== null;

describe("sign-out", () => {
  it("refuses the signed-out session's cookie afterwards, not the user's other sessions", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const laptop = await signInCookie(new Date("2026-03-02T08:00:00Z"));
    const phone = await signInCookie(new Date("2026-03-02T08:00:30Z"));
    expect(await accepted(laptop)).toBe(true);
    expect(await accepted(phone)).toBe(true);

    // What next-auth's POST /api/auth/signout does with the cookie it clears.
    await buildAuthOptions(process.env).events!.signOut!({ token: (await decode({ token: laptop, secret: SECRET }))! } as never);

    expect(await accepted(laptop), "a copy of the signed-out cookie still opened the dashboard").toBe(false);
    expect(await accepted(phone)).toBe(true);
  });
});
