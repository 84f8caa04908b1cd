/**
 * Signing out ends the session on the server too: a copy of the cookie taken before (another browser profile, a
 * proxy log) is refused afterwards, by this server process and by any other sharing the data directory (a restart,
 * a second one behind a load balancer), while the same user's other sessions go on.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { buildAuthOptions } from "./options";
import { signedInUser } from "./identity";
import { SIGNED_OUT_DIR } from "./signed-out";
import { signInToken, stubGitHubSignIn } from "@/test/github-sign-in";
import { useDataDir } from "@/test/data-dir";

const SECRET = "sign-out-secret-0123456789-abcdefghijklm";
const ROOT = join(import.meta.dirname, "../..");
const dataDir = useDataDir("lpg-sign-out-");

beforeAll(() => stubGitHubSignIn(SECRET));
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

/** What next-auth's POST /api/auth/signout does with the cookie it clears. */
async function signOut(cookie: string): Promise<void> {
  await buildAuthOptions(process.env).events!.signOut!({ token: (await decode({ token: cookie, secret: SECRET }))! } as never);
}

/** The answer of another server process, started now with this environment: it shares nothing but the disk. */
function newServerProcess(cookie: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "test/accepts-session.ts"), cookie], {
    cwd: ROOT,
    env: { ...process.env },
    encoding: "utf8",
  });
}

describe("sign-out", () => {
  it("refuses the signed-out session's cookie afterwards, not the user's other sessions", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const laptop = await signInCookie(new Date("2026-03-02T08:00:00Z"));
    const phone = await signInCookie(new Date("2026-03-02T08:00:30Z"));
    expect(await accepted(laptop)).toBe(true);
    expect(await accepted(phone)).toBe(true);

    await signOut(laptop);

    expect(await accepted(laptop), "a copy of the signed-out cookie still opened the dashboard").toBe(false);
    expect(await accepted(phone)).toBe(true);
    vi.useRealTimers();
  });

  it("is known to a new server process sharing the data directory (a restart, a second server)", async () => {
    const copied = await encode({ token: await signInToken(), secret: SECRET });
    expect(newServerProcess(copied), "the other process does not recognise a live session").toBe("accepted");

    await signOut(copied);

    expect(newServerProcess(copied), "a new server process accepted a cookie signed out before it started").toBe("refused");
  }, 60_000);

  it("forgets a sign-out once its session would have ended anyway", async () => {
    const own = join(dataDir, "expiry");
    vi.stubEnv("LPG_DATA_DIR", own);
    vi.useFakeTimers({ toFake: ["Date"] });
    const old = await signInCookie(new Date("2026-03-02T08:00:00Z"));
    await signOut(old);
    const recorded = readdirSync(join(own, SIGNED_OUT_DIR));
    expect(recorded).toHaveLength(1);
    // 12 hours after the first sign-in, another sign-out clears the record of the session that has now ended.
    await signOut(await signInCookie(new Date("2026-03-02T20:00:00Z")));
    const left = readdirSync(join(own, SIGNED_OUT_DIR));
    expect(left).toHaveLength(1);
    expect(left).not.toContain(recorded[0]);
    vi.useRealTimers();
    vi.stubEnv("LPG_DATA_DIR", dataDir);
  });
});
