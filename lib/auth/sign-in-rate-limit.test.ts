/**
 * docs/deploy.md: "Each username gets 10 attempts per 15 minutes." Through the password provider's authorize(), on a
 * frozen clock (fake Date installed before the limiter loads), so refills happen only when the test moves time.
 * Its own file: the limiter is per process, and options.test.ts spends the server-wide bucket.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type Authorize = (c: Record<string, string>) => Promise<unknown>;
const dir = mkdtempSync(path.join(tmpdir(), "lpg-sign-in-limit-"));
const PASSWORD = "correct horse battery";
let authorize: Authorize;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-20T10:00:00Z") });
  const { hashPassword } = await import("./password");
  const { buildAuthOptions } = await import("./options");
  const hash = await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 }); // the smallest cost users files accept: fast
  const usersFile = path.join(dir, "users");
  writeFileSync(usersFile, `alice:${hash}\nbob:${hash}\n`);
  const env = { NEXTAUTH_SECRET: "s".repeat(32), LPG_USERS_FILE: usersFile };
  const cred = buildAuthOptions(env).providers.find((p) => p.id === "credentials") as unknown as { options: { authorize: Authorize } };
  authorize = cred.options.authorize;
});
afterAll(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

/** "user" when signed in, "wrong" for a refused password, or the error message (the rate limit throws). */
const attempt = (username: string, password: string) =>
  authorize({ username, password }).then(
    (u) => (u ? "user" : "wrong"),
    (e: Error) => e.message,
  );

describe("password sign-in: 10 attempts per 15 minutes per username", () => {
  it("the 11th attempt within the window is refused, even with the right password; other users are unaffected", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) outcomes.push(await attempt("alice", `wrong guess ${i}`));
    expect(outcomes).toEqual(Array(10).fill("wrong"));
    expect(await attempt("alice", PASSWORD)).toBe("Too many sign-in attempts for this user; wait a few minutes.");
    expect(await attempt("ALICE", PASSWORD)).toBe("Too many sign-in attempts for this user; wait a few minutes."); // case-insensitive
    expect(await attempt("bob", PASSWORD)).toBe("user");
  });

  it("one attempt comes back after 90 s (10 per 15 minutes), not before", async () => {
    vi.advanceTimersByTime(89_000);
    expect(await attempt("alice", PASSWORD)).toMatch(/^Too many sign-in attempts for this user/);
    vi.advanceTimersByTime(2_000);
    expect(await attempt("alice", PASSWORD)).toBe("user");
    expect(await attempt("alice", PASSWORD)).toMatch(/^Too many sign-in attempts for this user/);
  });

  it("a username is only a username: attempts as \"*\" spend no one else's budget", async () => {
    // Usernames are free text; they once shared a key space with the server-wide budget ("signin:*").
    for (let i = 0; i < 12; i++) await attempt("*", `guess ${i}`);
    expect(await attempt("bob", PASSWORD)).toBe("user");
  });
});
